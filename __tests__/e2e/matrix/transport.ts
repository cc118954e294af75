/**
 * Transport faults on every call the action makes: a throttling storm and a 5xx burst longer than the SDK's own
 * attempts, a connection reset before and after the response's headers, and a response that stalls before and after
 * its headers. Each operation says what kb-sync must make of each fault; every stalled run must still end within
 * its phase's deadline (the recorder checks that for every run).
 */
import { expect } from '@jest/globals'
import { TOKEN_ATTEMPTS } from '../../../src/aws/github-oidc.js'
import type { CallMatcher } from '../../../local/stack.js'
import type { Stack } from '../../../local/stack.js'
import { actionCalls } from '../support/e2e.js'
import type { AreaTable, Inputs, MatrixContext, MatrixRun, Scenario, Status } from './support/matrix.js'

type FaultKind = 'throttle' | '5xx' | 'reset-before' | 'reset-after' | 'stall-before' | 'stall-after'

interface Outcome {
  /** What kb-sync does, for RELIABILITY.md. */
  does: string
  expect: Status
  /** Waits out a 30–60 s timeout. */
  long?: boolean
  /** What the converging run (faults disarmed) ends as; none when the faulted run already converged. */
  then?: Status[]
  check?(run: MatrixRun, stack: Stack): void | Promise<void>
}

interface Operation {
  /** As the fault hooks name it. */
  op: string
  /** As the test names it. */
  label: string
  /** The client's attempts (the SDK's, or the token request's own): a storm is longer. */
  attempts: number
  seed: number
  inputs: (stack: Stack, kind: FaultKind) => Inputs
  /** The 5xx the service answers with. */
  serverError: { status: number; code: string }
  /** Only the action's calls (the Lambda makes some of the same). */
  match?: (stack: Stack) => CallMatcher
  /** Faults that strike every attempt (a stall the SDK retries), rather than once. */
  stallTimes?: number
  outcomes: Record<FaultKind, Outcome>
}

const KIND_NAMES: Record<FaultKind, (op: Operation) => string> = {
  throttle: (op) =>
    `throttling storm (${op.attempts + 2} throttled answers, longer than the client's ${op.attempts} attempts)`,
  '5xx': (op) =>
    `5xx burst (${op.attempts + 1} × ${op.serverError.status} ${op.serverError.code}, longer than the client's ${op.attempts} attempts)`,
  'reset-before': () => 'connection reset before the response headers',
  'reset-after': () => 'connection reset after the response headers, mid-body',
  'stall-before': () => 'response stalled before its headers',
  'stall-after': () => 'response stalled after its headers, mid-body'
}

function arm(kind: FaultKind, op: Operation, stack: Stack): { cancel(): void } {
  const match = op.match?.(stack)
  const filter = (times: number) => (match ? { times, match } : { times })
  switch (kind) {
    case 'throttle':
      return stack.faults.throttle(op.op, filter(op.attempts + 2))
    case '5xx':
      return stack.faults.error(op.op, op.serverError, filter(op.attempts + 1))
    case 'reset-before':
      return stack.faults.reset(op.op, { ...filter(1), phase: 'before-headers' })
    case 'reset-after':
      return stack.faults.reset(op.op, { ...filter(1), phase: 'after-headers', bytes: 5 })
    case 'stall-before':
      return stack.faults.stall(op.op, { ...filter(op.stallTimes ?? 1), phase: 'before-headers' })
    case 'stall-after':
      return stack.faults.stall(op.op, { ...filter(op.stallTimes ?? 1), phase: 'after-headers', bytes: 5 })
  }
}

const actionOnly =
  (stack: Stack): CallMatcher =>
  (_key, request) =>
    request.accessKeyId === stack.env.AWS_ACCESS_KEY_ID

function count(stack: Stack, call: string): number {
  return actionCalls(stack).filter((c) => c === call).length
}

const completed = (does: string): Outcome => ({ does, expect: 'completed' })
const RETRIED = 'Retried by the SDK; the run completes.'
const RETRIED_WHILE_TIME =
  "The SDK's attempts, then the action's own retries with backoff while ingestion_timeout_minutes lasts; the run completes."
