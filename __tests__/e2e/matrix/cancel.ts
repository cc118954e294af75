/**
 * The runner cancels a run (a cancelled workflow, a job's timeout-minutes) with SIGINT or SIGTERM, in each phase:
 * the run stops at once, says it was cancelled and where, names the job it left running, writes its summary and
 * outputs, and exits non-zero within 5 s (the recorder checks the exit time of every cancelled run).
 */
import { expect } from '@jest/globals'
import { startJobAsSomeoneElse } from '../support/e2e.js'
import type { AreaTable, MatrixRun, Scenario } from './support/matrix.js'

type Signal = 'SIGINT' | 'SIGTERM'

function expectCancelled(run: MatrixRun, signal: Signal, during: string): void {
  expect(run.exitCode).toBe(1)
  expect(run.errorText).toContain(`Cancelled by ${signal} during the ${during} step`)
  expect(run.summary).toContain('kb-sync: cancelled</h2>')
}

function expectLeftRunning(run: MatrixRun, jobId: string): void {
  expect(run.errorText).toContain(`ingestion job ${jobId} was left running`)
  expect(run.summary).toContain(`Ingestion job ${jobId} was left running`)
  expect(run.summary).toContain(`--ingestion-job-id ${jobId}`)
}

function phases(signal: Signal): Scenario[] {
  return [
    {
      name: `${signal} during the credentials step, STS AssumeRoleWithWebIdentity held`,
      does: `Cancelled by ${signal} at once; no call but the token and STS; summary, outputs, exit 1 within 5 s.`,
      expect: 'cancelled',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(5, { status: 'CLOSED' })
        const gate = m.stack.faults.hold('AssumeRoleWithWebIdentity')
        const run = await m.kb({ role_to_assume: m.stack.ids.roleArn }, { cancel: { signal, at: gate.reached } })
        gate.release()
        expectCancelled(run, signal, 'credentials')
        // Nothing ran without credentials.
        expect(m.stack.calls().filter((c) => !['sts', 'oidc'].includes(c.service))).toEqual([])
      }
    },
    {
      name: `${signal} during the sync, while a Lambda invocation is in flight`,
      does: `Cancelled by ${signal} at once, saying batch 1 may still be running in the Lambda; summary, outputs, exit 1 within 5 s; the next run converges.`,
      expect: 'cancelled',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(30, { status: 'CLOSED' })
        const gate = m.stack.faults.hold('Invoke')
        const run = await m.kb({}, { cancel: { signal, at: gate.reached } })
        expectCancelled(run, signal, 'sync')
        expect(run.errorText).toContain('batch 1 may still be running in the Lambda')
        // The invocation the run stopped waiting for goes on in Lambda, as it would in AWS.
        gate.release()
        await m.kb({}, { expect: ['completed', 'skipped'], converge: true })
      }
    },
    {
      name: `${signal} during the ingestion step, while waiting for a job that was already running`,
      does: `Cancelled by ${signal} at once, naming that job as left running with the command to follow it; the job is not stopped; exit 1 within 5 s.`,
      expect: 'cancelled',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(5, { status: 'CLOSED' })
        m.stack.faults.stickNextJob()
        const theirs = await startJobAsSomeoneElse(m.stack)
        const run = await m.kb(
          {},
          { converge: true, cancel: { signal, when: /Bedrock runs one job per data source, so waiting/ } }
        )
        expectCancelled(run, signal, 'ingestion')
        expectLeftRunning(run, theirs.ingestionJobId!)
        expect((await m.stack.truth()).jobs).toMatchObject([{ status: 'IN_PROGRESS' }])
      }
    },
    {
      name: `${signal} during the ingestion step, while following the run's own job`,
      does: `Cancelled by ${signal} at once, naming its job as left running with the command to follow it; never calls StopIngestionJob; exit 1 within 5 s.`,
      expect: 'cancelled',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(5, { status: 'CLOSED' })
        m.stack.faults.stickNextJob()
        const run = await m.kb({}, { converge: true, cancel: { signal, when: /^Ingestion job \w+ accepted/ } })
        expectCancelled(run, signal, 'ingestion')
        expectLeftRunning(run, run.outputs.ingestion_job_id!)
        // Never stopped by the action.
        expect(m.stack.calls().map((c) => c.operation)).not.toContain('StopIngestionJob')
      }
    },
    {
      name: `${signal} during a dry run, GetKnowledgeBase held`,
      does: `Cancelled by ${signal} at once during the dry run step; nothing invoked or started; exit 1 within 5 s.`,
      expect: 'cancelled',
      runs: 1,
      async run(m) {
        const gate = m.stack.faults.hold('GetKnowledgeBase')
        const run = await m.kb({ dry_run: 'true' }, { cancel: { signal, at: gate.reached } })
        gate.release()
        expectCancelled(run, signal, 'dry run')
        expect(m.stack.invocations()).toEqual([])
      }
    }
  ]
}

export const cancel: AreaTable = {
  area: 'cancel',
  title: 'Cancellation in each phase',
  scenarios: [
    ...phases('SIGINT'),
    ...phases('SIGTERM'),
    {
      name: "SIGINT, then SIGTERM 1 s later, while following the run's own job",
      does: 'The first signal decides: cancelled by SIGINT, the job named as left running; exit 1 within 5 s.',
      expect: 'cancelled',
      runs: 1,
      async run(m) {
        await m.stack.seedIncidents(5, { status: 'CLOSED' })
        m.stack.faults.stickNextJob()
        const run = await m.kb(
          {},
          {
            converge: true,
            cancel: { signal: 'SIGINT', when: /^Ingestion job \w+ accepted/, thenSigtermAfterMs: 1_000 }
          }
        )
        expectCancelled(run, 'SIGINT', 'ingestion')
        expectLeftRunning(run, run.outputs.ingestion_job_id!)
      }
    },
    {
      name: 'SIGINT, then SIGTERM 1 s later, while a Lambda invocation is in flight',
      does: 'The first signal decides: cancelled by SIGINT during the sync; exit 1 within 5 s; the next run converges.',
      expect: 'cancelled',
      runs: 2,
      async run(m) {
        await m.stack.seedIncidents(30, { status: 'CLOSED' })
        const gate = m.stack.faults.hold('Invoke')
        const run = await m.kb({}, { cancel: { signal: 'SIGINT', at: gate.reached, thenSigtermAfterMs: 1_000 } })
        expectCancelled(run, 'SIGINT', 'sync')
        gate.release()
        await m.kb({}, { expect: ['completed', 'skipped'], converge: true })
      }
    }
  ]
}
