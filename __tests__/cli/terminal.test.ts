/** The terminal renderer and the progress line: the same facts as the job summary, and outside text made inert. */
import { describe, expect, it } from '@jest/globals'
import { clockTime, describeProgress, TerminalReporter, type ProgressStream } from '../../src/cli/progress.js'
import { COLOURS, PLAIN, renderJob, renderResult, stripStyle, styleFor } from '../../src/cli/terminal.js'
import { emptyIngestionPhase, emptySyncPhase, STATISTIC_NAMES, type RunResult } from '../../src/pipeline/result.js'
import type { JobStatus } from '../../src/pipeline/status.js'

const STATS = {
  numberOfDocumentsScanned: 12,
  numberOfMetadataDocumentsScanned: 12,
  numberOfNewDocumentsIndexed: 10,
  numberOfModifiedDocumentsIndexed: 2,
  numberOfMetadataDocumentsModified: 0,
  numberOfDocumentsDeleted: 1,
  numberOfDocumentsFailed: 0
}

function result(overrides: Partial<RunResult> = {}): RunResult {
  return {
    status: 'completed',
    startedAt: 0,
    durationMs: 45_200,
    knowledgeBaseId: 'LPR1PEW0LN',
    dataSourceId: 'AJIJE6BWIV',
    functionName: 'incident-kb-batch-sync',
    region: 'us-east-1',
    dryRun: false,
    sync: {
      ...emptySyncPhase(),
      ran: true,
      waited: true,
      invocations: 3,
      synced: 120,
      processed: 120,
      backlogBefore: 120,
      backlogAfter: 0,
      stopReason: 'drained'
    },
    ingestion: {
      outcome: 'completed',
      mode: 'job',
      reason: 'this run synced 120 incidents',
      job: { jobId: 'JOB1', status: 'COMPLETE', statistics: STATS, failureReasons: [] },
      waitedFor: [],
      statusChecks: 4
    },
    checks: [],
    problems: [],
    warnings: [],
    showLogTail: true,
    ...overrides
  }
}

// Escape sequences that would recolour, move the cursor, clear the screen, retitle the window, or hide text; C1's
// one-character CSI; a bidi override; line breaks of every kind; and a workflow command.
const HOSTILE = [
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H cleared',
  '\u001b]0;new title\u0007',
  '\u009b31m c1 csi',
  'abc\u202edcba',
  'line one\nline two\r\nline three\u2028four',
  '::error::not a command',
  'tab\there\bback'
].join(' | ')

