/**
 * Makes docs/images/job-summary.png, the README's picture of a job summary. Not part of CI: run it by hand
 * (`npm run docs:image`) after a change to the summary's layout, look at the picture, and commit it.
 *
 * The summary comes from the action's own code (addResultToSummary) applied to the result of a typical hourly run,
 * so the picture shows what a run really writes. It is rendered as GitHub renders a summary (GitHub-flavoured
 * Markdown with raw HTML), styled roughly like the summary pane, and photographed with headless Chromium
 * (`apt-get install chromium`, or set CHROMIUM to another Chrome binary).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '@actions/core'
import { emptySyncPhase, type RunResult } from '../src/pipeline/result.js'
import { addResultToSummary } from '../src/report/summary.js'
// The same rendering the summary tests use: GitHub-flavoured Markdown with raw HTML.
import { renderSummary } from '../__tests__/support/markdown.js'

/** A batch of a Lambda that reports neither mirror counts nor documents. */
const MIRROR = { updated: 0, removed: 0, syncedDocuments: undefined, removedDocuments: undefined, warning: undefined }

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const OUTPUT = path.join(ROOT, 'docs', 'images', 'job-summary.png')
const WIDTH = 860
// Tall enough for the summary below; the pane's background fills what is left.
const HEIGHT = 940

/** An hourly run that found 57 closed incidents, synced them in two batches and ingested them. */
const RESULT: RunResult = {
  status: 'completed',
  startedAt: 0,
  durationMs: 214_600,
  knowledgeBaseId: 'LPR1PEW0LN',
  dataSourceId: 'AJIJE6BWIV',
  functionName: 'incident-kb-batch-sync',
  region: 'us-east-1',
  dryRun: false,
  sync: {
    ...emptySyncPhase(),
    ran: true,
    waited: true,
    invocations: 2,
    batches: [
      { synced: 50, failed: 0, processed: 50, hasMore: true, failedIds: [], ...MIRROR },
      { synced: 7, failed: 0, processed: 7, hasMore: false, failedIds: [], ...MIRROR }
    ],
    synced: 57,
    processed: 57,
    backlogBefore: 57,
    backlogAfter: 0,
    stopReason: 'drained'
  },
  ingestion: {
    outcome: 'completed',
    mode: 'job',
    reason: 'this run synced 57 incidents',
    job: {
      jobId: 'QXWD8QJ2ZK',
      status: 'COMPLETE',
      statistics: {
        numberOfDocumentsScanned: 1243,
        numberOfMetadataDocumentsScanned: 1243,
        numberOfNewDocumentsIndexed: 57,
        numberOfModifiedDocumentsIndexed: 0,
        numberOfMetadataDocumentsModified: 0,
        numberOfDocumentsDeleted: 0,
        numberOfDocumentsFailed: 0
      },
      failureReasons: []
    },
    waitedFor: [],
    statusChecks: 9
  },
  checks: [],
  problems: [],
  warnings: [],
  showLogTail: false
}

// Close to GitHub's summary pane: its fonts, sizes, table borders and code background.
const STYLE = `
  body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
    Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
  .pane { margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
  .title { padding: 12px 16px; border-bottom: 1px solid #d1d9e0; font-weight: 600; }
  .body { padding: 8px 24px 16px; }
  h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; margin: 16px 0; }
  h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
  p { margin: 0 0 16px; }
  table { border-collapse: collapse; margin: 0 0 16px; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  th { font-weight: 600; }
  tr:nth-child(2n) td { background: #f6f8fa; }
  code { font: 85% ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, monospace; background: #eff1f3;
    padding: .2em .4em; border-radius: 6px; }
`

function summaryMarkdown(result: RunResult): string {
  addResultToSummary(core.summary, result)
  const markdown = core.summary.stringify()
  core.summary.emptyBuffer()
  return markdown
}

function page(markdown: string): string {
  const html = renderSummary(markdown)
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<div class="pane"><div class="title">Sync DynamoDB → S3 → knowledge base summary</div>
<div class="body">${html}</div></div></body></html>`
}

function screenshot(html: string): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-sync-summary-'))
  try {
    const file = path.join(dir, 'summary.html')
    writeFileSync(file, html)
    const chromium = process.env.CHROMIUM ?? 'chromium'
    const run = spawnSync(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--hide-scrollbars',
        '--force-device-scale-factor=1',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        `--window-size=${WIDTH},${HEIGHT}`,
        `--screenshot=${OUTPUT}`,
        `file://${file}`
      ],
      { encoding: 'utf8', timeout: 60_000 }
    )
    if (run.status !== 0) throw new Error(`${chromium} failed (${run.status}): ${run.stderr || run.error?.message}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

screenshot(page(summaryMarkdown(RESULT)))
console.log(`${path.relative(ROOT, OUTPUT)}: ${statSync(OUTPUT).size} bytes`)
