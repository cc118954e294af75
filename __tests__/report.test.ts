/**
 * The report funnel: outputs, summary, annotations and the exit code from one result, read back from the runner's
 * files and the workflow commands on stdout.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { parseOutputFile } from '../local/harness/action-runner.js'
import { emptyIngestionPhase, emptySyncPhase, type RunResult } from '../src/pipeline/result.js'
import { report } from '../src/report/report.js'

let dir: string
let stdout: string[]
const saved = { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY }

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kb-sync-report-'))
  process.env.GITHUB_OUTPUT = path.join(dir, 'output')
  process.env.GITHUB_STEP_SUMMARY = path.join(dir, 'summary')
  writeFileSync(process.env.GITHUB_OUTPUT, '')
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  process.exitCode = undefined
  for (const [name, value] of [
    ['GITHUB_OUTPUT', saved.output],
    ['GITHUB_STEP_SUMMARY', saved.summary]
  ] as const) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  rmSync(dir, { recursive: true, force: true })
})

/** What the runner would read: outputs, summaries, log lines, error annotations, the exit code. */
function runner() {
  const unescape = (text: string) => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')
  const lines = stdout
    .join('')
    .split('\n')
    .filter((line) => line !== '')
  const errors = lines.flatMap((line) => {
    const match = /^::error(?: title=(.*?))?::(.*)$/.exec(line)
    const title = match?.[1]?.replace(/%3A/g, ':').replace(/%2C/g, ',')
    return match ? [{ title: title === undefined ? undefined : unescape(title), message: unescape(match[2]!) }] : []
  })
  return {
    outputs: parseOutputFile(readFileSync(path.join(dir, 'output'), 'utf8')),
    summary: readFileSync(path.join(dir, 'summary'), 'utf8'),
    lines,
    failures: errors.filter((e) => e.title === undefined).map((e) => e.message),
    annotations: errors.filter((e) => e.title !== undefined),
    exitCode: process.exitCode
  }
}

function result(overrides: Partial<RunResult> = {}): RunResult {
  return {
    status: 'completed',
    startedAt: 0,
    durationMs: 1_000,
    knowledgeBaseId: 'LPR1PEW0LN',
    dataSourceId: 'AJIJE6BWIV',
    functionName: 'incident-kb-batch-sync',
    region: 'us-east-1',
    dryRun: false,
    sync: {
      ...emptySyncPhase(),
      ran: true,
      waited: true,
      invocations: 1,
      synced: 3,
      processed: 3,
      stopReason: 'drained'
    },
    ingestion: {
      ...emptyIngestionPhase('this run synced 3 incidents'),
      outcome: 'completed',
      job: { jobId: 'JOB1', status: 'COMPLETE', statistics: undefined, failureReasons: [] }
    },
    checks: [],
    problems: [],
    warnings: [],
    showLogTail: false,
    ...overrides
  }
}

describe('report', () => {
  it('sets every output, writes the summary once and does not fail a good run', async () => {
    await report(result())
    const seen = runner()
    expect(seen.outputs).toMatchObject({ status: 'completed', synced_count: '3', ingestion_job_id: 'JOB1' })
    expect(Object.keys(seen.outputs)).toHaveLength(11)
    expect(seen.summary.match(/<h2>/g)).toEqual(['<h2>'])
    expect(seen.summary).toContain('<h2>✅ kb-sync: completed</h2>')
    expect(seen.failures).toEqual([])
    expect(seen.exitCode).toBeUndefined()
    expect(seen.lines.at(-1)).toMatch(/^Synced 3 incidents in 1 batch; ingestion job JOB1 completed/)
  })

  it('fails a failed run with its last problem and annotates the others', async () => {
    await report(
      result({
        status: 'failed',
        problems: [
          { phase: 'sync', message: '2 incidents failed to sync to S3' },
          { phase: 'ingestion', message: 'Ingestion job JOB1 FAILED' }
        ]
      })
    )
    const seen = runner()
    expect(seen.annotations).toEqual([{ message: '2 incidents failed to sync to S3', title: 'kb-sync: sync' }])
    expect(seen.failures).toEqual(['Ingestion job JOB1 FAILED'])
    expect(seen.exitCode).toBe(1)
    expect(seen.outputs.status).toBe('failed')
  })

  it('fails a cancelled run with the outcome line, naming the job left running', async () => {
    const job = { jobId: 'JOB9', status: 'IN_PROGRESS', statistics: undefined, failureReasons: [] }
    await report(
      result({
        status: 'cancelled',
        cancelled: { signal: 'SIGINT', during: 'ingestion' },
        ingestion: { ...emptyIngestionPhase('x'), outcome: 'cancelled', job, leftRunning: job }
      })
    )
    expect(runner().outputs.status).toBe('cancelled')
    expect(runner().exitCode).toBe(1)
    expect(runner().failures).toEqual([
      'Cancelled by SIGINT during the ingestion step; ingestion job JOB9 was left running (IN_PROGRESS) (1 s)'
    ])
  })

  it('passes outside text to the runner only in a form that cannot be a workflow command', async () => {
    await report(
      result({
        status: 'failed',
        problems: [
          { phase: 'sync', message: 'ids: a\n::add-mask::hunter2\n::error::fake' },
          { phase: 'sync', message: '::stop-commands::x' }
        ]
      })
    )
    const seen = runner()
    expect(seen.failures.length + seen.annotations.length).toBe(2)
    // Every line printed starts a command of the action's own making or is plain text: none of the outside ones.
    for (const line of seen.lines) expect(line).not.toMatch(/^\s*::(add-mask|stop-commands|error::fake)/)
  })

  it('still reports through the log and the exit code when the summary cannot be written', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await report(result({ status: 'failed', problems: [{ phase: 'sync', message: 'boom' }] }))
    const seen = runner()
    expect(seen.lines).toContain(
      'Job summary not written: GITHUB_STEP_SUMMARY is not set. Check if your runtime environment supports job summaries.'
    )
    expect(seen.failures).toEqual(['boom'])
    expect(seen.exitCode).toBe(1)
  })
})