/** Control characters a terminal acts on; none may come from outside text. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

function expectInert(text: string): void {
  expect(text).not.toMatch(TERMINAL_CONTROLS)
  for (const line of text.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false)
}

describe('renderResult', () => {
  it('gives the outcome line, the ids, and a table per phase with the statistics by name', () => {
    const text = renderResult(result(), { style: PLAIN, command: 'run' })
    expect(text).toContain('kb-sync: completed\n')
    expect(text).toContain(
      'Synced 120 incidents in 3 batches; ingestion job JOB1 completed (scanned 12, metadata scanned 12, new 10, modified 2, metadata modified 0, deleted 1, failed 0) (45.2 s)'
    )
    expect(text).toContain(
      'Knowledge base LPR1PEW0LN · data source AJIJE6BWIV · function incident-kb-batch-sync · region us-east-1'
    )
    expect(text).toContain('\nSync: DynamoDB → S3\n')
    expect(text).toMatch(
      /Batches +Synced +Failed +Processed +Pending before +Pending after\n +3 +120 +0 +120 +120 +0\n/
    )
    expect(text).toContain('The backlog is drained.')
    expect(text).toContain('\nIngestion: S3 → Knowledge Base\n')
    expect(text).toContain('Started: this run synced 120 incidents.')
    expect(text).toMatch(/Job +Status\n +JOB1 +COMPLETE\n/)
    for (const name of STATISTIC_NAMES) expect(text).toMatch(new RegExp(`\\n +${name} +${STATS[name]}\\n`))
    expect(text).toContain('Followed with 4 status checks.')
  })

  it('shows the sync phase alone for kb-sync sync', () => {
    const text = renderResult(result({ ingestion: emptyIngestionPhase('ingestion: never') }), {
      style: PLAIN,
      command: 'sync'
    })
    expect(text).toContain('kb-sync sync: completed')
    expect(text).toContain('Sync: DynamoDB → S3')
    expect(text).not.toContain('Ingestion: S3 → Knowledge Base')
  })

  it('says what was skipped and why, problems, warnings and the dry-run checks', () => {
    const skipped = renderResult(
      result({
        status: 'skipped',
        sync: { ...emptySyncPhase('sync: false'), backlogAfter: 4 },
        ingestion: emptyIngestionPhase('the last job completed cleanly and nothing changed'),
        warnings: ['4 incidents are still pending']
      }),
      { style: PLAIN, command: 'run' }
    )
    expect(skipped).toContain('Skipped: sync: false. Pending incidents: 4.')
    expect(skipped).toContain('Skipped: the last job completed cleanly and nothing changed.')
    expect(skipped).toContain('Warnings\n  ! 4 incidents are still pending')

    const failed = renderResult(
      result({ status: 'failed', problems: [{ phase: 'sync', message: 'Access denied for lambda:InvokeFunction' }] }),
      { style: PLAIN, command: 'run' }
    )
    expect(failed).toContain('kb-sync: failed')
    expect(failed).toContain('Problems\n  ✖ sync: Access denied for lambda:InvokeFunction')

    const dryRun = renderResult(
      result({
        status: 'dry_run',
        dryRun: true,
        checks: [
          { name: 'Inputs are valid', status: 'ok', detail: 'every input passed validation' },
          { name: 'Lambda', status: 'failed', detail: 'not found' }
        ]
      }),
      { style: PLAIN, command: 'run' }
    )
    expect(dryRun).toMatch(
      /Check +Result +Detail\n +Inputs are valid +ok +every input passed validation\n +Lambda +failed +not found/
    )
    expect(dryRun).not.toContain('Sync: DynamoDB → S3')
  })

  it('names a job left running and the commands that follow it', () => {
    const job = { jobId: 'JOBLEFT001', status: 'IN_PROGRESS', statistics: undefined, failureReasons: [] }
    const text = renderResult(
      result({
        status: 'cancelled',
        cancelled: { signal: 'SIGINT', during: 'ingestion' },
        ingestion: {
          ...emptyIngestionPhase('this run synced 3 incidents'),
          outcome: 'cancelled',
          job,
          leftRunning: job
        }
      }),
      { style: PLAIN, command: 'run' }
    )
    expect(text).toContain(
      'Cancelled by SIGINT during the ingestion step; ingestion job JOBLEFT001 was left running (IN_PROGRESS)'
    )
    expect(text).toContain('Ingestion job JOBLEFT001 was left running (last seen IN_PROGRESS). Follow it with:')
    expect(text).toContain(
      'kb-sync status JOBLEFT001 --knowledge-base-id LPR1PEW0LN --data-source-id AJIJE6BWIV --aws-region us-east-1'
    )
    expect(text).toContain(
      'aws bedrock-agent get-ingestion-job --knowledge-base-id LPR1PEW0LN --data-source-id AJIJE6BWIV --ingestion-job-id JOBLEFT001'
    )
  })

  it('keeps outside text inert: no escape sequence, control character, line break or command of its own', () => {
    const job = { jobId: 'JOB1', status: `FAILED${HOSTILE}`, statistics: STATS, failureReasons: [HOSTILE, HOSTILE] }
    const hostile = result({
      status: 'failed',
      problems: [{ phase: 'ingestion', message: HOSTILE }],
      warnings: [HOSTILE],
      sync: {
        ...result().sync,
        failedIds: [HOSTILE],
        error: { kind: 'function_error', message: HOSTILE, logTail: `START\n${HOSTILE}\nEND` }
      },
      ingestion: { ...result().ingestion, outcome: 'failed', job, error: HOSTILE, reason: HOSTILE },
      checks: []
    })
    for (const style of [PLAIN, COLOURS]) {
      const text = stripStyle(renderResult(hostile, { style, command: 'run' }))
      expectInert(text)
      expect(text).toContain('red')
      expect(text).toContain('line one ⏎ line two ⏎ line three ⏎ four')
    }
    // With colour on, every escape sequence is one of ours: only SGR, and balanced.
    const coloured = renderResult(hostile, { style: COLOURS, command: 'run' })
    // eslint-disable-next-line no-control-regex -- finding escape sequences is the point
    expect(coloured.match(/\u001b[^[]|\u001b\[(?!\d+m)/g)).toBeNull()
  })

  it('shows the log tail line by line when it may, and says where to read it when not', () => {
    const tailed = (showLogTail: boolean) =>
      renderResult(
        result({
          status: 'failed',
          showLogTail,
          sync: {
            ...result().sync,
            stopReason: 'error',
            error: { kind: 'function_error', message: 'boom', logTail: 'START\nTraceback\nEND' }
          }
        }),
        { style: PLAIN, command: 'run' }
      )
    expect(tailed(true)).toContain("Lambda's log tail:\n  │ START\n  │ Traceback\n  │ END")
    expect(tailed(false)).toContain(
      'read it in CloudWatch Logs (log group /aws/lambda/incident-kb-batch-sync), or pass --lambda-log-tail always'
    )
    expect(tailed(false)).not.toContain('Traceback')
  })
})

describe('renderJob', () => {
  const job: JobStatus = {
    job_id: 'JOB1',
    status: 'FAILED',
    running: false,
    description: 'Started by kb-sync',
    statistics: STATS,
    failure_reasons: [HOSTILE],
    started_at: '2026-11-28T12:00:00.000Z',
    updated_at: '2026-11-28T12:01:00.000Z'
  }

  it('shows the status, times, statistics by name and failure reasons, inert', () => {
    const text = renderJob(job, PLAIN)
    expect(text).toContain('Ingestion job JOB1: FAILED\n')
    expect(text).toMatch(/Started +2026-11-28T12:00:00.000Z/)
    for (const name of STATISTIC_NAMES) expect(text).toMatch(new RegExp(`${name} +${STATS[name]}`))
    expect(text).toContain('Failure reasons:')
    expectInert(stripStyle(renderJob({ ...job, description: HOSTILE, status: HOSTILE }, COLOURS)))
  })

  it('says a job is still running', () => {
    expect(renderJob({ ...job, status: 'IN_PROGRESS', running: true, failure_reasons: [] }, PLAIN)).toContain(
      'Ingestion job JOB1: IN_PROGRESS (running)'
    )
  })
})

describe('styleFor', () => {
  it('colours a terminal only, and never with NO_COLOR or TERM=dumb', () => {
    expect(styleFor({ isTTY: true }, {})).toBe(COLOURS)
    expect(styleFor({ isTTY: false }, {})).toBe(PLAIN)
    expect(styleFor({}, {})).toBe(PLAIN)
    expect(styleFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(PLAIN)
    expect(styleFor({ isTTY: true }, { TERM: 'dumb' })).toBe(PLAIN)
  })
})

class FakeStream implements ProgressStream {
  text = ''
  constructor(
    readonly isTTY: boolean,
    readonly columns = 60
  ) {}
  write(text: string): boolean {
    this.text += text
    return true
  }
}

describe('TerminalReporter', () => {
  const syncEvent = { phase: 'sync', batch: 2, maxBatches: 10, synced: 50, totalSynced: 100, hasMore: true } as const
  const jobEvent = {
    phase: 'ingestion',
    jobId: 'JOB1',
    role: 'started by this run',
    status: 'IN_PROGRESS\u001b[2J',
    elapsedMs: 3_200,
    statistics: STATS
  } as const

  it('prints plain lines when not on a terminal: headings on first use, progress, warnings; the log with --verbose', async () => {
    const stream = new FakeStream(false)
    const reporter = new TerminalReporter({ stream, style: PLAIN, verbose: false })
    await reporter.logger.group('Credentials', async () => reporter.logger.info('Credentials: the default chain'))
    await reporter.logger.group('Sync: DynamoDB → S3', async () => {
      reporter.onProgress(syncEvent)
      reporter.logger.warning('Batch 2\u001b[31m slow')
    })
    await reporter.logger.group('Ingestion: S3 → Knowledge Base', async () => reporter.onProgress(jobEvent))
    reporter.stop()
    expect(stream.text).toBe(
      [
        '▸ Sync: DynamoDB → S3',
        '  sync: batch 2/10 synced 50 (100 so far, more to do)',
        'warning: Batch 2\ufffd[31m slow',
        '▸ Ingestion: S3 → Knowledge Base',
        '  ingestion: job JOB1 (started by this run) IN_PROGRESS\ufffd[2J after 3.2 s: scanned 12, metadata scanned 12, new 10, modified 2, metadata modified 0, deleted 1, failed 0',
        ''
      ].join('\n')
    )

    const verbose = new FakeStream(false)
    const chatty = new TerminalReporter({ stream: verbose, style: PLAIN, verbose: true })
    await chatty.logger.group('Credentials', async () => chatty.logger.info('Credentials: the default chain'))
    expect(verbose.text).toBe('▸ Credentials\nCredentials: the default chain\n')
  })

  it('rewrites one line in place on a terminal, fitting the width, and clears it before the result', async () => {
    let now = 0
    const stream = new FakeStream(true, 100)
    const reporter = new TerminalReporter({ stream, style: PLAIN, verbose: false, now: () => now })
    await reporter.logger.group('Sync: DynamoDB → S3', async () => {
      now = 42_000
      reporter.onProgress(syncEvent)
    })
    expect(stream.text).toBe('▸ Sync: DynamoDB → S3\n\r\u001b[2KSync: DynamoDB → S3 · 0:42 · batch 2/10 · 100 synced')
    stream.text = ''
    await reporter.logger.group('Ingestion: S3 → Knowledge Base', async () => {
      now = 63_000
      reporter.onProgress(jobEvent)
    })
    // The sync phase's last state stays under its heading; the next heading goes above the line, which is then
    // drawn again, cut to the terminal's width.
    expect(stream.text.startsWith('\r\u001b[2K  batch 2/10 · 100 synced\n')).toBe(true)
    expect(stream.text).toContain('▸ Ingestion: S3 → Knowledge Base\n')
    const lines = stream.text.split('\r\u001b[2K')
    expect(lines.at(-1)).toMatch(
      /^Ingestion: S3 → Knowledge Base · 1:03 · job JOB1 IN_PROGRESS\ufffd\[2J · scanned 12, .*…$/
    )
    expect([...(lines.at(-1) ?? '')].length).toBe(97)
    reporter.logger.warning('careful')
    expect(stream.text).toContain('\r\u001b[2Kwarning: careful\n\r\u001b[2KIngestion')
    stream.text = ''
    reporter.stop()
    expect(stream.text).toBe('\r\u001b[2K')
  })

  it('words progress for MCP and plain lines, and times as a clock', () => {
    expect(describeProgress(syncEvent)).toBe('sync: batch 2/10 synced 50 (100 so far, more to do)')
    expect(describeProgress({ ...syncEvent, hasMore: undefined })).toBe('sync: batch 2/10 synced 50 (100 so far)')
    expect(describeProgress(jobEvent)).not.toMatch(TERMINAL_CONTROLS)
    expect(clockTime(0)).toBe('0:00')
    expect(clockTime(61_500)).toBe('1:01')
    expect(clockTime(3_725_000)).toBe('1:02:05')
  })
})
