/**
 * Transport faults on every call the action makes: a throttling storm and a 5xx burst longer than the SDK's own
 * attempts, a connection reset before and after the response's headers, and a response that stalls before and after
 * its headers. Each operation says what kb-sync must make of each fault; every stalled run must still end within
 * its phase's deadline (the recorder checks that for every run).
 */
import { expect } from '@jest/globals'
import type { CallMatcher } from '../../../../local/faults.js'
import type { Stack } from '../../../../local/stack.js'
import { actionCalls } from '../../support/e2e.js'
import type { AreaTable, Inputs, MatrixContext, MatrixRun, Scenario, Status } from '../support/matrix.js'

type FaultKind = 'throttle' | '5xx' | 'reset-before' | 'reset-after' | 'stall-before' | 'stall-after'

interface Outcome {
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
  /** The SDK's attempts for this client: a storm is longer. */
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
    `throttling storm (${op.attempts + 2} throttled answers, longer than the SDK's ${op.attempts} attempts)`,
  '5xx': (op) =>
    `5xx burst (${op.attempts + 1} × ${op.serverError.status} ${op.serverError.code}, longer than the SDK's ${op.attempts} attempts)`,
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

const completed: Outcome = { expect: 'completed' }
const ingestionTimedOut = (call: string): Outcome => ({
  expect: 'failed',
  then: ['completed', 'skipped'],
  check: (run) => {
    expect(run.errorText).toMatch(new RegExp(`Timed out after ingestion_timeout_minutes = 0\\.05.*${call}`))
  }
})

const OPERATIONS: Operation[] = [
  {
    op: 'Invoke',
    label: 'Lambda Invoke',
    attempts: 3,
    seed: 8,
    inputs: () => ({ sync_timeout_seconds: '2' }),
    serverError: { status: 500, code: 'ServiceException' },
    outcomes: {
      // Only answers that prove the function did not run are retried; nothing else is re-sent.
      throttle: {
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
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toMatch(/ServiceException.*may have run.*not retried/)
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
        }
      },
      'reset-before': {
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toMatch(/Batch 1: .*ECONNRESET.*may have run.*not retried/)
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
        }
      },
      'reset-after': {
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
        expect: 'failed',
        then: ['completed'],
        check: (run, stack) => {
          expect(run.errorText).toContain('within sync_timeout_seconds = 2; it may still be running')
          expect(run.outputs.sync_batches).toBe('1')
          expect(count(stack, 'lambda:Invoke')).toBe(1)
        }
      },
      'stall-after': {
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
        expect: 'completed',
        check: (run) => {
          expect(run.warningText).toContain('Backlog count unavailable, continuing without it')
          expect(run.warningText).toContain('dynamodb:Query')
          expect(run.outputs.backlog_remaining).toBe('')
        }
      },
      '5xx': {
        expect: 'completed',
        check: (run) => expect(run.warningText).toContain('Backlog count unavailable, continuing without it')
      },
      'reset-before': { expect: 'completed', check: (run) => expect(run.outputs.backlog_remaining).toBe('0') },
      'reset-after': { expect: 'completed', check: (run) => expect(run.outputs.backlog_remaining).toBe('0') },
      'stall-before': { expect: 'completed', long: true },
      'stall-after': { expect: 'completed', long: true }
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
      throttle: completed,
      '5xx': completed,
      'reset-before': completed,
      'reset-after': completed,
      'stall-before': ingestionTimedOut('ListIngestionJobs'),
      'stall-after': ingestionTimedOut('ListIngestionJobs')
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
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      '5xx': { expect: 'completed', check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1) },
      'reset-before': {
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      'reset-after': {
        expect: 'completed',
        check: async (_run, stack) => expect((await stack.truth()).jobs).toHaveLength(1)
      },
      'stall-before': {
        ...ingestionTimedOut('StartIngestionJob'),
        check: async (run, stack) => {
          ingestionTimedOut('StartIngestionJob').check?.(run, stack)
          expect((await stack.truth()).jobs).toEqual([])
        }
      },
      // The start was executed: a job runs that the action never heard of, and the message must say one may.
      'stall-after': {
        ...ingestionTimedOut('StartIngestionJob'),
        check: async (run, stack) => {
          ingestionTimedOut('StartIngestionJob').check?.(run, stack)
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
      throttle: completed,
      '5xx': completed,
      'reset-before': completed,
      'reset-after': completed,
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
      throttle: credentialsFailed(/sts:AssumeRoleWithWebIdentity for .* failed \(Throttling/),
      '5xx': credentialsFailed(/sts:AssumeRoleWithWebIdentity for .* failed \(InternalFailure/),
      'reset-before': completed,
      'reset-after': completed,
      'stall-before': credentialsTimedOut(),
      'stall-after': credentialsTimedOut()
    }
  },
  {
    op: 'GetIDToken',
    label: 'GitHub OIDC token endpoint (GetIDToken)',
    attempts: 3,
    seed: 6,
    inputs: (stack) => ({ role_to_assume: stack.ids.roleArn }),
    serverError: { status: 503, code: 'ServiceUnavailable' },
    stallTimes: Number.POSITIVE_INFINITY,
    outcomes: {
      throttle: credentialsFailed(/Could not get a GitHub OIDC token for audience 'sts\.amazonaws\.com'/),
      // @actions/core's token client retries 502/503/504 itself.
      '5xx': completed,
      'reset-before': credentialsFailed(/Could not get a GitHub OIDC token for audience 'sts\.amazonaws\.com'/),
      // @actions/core's token request never settles when its body is cut off: only the step's deadline ends it.
      'reset-after': credentialsTimedOut(),
      'stall-before': credentialsTimedOut(),
      'stall-after': credentialsTimedOut()
    }
  }
]

/**
 * A stall is waited out to a 3 s deadline; a storm gets 12 s, time for the SDK's backoff and the action's retries,
 * which go on while time is left.
 */
function ingestionDeadline(_stack: Stack, kind: FaultKind): Inputs {
  return { ingestion_timeout_minutes: kind.startsWith('stall') ? '0.05' : '0.2' }
}

function leftRunning(): Outcome {
  return {
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

function credentialsFailed(message: RegExp): Outcome {
  return {
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

function credentialsTimedOut(): Outcome {
  return {
    ...credentialsFailed(/Credentials were not obtained within 60 s/),
    long: true
  }
}

function dryRunCheck(op: string, label: string, check: string): Operation {
  const ok: Outcome = {
    expect: 'dry_run',
    check: async (run, stack) => {
      expect(run.summary).toContain(`<tr><td>${check}</td><td>✅ ok</td>`)
      expect(stack.invocations()).toEqual([])
      expect((await stack.truth()).jobs).toEqual([])
    }
  }
  return {
    op,
    label,
    attempts: 3,
    seed: 3,
    inputs: () => ({ dry_run: 'true' }),
    serverError: { status: 500, code: 'InternalServerException' },
    outcomes: {
      // Every check is free of side effects, so a transient failure is tried again while the dry run has time.
      throttle: ok,
      '5xx': ok,
      'reset-before': ok,
      'reset-after': ok,
      'stall-before': { ...ok, long: true },
      'stall-after': { ...ok, long: true }
    }
  }
}

function scenario(op: Operation, kind: FaultKind): Scenario {
  const outcome = op.outcomes[kind]
  return {
    name: `${op.label}: ${KIND_NAMES[kind](op)}`,
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
