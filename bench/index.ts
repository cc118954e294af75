/**
 * `npm run bench`: runs the sections, prints their tables, writes the tables into BENCHMARKS.md between the
 * markers, the chart to docs/images/benchmarks.svg and the whole report as JSON.
 *
 *   npm run bench                       full run (several minutes); writes BENCHMARKS.md and the chart
 *   npm run bench -- --quick            under a minute; prints and writes the JSON only (add --write to write)
 *   npm run bench -- --ref v1           the earlier bundle for the start-up section from this git ref
 *   npm run bench -- --only startup,polling
 *   npm run bench -- --json out.json --out-dir /tmp/x
 *
 * Numbers are ratios and counts against a baseline measured in the same run, medians of repetitions; targets are
 * reported as pass or fail and never fail the bench. A section that cannot run says why, and the others still do;
 * the exit code is 1 only then.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { chartSvg } from './chart.js'
import { drainSection } from './drain.js'
import { freshnessSections, type Cell } from './freshness/section.js'
import { lambdaSection } from './lambda.js'
import { currentCommit, ROOT } from './support/bundles.js'
import {
  END_MARKER,
  machine,
  reportMarkdown,
  sectionMarkdown,
  START_MARKER,
  writeBetweenMarkers,
  type BenchReport,
  type SectionReport
} from './support/report.js'
import { pollingSection } from './polling.js'
import { startupSection } from './startup.js'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    ref: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
    'out-dir': { type: 'string' },
    write: { type: 'boolean' },
    'no-write': { type: 'boolean', default: false }
  }
})

/** How much each section does: the full run, `--quick` (under a minute), `--smoke` (the jest smoke test's size). */
const SIZES = {
  full: {
    startup: { reps: 11, rssReps: 3, node24: true, previous: true, variants: true },
    polling: { reps: 9, durationsS: [10, 60, 600] },
    drain: { sizes: [1000, 10_000], reps: 3 },
    lambda: { invocations: 7, budgetTimeoutMs: 3000, settings: ['local', 'aws'] as const },
    freshness: { seeds: 5, window: { days: 35, fromDay: 2, toDay: 32 } }
  },
  quick: {
    startup: { reps: 3, rssReps: 1, node24: true, previous: true, variants: true },
    polling: { reps: 3, durationsS: [10, 60, 600] },
    drain: { sizes: [1000], reps: 1 },
    lambda: { invocations: 2, budgetTimeoutMs: 1000, settings: ['aws'] as const },
    freshness: { seeds: 2, window: { days: 35, fromDay: 2, toDay: 32 } }
  },
  smoke: {
    startup: { reps: 1, rssReps: 1, node24: false, previous: false, variants: false },
    polling: { reps: 1, durationsS: [10, 60] },
    drain: { sizes: [100], reps: 1 },
    lambda: { invocations: 1, budgetTimeoutMs: 2000, settings: ['local'] as const },
    freshness: { seeds: 1, window: { days: 9, fromDay: 2, toDay: 8 } }
  }
}

const size = values.smoke ? SIZES.smoke : values.quick ? SIZES.quick : SIZES.full
const quick = values.quick || values.smoke
const only = values.only ? new Set(values.only.split(',').map((s) => s.trim())) : undefined
const wanted = (id: string) => !only || only.has(id)

async function timed(id: string, title: string, run: () => Promise<SectionReport[]>): Promise<SectionReport[]> {
  const started = performance.now()
  try {
    const sections = await run()
    const seconds = (performance.now() - started) / 1000
    sections[0]!.seconds = seconds
    return sections
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`${title}: ${error instanceof Error ? error.stack : message}`)
    return [
      { id, title, method: [], tables: [], findings: [], error: message, seconds: (performance.now() - started) / 1000 }
    ]
  }
}

const sections: SectionReport[] = []
const show = (list: SectionReport[]) => {
  for (const s of list) console.log(`\n${sectionMarkdown(s)}\n`)
  sections.push(...list)
}

if (wanted('startup'))
  show(
    await timed('startup', '1. Start-up and memory', async () => [
      await startupSection({ ...size.startup, ...(values.ref ? { ref: values.ref } : {}) })
    ])
  )
if (wanted('polling'))
  show(await timed('polling', '2. Polling an ingestion job', async () => [await pollingSection(size.polling)]))
if (wanted('drain')) show(await timed('drain', '3. Draining a backlog', async () => [await drainSection(size.drain)]))
if (wanted('lambda')) show(await timed('lambda', '4. The Lambda', async () => [await lambdaSection(size.lambda)]))
if (wanted('freshness') || wanted('waiting'))
  show(
    await timed('freshness', '5. Freshness and cost (simulated month)', async () => freshnessSections(size.freshness))
  )

const report: BenchReport = {
  date: new Date().toISOString().slice(0, 10),
  quick,
  machine: machine(),
  commit: currentCommit(),
  sections
}

const outDir = values['out-dir'] ?? ROOT
const jsonPath = values.json ?? join(ROOT, '.tmp', 'bench', 'report.json')
mkdirSync(dirname(jsonPath), { recursive: true })
writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`)
console.log(`\nReport: ${relative(process.cwd(), jsonPath) || jsonPath}`)

const write = values['no-write'] ? false : (values.write ?? !quick)
if (write && only) console.log('Not writing BENCHMARKS.md: --only ran part of the sections.')
else if (write) {
  const cells = sections.find((s) => s.id === 'freshness')?.data as Cell[] | undefined
  const svgPath = join(outDir, 'docs', 'images', 'benchmarks.svg')
  let chart: string | undefined
  if (cells?.length) {
    mkdirSync(dirname(svgPath), { recursive: true })
    writeFileSync(
      svgPath,
      chartSvg(
        cells,
        `kb-sync bench ${report.date}, ${report.commit}; hollow points, dashed lines: the Lambda does not keep up`
      )
    )
    chart = 'docs/images/benchmarks.svg'
  }
  const mdPath = join(outDir, 'BENCHMARKS.md')
  await writeBetweenMarkers(
    mdPath,
    reportMarkdown(report, chart),
    `# Benchmarks\n\nRun \`npm run bench\`.\n\n${START_MARKER}\n${END_MARKER}\n`
  )
  console.log(`Wrote ${relative(process.cwd(), mdPath)}${chart ? ` and ${relative(process.cwd(), svgPath)}` : ''}`)
}

const failed = sections.filter((s) => s.error)
if (failed.length) {
  console.error(`\nNot measured: ${failed.map((s) => `${s.title} (${s.error})`).join('; ')}`)
  process.exitCode = 1
}
const total = sections.reduce((sum, s) => sum + s.seconds, 0)
console.log(`Done in ${total.toFixed(0)} s.`)
