import { beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '@actions/core'
import { emptyIngestionPhase, emptySyncPhase, type RunResult } from '../src/pipeline/result.js'
import { addResultToSummary, outcomeLine } from '../src/report/summary.js'
import { decodeEntities, elementsOf, foreignLinks, renderSummary } from './support/markdown.js'

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

/** The summary's source with character references decoded: what a reader sees, tags included. */
function render(r: RunResult): string {
  return decodeEntities(source(r))
}

function source(r: RunResult): string {
  core.summary.emptyBuffer()
  addResultToSummary(core.summary, r)
  return core.summary.stringify()
}

beforeEach(() => {
  core.summary.emptyBuffer()
})

describe('job summary', () => {
  it('gives the outcome in one line and a table per phase with the statistics by name', () => {
    const html = render(result())
    expect(html).toContain('<h2>✅ kb-sync: completed</h2>')
    expect(html).toContain(
      '<p>Synced 120 incidents in 3 batches; ingestion job JOB1 completed (scanned 12, metadata scanned 12, new 10, modified 2, metadata modified 0, deleted 1, failed 0) (45.2 s)</p>'
    )
    expect(html).toContain('<h3>Sync: DynamoDB → S3</h3>')
    expect(html).toContain('<td>3</td><td>120</td><td>0</td><td>120</td><td>0</td><td>0</td><td>120</td><td>0</td>')
    expect(html).toContain('The backlog is drained.')
    for (const [name, value] of Object.entries(STATS))
      expect(html).toContain(`<td><code>${name}</code></td><td>${value}</td>`)
    expect(html).toContain('<p>Followed with 4 status checks.</p>')
  })

  it('escapes text that came from AWS or the Lambda', () => {
    const html = source(
      result({
        status: 'failed',
        problems: [{ phase: 'ingestion', message: 'Ingestion job JOB1 FAILED: <script>alert(1)</script>' }],
        ingestion: {
          outcome: 'failed',
          mode: 'job',
          reason: 'this run synced 1 incidents',
          job: { jobId: 'JOB1', status: 'FAILED', statistics: STATS, failureReasons: ['bad <b>doc</b> & more'] },
          waitedFor: [],
          statusChecks: 1,
          error: 'Ingestion job JOB1 FAILED: <script>alert(1)</script>'
        }
      })
    )
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<b>doc</b>')
    expect(decodeEntities(html)).toContain('<li>bad <b>doc</b> & more</li>')
    expect(decodeEntities(html)).toContain('<h2>❌ kb-sync: failed</h2>')
  })

  it('lets no outside text add headings, links, images, tags or blank lines', () => {
    const hostile = [
      'plain\n\n# Heading from outside\n\n[click](https://evil.example) ![img](https://evil.example/x.png)',
      '</p></li></ul></table></details><img src=x onerror=alert(1)>',
      '<!-- comment --> <a href="https://evil.example">a</a> https://evil.example www.evil.example @octocat #1',
      '| a | b |\n|---|---|\n| c | d |',
      '```\ncode\n```\n---\n* list\n> quote $x^2$ :smile: ~~gone~~ **bold** _em_ \\',
      '\r\n\r\n<h1>raw</h1>\u2028\u2029\u0085\u000b\u000c\u001b[31mred'
    ]
    const tail = `START\n\n# not a heading\n</pre></details><img src=x>\n\n[x](https://evil.example)\nEND`
    const hostileResult = result({
      status: 'failed',
      problems: hostile.map((message) => ({ phase: 'sync' as const, message })),
      warnings: hostile,
      sync: {
        ...emptySyncPhase(),
        ran: true,
        waited: true,
        invocations: 1,
        failed: hostile.length,
        failedIds: hostile,
        stopReason: 'error',
        error: { kind: 'function_error', message: hostile.join(' '), logTail: tail }
      },
      ingestion: {
        outcome: 'failed',
        mode: 'job',
        reason: hostile[0]!,
        job: { jobId: hostile[1]!, status: hostile[2]!, statistics: STATS, failureReasons: hostile },
        waitedFor: [{ jobId: hostile[3]!, status: hostile[4]!, statistics: undefined, failureReasons: [] }],
        statusChecks: 1,
        leftRunning: { jobId: hostile[5]!, status: hostile[0]!, statistics: undefined, failureReasons: [] },
        error: hostile.join('\n\n')
      },
      checks: hostile.map((detail) => ({ name: detail, status: 'failed' as const, detail }))
    })
    const markdown = source(hostileResult)
    const rendered = renderSummary(markdown)
    // Only the elements the summary itself writes: no heading, link, image, code block, quote or table of theirs.
    const ours = new Set([
      'h2',
      'h3',
      'h4',
      'p',
      'code',
      'ul',
      'li',
      'b',
      'table',
      'tr',
      'th',
      'td',
      'details',
      'summary',
      'pre',
      'br',
      'a'
    ])
    expect(elementsOf(rendered).filter((name) => !ours.has(name))).toEqual([])
    expect(elementsOf(rendered).filter((name) => name === 'h2')).toHaveLength(1)
    expect(rendered).not.toMatch(/<h1|<img|<blockquote|<hr|<del|<strong|<em>|<input/)
    // The only links are the summary's own, into the AWS console.
    expect(foreignLinks(rendered)).toEqual([])
    expect(elementsOf(rendered).filter((name) => name === 'a')).toHaveLength(3)
    // No blank line anywhere: a blank line would end an HTML block and let what follows render as Markdown.
    expect(markdown).not.toMatch(/\n[ \t]*\n/)
    for (const char of ['\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001b'])
      expect(markdown).not.toContain(char)
  })

  it('puts the Lambda log tail in a collapsed block on a sync error', () => {
    const tail = 'START\nERROR <boom>\nEND'
    const html = render(
      result({
        status: 'failed',
        problems: [{ phase: 'sync', message: 'Batch 1: the Lambda failed' }],
        sync: {
          ...emptySyncPhase(),
          ran: true,
          waited: true,
          invocations: 1,
          stopReason: 'error',
          error: { kind: 'function_error', message: 'Batch 1: the Lambda failed', logTail: tail }
        }
      })
    )
    expect(html).toContain('<details><summary>Lambda log tail</summary><pre>START\nERROR <boom>\nEND</pre></details>')
    expect(source(result({ ...tailResult(tail) }))).not.toMatch(/<pre>[^<]*\n/)
    expect(html).toContain('Draining stopped at a sync error')
  })

  it('keeps the log tail out of a summary that may be public, and says where to read it', () => {
    const html = render({ ...tailResult('START\nsecret incident text\nEND'), showLogTail: false })
    expect(html).not.toContain('secret incident text')
    expect(html).toContain(
      "The Lambda's log tail is not shown: it carries incident text and this summary may be public. Read it in CloudWatch Logs (log group /aws/lambda/incident-kb-batch-sync), or set lambda_log_tail: always."
    )
  })

  it('says a cancelled run was cancelled, and which job it left running with the command to follow it', () => {
    const html = render(
      result({
        status: 'cancelled',
        cancelled: { signal: 'SIGTERM', during: 'ingestion' },
        ingestion: {
          outcome: 'cancelled',
          mode: 'job',
          reason: 'this run synced 120 incidents',
          job: { jobId: 'JOB9', status: 'IN_PROGRESS', statistics: undefined, failureReasons: [] },
          leftRunning: { jobId: 'JOB9', status: 'IN_PROGRESS', statistics: undefined, failureReasons: [] },
          waitedFor: [],
          statusChecks: 2
        }
      })
    )
    expect(html).toContain('<h2>🛑 kb-sync: cancelled</h2>')
    expect(html).toContain(
      '<p>Cancelled by SIGTERM during the ingestion step; ingestion job JOB9 was left running (IN_PROGRESS) (45.2 s)</p>'
    )
    expect(html).toContain(
      '<pre>aws bedrock-agent get-ingestion-job --knowledge-base-id LPR1PEW0LN --data-source-id AJIJE6BWIV --ingestion-job-id JOB9</pre>'
    )
  })

  it('says what was skipped and why, and shows the pending backlog', () => {
    const html = render(
      result({
        status: 'skipped',
        sync: { ...emptySyncPhase('sync: false'), backlogBefore: 7, backlogAfter: 7 },
        ingestion: emptyIngestionPhase('nothing new was synced and the last ingestion job (OLD) completed cleanly')
      })
    )
    expect(html).toContain('<p>Skipped: sync: false. Pending incidents: 7.</p>')
    expect(html).toContain('<p>Skipped: nothing new was synced and the last ingestion job (OLD) completed cleanly.</p>')
  })

  it('says when draining stopped with work pending', () => {
    const html = render(
      result({
        sync: {
          ...emptySyncPhase(),
          ran: true,
          waited: true,
          invocations: 10,
          synced: 500,
          processed: 500,
          backlogBefore: 900,
          backlogAfter: 400,
          stopReason: 'max_batches',
          workPending: true
        },
        warnings: ['Stopped after 10 batches (max_sync_batches = 10); 400 incidents are still pending.']
      })
    )
    expect(html).toContain(
      'Stopped at max_sync_batches (10) with work still pending (400 incidents); the next run continues.'
    )
    expect(html).toContain('<h3>Warnings</h3>')
  })

  it('tells a job it waited for apart from the job it started', () => {
    const html = render(
      result({
        ingestion: {
          outcome: 'completed',
          mode: 'job',
          reason: 'this run synced 120 incidents',
          job: { jobId: 'MINE', status: 'COMPLETE', statistics: STATS, failureReasons: [] },
          waitedFor: [{ jobId: 'THEIRS', status: 'COMPLETE', statistics: STATS, failureReasons: [] }],
          statusChecks: 6
        }
      })
    )
    expect(html).toContain('<p>Waited for job <code>THEIRS</code>, which was already running; it ended COMPLETE.</p>')
    expect(html).toContain('<td><code>MINE</code></td><td>COMPLETE</td>')
    expect(html).not.toContain('<td><code>THEIRS</code></td>')
  })

  it('lists every dry-run check', () => {
    const html = render(
      result({
        status: 'dry_run',
        dryRun: true,
        checks: [
          { name: 'Credentials', status: 'ok', detail: 'the default AWS credential chain' },
          { name: 'Backlog can be counted', status: 'warning', detail: 'Access denied for dynamodb:Query' }
        ]
      })
    )
    expect(html).toContain('<h2>🧪 kb-sync: dry run</h2>')
    expect(html).toContain('<td>Credentials</td><td>✅ ok</td><td>the default AWS credential chain</td>')
    expect(html).toContain('<td>Backlog can be counted</td><td>⚠️ warning</td>')
    expect(html).not.toContain('Sync: DynamoDB')
  })

  it('stays small whatever AWS sends back', () => {
    const huge = 'x'.repeat(2_000_000)
    const html = render(
      result({
        status: 'failed',
        problems: Array.from({ length: 500 }, () => ({ phase: 'ingestion' as const, message: huge })),
        ingestion: {
          outcome: 'failed',
          mode: 'job',
          reason: '',
          job: { jobId: 'J', status: 'FAILED', statistics: STATS, failureReasons: Array(500).fill(huge) },
          waitedFor: [],
          statusChecks: 1,
          error: huge
        }
      })
    )
    expect(html.length).toBeLessThan(200_000)
  })
})

function tailResult(tail: string): RunResult {
  return result({
    status: 'failed',
    problems: [{ phase: 'sync', message: 'Batch 1: the Lambda failed' }],
    sync: {
      ...emptySyncPhase(),
      ran: true,
      waited: true,
      invocations: 1,
      stopReason: 'error',
      error: { kind: 'function_error', message: 'Batch 1: the Lambda failed', logTail: tail }
    }
  })
}

describe('outcomeLine', () => {
  it('names the first problem and how many more there are', () => {
    const line = outcomeLine(
      result({
        status: 'failed',
        problems: [
          { phase: 'sync', message: '2 incidents failed to sync' },
          { phase: 'ingestion', message: 'job failed' }
        ]
      })
    )
    expect(line).toBe('Failed: 2 incidents failed to sync (and 1 more problems) (45.2 s)')
  })
})