const ingestionTimedOut = (call: string, does: string): Outcome => ({
  does,
  expect: 'failed',
  then: ['completed', 'skipped'],
  check: (run) => {
    expect(run.errorText).toMatch(new RegExp(`Timed out after ingestion_timeout_minutes = 0\\.05.*${call}`))
  }
})

const STS_TIMED_OUT =
  "Each attempt is given up after 30 s; at the credentials step's 60 s the run fails, 'Credentials were not obtained within 60 s'; no other call is made."
const OIDC_TIMED_OUT =
  "At the credentials step's 60 s the run fails, 'Credentials were not obtained within 60 s', and the process exits though the request is still open."

const LIST_TIMED_OUT =
  "At ingestion_timeout_minutes (3 s here) the run fails: 'Timed out … waiting for bedrock:ListIngestionJobs … to answer'; no job starts; the next run ingests."

const OPERATIONS: Operation[] = [
  {
    op: 'Invoke',
    label: 'Lambda Invoke',
    attempts: 3,
    seed: 8,
    // A stall is waited out to a 4 s deadline; otherwise the batch has all the time it needs to run and answer.
    inputs: (_stack, kind): Inputs => (kind.startsWith('stall') ? { sync_timeout_seconds: '2' } : {}),
    serverError: { status: 500, code: 'ServiceException' },
    outcomes: {
      // Only answers that prove the function did not run are retried; nothing else is re-sent.
      throttle: {
        does: 'Retried by the SDK (a 429 proves the function did not run); past its 3 attempts the run fails naming lambda:InvokeFunction and the throttling, nothing having run; the next run syncs everything.',
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toContain('lambda:InvokeFunction')
          expect(run.errorText).toContain('throttled')
          expect(count(stack, 'lambda:Invoke')).toBe(3)
          expect(stack.invocations()).toEqual([])
        }
      },
      '5xx': {
        does: 'Not re-sent (the function may have run); the run fails saying the batch may have run and counts it; the next run syncs everything.',
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toMatch(/ServiceException.*may have run.*not retried/)
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
        }
      },
      'reset-before': {
        does: 'Not re-sent (the request was out, so the function may have run); the run fails saying so and counts the batch; the next run syncs everything.',
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toMatch(/Batch 1: .*ECONNRESET.*may have run.*not retried/)
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
        }
      },
      'reset-after': {
        does: 'The batch ran and its answer was lost: not re-sent; the run fails saying the batch may have run and counts it; what it synced is ingested; the next run finds nothing left.',
        expect: 'failed',
        then: ['completed', 'skipped'],
        check: (run, stack) => {
          expect(run.errorText).toMatch(/Batch 1: .*may have run.*not retried/)
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
          expect(stack.invocations()).toHaveLength(1)
        }
      },
      'stall-before': {
        does: 'Given up after sync_timeout_seconds + 2 s and not re-sent; the run fails saying the Lambda may still be running; the next run syncs everything.',
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toContain('within sync_timeout_seconds = 2; it may still be running')
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
        }
      },
      'stall-after': {
        does: 'The batch ran and its answer never ends: given up after sync_timeout_seconds + 2 s, not re-sent; the run fails saying the Lambda may still be running.',
        expect: 'failed',
        then: ['completed', 'skipped'],
        check: (run, stack) => {
          expect(run.errorText).toContain('within sync_timeout_seconds = 2; it may still be running')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
          expect(stack.invocations()).toHaveLength(1)
        }
      }
    }
  },
  {
    op: 'dynamodb:Query',
    label: 'DynamoDB Query (backlog count)',
    attempts: 4,
    seed: 8,
    inputs: () => ({}),
    serverError: { status: 500, code: 'InternalServerError' },
    match: actionOnly,
    outcomes: {
      // The count is optional: unreadable, it is a warning and the run goes on.
      throttle: {
        does: "The SDK's 4 attempts are throttled: the count becomes a warning ('Backlog count unavailable'), draining goes on by has_more, the run completes.",
        expect: 'completed',
        check: (run) => {
          expect(run.warningText).toContain('Backlog count unavailable, continuing without it')
          expect(run.warningText).toContain('dynamodb:Query')
          expect(run.outputs.backlog_remaining).toBe('')
        }
      },
      '5xx': {
        does: 'The count becomes a warning, draining goes on by has_more, the run completes.',
        expect: 'completed',
        check: (run) => expect(run.warningText).toContain('Backlog count unavailable, continuing without it')
      },
      'reset-before': {
        does: 'Retried by the SDK; the count is read; the run completes.',
        expect: 'completed',
        check: (run) => expect(run.outputs.backlog_remaining).toBe('0')
      },
      'reset-after': {
        does: 'Retried by the SDK; the count is read; the run completes.',
        expect: 'completed',
        check: (run) => expect(run.outputs.backlog_remaining).toBe('0')
      },
      'stall-before': {
        does: "Given up after the client's 30 s and retried by the SDK, well within the sync phase's time; the run completes.",
        expect: 'completed',
        long: true
      },
      'stall-after': {
        does: "Given up after the client's 30 s and retried by the SDK, well within the sync phase's time; the run completes.",
        expect: 'completed',
        long: true
      }
    }
  },
  {
    op: 'ListIngestionJobs',
    label: 'bedrock-agent ListIngestionJobs',
    attempts: 3,
    seed: 6,
    inputs: ingestionDeadline,
    serverError: { status: 500, code: 'InternalServerException' },
    outcomes: {
      throttle: completed(RETRIED_WHILE_TIME),
      '5xx': completed(RETRIED_WHILE_TIME),
      'reset-before': completed(RETRIED),
      'reset-after': completed(RETRIED),
      'stall-before': ingestionTimedOut('ListIngestionJobs', LIST_TIMED_OUT),
      'stall-after': ingestionTimedOut('ListIngestionJobs', LIST_TIMED_OUT)
    }
  },
  {
    op: 'StartIngestionJob',
    label: 'bedrock-agent StartIngestionJob',
    attempts: 3,
    seed: 6,
    inputs: ingestionDeadline,
    serverError: { status: 500, code: 'InternalServerException' },
    outcomes: {
      // One job however often the start is tried: the client token makes a retry get the same job back.
      throttle: {
        does: 'Throttled starts back off (up to 10 s each) and are tried again while time is left; exactly one job starts; the run completes.',
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      '5xx': {
        does: 'Tried again while time is left; exactly one job starts (one client token for every attempt); the run completes.',
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      'reset-before': {
        does: 'Retried by the SDK; exactly one job starts; the run completes.',
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      'reset-after': {
        does: "The start was executed and its answer lost; the SDK's retry with the same client token gets that job back: one job, the run completes.",
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      'stall-before': {
        ...ingestionTimedOut(
          'StartIngestionJob',
          'At the deadline the run fails naming the StartIngestionJob it waited for; no job started; the next run starts one.'
        ),
        check: async (run, stack) => {
          expect(run.errorText).toMatch(
            /Timed out after ingestion_timeout_minutes = 0\.05 waiting for bedrock:StartIngestionJob/
          )
          expect((await stack.truth()).jobs).toEqual([])
        }
      },
      // The start was executed: a job runs that the action never heard of, and the message must say one may.
      'stall-after': {
        ...ingestionTimedOut(
          'StartIngestionJob',
          "The start was executed and never answered: at the deadline the run fails, saying a job may have started and how to list the data source's jobs; the next run finds that job COMPLETE."
        ),
        check: async (run, stack) => {
          expect(run.errorText).toMatch(
            /Timed out after ingestion_timeout_minutes = 0\.05 waiting for bedrock:StartIngestionJob/
          )
          expect(run.errorText).toContain('aws bedrock-agent list-ingestion-jobs')
          expect((await stack.truth()).jobs).toHaveLength(1)
        }
      }
    }
  },
  {
    op: 'GetIngestionJob',
    label: 'bedrock-agent GetIngestionJob',
    attempts: 3,
    seed: 6,
    inputs: ingestionDeadline,
    serverError: { status: 503, code: 'ServiceUnavailableException' },
    outcomes: {
      throttle: completed('Status checks are tried again while time is left; the run completes.'),
      '5xx': completed('Status checks are tried again while time is left; the run completes.'),
      'reset-before': completed(RETRIED),
      'reset-after': completed(RETRIED),
      'stall-before': leftRunning(),
      'stall-after': leftRunning()
    }
  },
  dryRunCheck('GetKnowledgeBase', 'bedrock-agent GetKnowledgeBase (dry run)', 'Knowledge base exists'),
  dryRunCheck('GetDataSource', 'bedrock-agent GetDataSource (dry run)', 'Data source exists'),
  {
    op: 'AssumeRoleWithWebIdentity',
    label: 'STS AssumeRoleWithWebIdentity',
    attempts: 3,
    seed: 6,
    inputs: (stack) => ({ role_to_assume: stack.ids.roleArn }),
    serverError: { status: 500, code: 'InternalFailure' },
    stallTimes: Number.POSITIVE_INFINITY,
    outcomes: {
      throttle: credentialsFailed(
        /sts:AssumeRoleWithWebIdentity for .* failed \(Throttling/,
        "The SDK's 3 attempts, then the run fails naming sts:AssumeRoleWithWebIdentity and the throttling; no other call is made; the next run succeeds."
      ),
      '5xx': credentialsFailed(
        /sts:AssumeRoleWithWebIdentity for .* failed \(InternalFailure/,
        "The SDK's 3 attempts, then the run fails naming sts:AssumeRoleWithWebIdentity and the error; no other call is made; the next run succeeds."
      ),
      'reset-before': completed('Retried by the SDK; the role is assumed; the run completes.'),
      'reset-after': completed(
        'STS issued a session whose answer was lost; the SDK retries and the run completes with a second one.'
      ),
      'stall-before': credentialsTimedOut(STS_TIMED_OUT),
      'stall-after': credentialsTimedOut(STS_TIMED_OUT)
    }
  },
  {
    op: 'GetIDToken',
    label: 'GitHub OIDC token endpoint (GetIDToken)',
    attempts: TOKEN_ATTEMPTS,
    seed: 6,
    inputs: (stack) => ({ role_to_assume: stack.ids.roleArn }),
    serverError: { status: 503, code: 'ServiceUnavailable' },
    stallTimes: Number.POSITIVE_INFINITY,
    outcomes: {
      throttle: credentialsFailed(
        /Could not get a GitHub OIDC token for audience 'sts\.amazonaws\.com': GitHub's token endpoint answered HTTP 429 \(API rate limit exceeded\)\. Try the run again later\./,
        `The token request is asked again with backoff, ${TOKEN_ATTEMPTS} times in all; past them the run fails, saying the token endpoint answered HTTP 429; no other call is made.`
      ),
      '5xx': credentialsFailed(
        /Could not get a GitHub OIDC token for audience 'sts\.amazonaws\.com': GitHub's token endpoint answered HTTP 503\b.*\. Try the run again later\./,
        `The token request is asked again with backoff, ${TOKEN_ATTEMPTS} times in all; past them the run fails, saying the token endpoint answered HTTP 503; no other call is made.`
      ),
      'reset-before': completed('The token request is asked again after a short wait; the run completes.'),
      'reset-after': completed(
        'A token cut off mid-body is a dropped connection: asked again after a short wait; the run completes.'
      ),
      'stall-before': credentialsTimedOut(OIDC_TIMED_OUT),
      'stall-after': credentialsTimedOut(OIDC_TIMED_OUT)
    }
  }
]

/**
 * A stall is waited out to a 3 s deadline; a storm gets 30 s (it needs a few), time for the SDK's backoff and the
 * action's retries, which go on while time is left.
 */
function ingestionDeadline(_stack: Stack, kind: FaultKind): Inputs {
  return { ingestion_timeout_minutes: kind.startsWith('stall') ? '0.05' : '0.5' }
}

function leftRunning(): Outcome {
  return {
    does: "At ingestion_timeout_minutes the run fails: 'Timed out … ingestion job X (started by this run) is still STARTING. The job was left running; see it with: aws bedrock-agent get-ingestion-job …'; the summary names it; the next run finds it COMPLETE.",
    expect: 'failed',
    then: ['skipped', 'completed'],
    check: (run, stack) => {
      const jobId = run.outputs.ingestion_job_id
      expect(jobId).toMatch(/^\w{10}$/)
      expect(run.errorText).toContain(
        `Timed out after ingestion_timeout_minutes = 0.05: ingestion job ${jobId} (started by this run) is still`
      )
      expect(run.errorText).toContain(
        `see it with: aws bedrock-agent get-ingestion-job --knowledge-base-id ${stack.ids.knowledgeBaseId} --data-source-id ${stack.ids.dataSourceId} --ingestion-job-id ${jobId}`
      )
      expect(run.summary).toContain(`Ingestion job ${jobId} was left running`)
    }
  }
}

function credentialsFailed(message: RegExp, does: string): Outcome {
  return {
    does,
    expect: 'failed',
    then: ['completed'],
    check: (run, stack) => {
      expect(run.errorText).toMatch(message)
      expect(run.outputs.sync_batches).toBe('0')
      // Nothing ran without credentials.
      expect(stack.calls().filter((c) => !['sts', 'oidc'].includes(c.service))).toEqual([])
    }
  }
}

function credentialsTimedOut(does: string): Outcome {
  return {
    ...credentialsFailed(/Credentials were not obtained within 60 s/, does),
    long: true
  }
}

function dryRunCheck(op: string, label: string, check: string): Operation {
  const ok = (does: string): Outcome => ({
    does,
    expect: 'dry_run',
    check: async (run, stack) => {
      expect(run.summary).toContain(`<tr><td>${check}</td><td>✅ ok</td>`)
      expect(stack.invocations()).toEqual([])
      expect((await stack.truth()).jobs).toEqual([])
    }
  })
  const stalled =
    "Given up after the client's 30 s and retried by the SDK, within the dry run's time; the check passes."
  return {
    op,
    label,
    attempts: 3,
    seed: 3,
    inputs: () => ({ dry_run: 'true' }),
    serverError: { status: 500, code: 'InternalServerException' },
    outcomes: {
      // Every check is free of side effects, so a transient failure is tried again while the dry run has time.
      throttle: ok("Tried again with backoff while the dry run's 2 minutes last; the check passes."),
      '5xx': ok("Tried again with backoff while the dry run's 2 minutes last; the check passes."),
      'reset-before': ok('Retried by the SDK; the check passes.'),
      'reset-after': ok('Retried by the SDK; the check passes.'),
      'stall-before': { ...ok(stalled), long: true },
      'stall-after': { ...ok(stalled), long: true }
    }
  }
}

function scenario(op: Operation, kind: FaultKind): Scenario {
  const outcome = op.outcomes[kind]
  return {
    name: `${op.label}: ${KIND_NAMES[kind](op)}`,
    does: outcome.does,
    expect: outcome.expect,
    runs: outcome.then ? 2 : 1,
    ...(outcome.long ? { long: true } : {}),
    async run(m: MatrixContext) {
      await m.stack.seedIncidents(op.seed, { status: 'CLOSED' })
      const fault = arm(kind, op, m.stack)
      const inputs = op.inputs(m.stack, kind)
      const dryRun = inputs.dry_run === 'true'
      const run = await m.kb(inputs, {
        // A dry run syncs nothing: there is nothing for it to converge.
        converge: !outcome.then && !dryRun,
        ...(outcome.long ? { timeoutMs: 120_000 } : {})
      })
      await outcome.check?.(run, m.stack)
      if (outcome.then) {
        fault.cancel()
        await m.kb(dryRun || inputs.role_to_assume ? inputs : {}, { expect: outcome.then, converge: true })
      }
    }
  }
}

const KINDS: FaultKind[] = ['throttle', '5xx', 'reset-before', 'reset-after', 'stall-before', 'stall-after']

export const transport: AreaTable = {
  area: 'transport',
  title: 'Transport faults on every call',
  scenarios: OPERATIONS.flatMap((op) => KINDS.map((kind) => scenario(op, kind)))
}
