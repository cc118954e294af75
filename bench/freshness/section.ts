/**
 * Sections 5 and 6: the simulated month (bench/freshness/model.ts) for each design and arrival rate, several seeds
 * each; freshness (close → searchable), what a month costs on AWS and on GitHub's runners, and what not waiting
 * for ingestion saves and costs.
 */
import type { SectionReport, Table } from '../support/report.js'
import { dollars, fixed, median, minutes, passFail, sortedQuantile } from '../support/stats.js'
import { PARAMS, simulate, type Design, type MonthResult, type Window } from './model.js'

/** The team's unit costs (docs/costs.md) and GitHub's Linux runner price. */
export const UNIT_COSTS = {
  invocation: 0.0001,
  ingestion: 0.05,
  s3Per50DocumentsMonth: 0.0012,
  cloudWatchPerRun: 0.01,
  runnerMinute: 0.008
}
const TEAM_ESTIMATE = 18

export const RATES = [
  { label: '10/day', perHour: 10 / 24 },
  { label: '10/h', perHour: 10 },
  { label: '100/h', perHour: 100 },
  { label: '1,000/h', perHour: 1000 }
]

export const DESIGNS: Design[] = [
  { id: 'seed', label: 'seed: hourly Lambda, no ingestion', seed: { dailyManualSync: false } },
  { id: 'seed-daily', label: 'seed + a manual sync daily at 09:00', seed: { dailyManualSync: true } },
  { id: 'always', label: 'kb-sync `ingestion: always`', mode: 'always', wait: true },
  { id: 'auto-job', label: 'kb-sync `auto`, full jobs only', mode: 'auto-job', wait: true },
  { id: 'auto', label: 'kb-sync `auto` (direct when it can)', mode: 'auto', wait: true },
  { id: 'auto-nowait', label: 'kb-sync `auto`, `wait_for_ingestion: false`', mode: 'auto', wait: false },
  { id: 'direct', label: 'kb-sync `ingestion: direct`', mode: 'direct', wait: true },
  { id: 'auto-40', label: 'kb-sync `auto`, `max_sync_batches: 40`', mode: 'auto', wait: true, maxBatches: 40 }
]

/** Shown in section 5 and the chart; the others serve section 6. */
const MAIN = ['seed', 'seed-daily', 'always', 'auto-job', 'auto', 'auto-nowait', 'direct', 'auto-40']

export interface FreshnessOptions {
  seeds: number
  window: Window
}

export interface Cost {
  lambda: number
  ingestion: number
  s3: number
  cloudWatch: number
  aws: number
  github: number
  totalPrivate: number
}

export interface Cell {
  design: string
  rate: string
  perHour: number
  p50: number
  p95: number
  max: number
  never: number
  carries: boolean
  backlogAtEnd: number
  runs: number
  runnerMinutes: number
  jobs: number
  direct: number
  cost: Cost
  failures: number
  reportDelays: number[]
  waitedForEarlierMin: number
  timedOut: number
}

function cost(r: MonthResult, scale: number): Cost {
  const lambda = r.invocations * UNIT_COSTS.invocation * scale
  const ingestion = (r.jobs + r.directIngestions) * UNIT_COSTS.ingestion * scale
  const s3 = (r.averageDocuments / 50) * UNIT_COSTS.s3Per50DocumentsMonth
  const cloudWatch = r.runs * UNIT_COSTS.cloudWatchPerRun * scale
  const github = r.runnerMinutes * UNIT_COSTS.runnerMinute * scale
  const aws = lambda + ingestion + s3 + cloudWatch
  return { lambda, ingestion, s3, cloudWatch, aws, github, totalPrivate: aws + github }
}

function medianCost(costs: Cost[]): Cost {
  const pick = (k: keyof Cost) => median(costs.map((c) => c[k]))
  return {
    lambda: pick('lambda'),
    ingestion: pick('ingestion'),
    s3: pick('s3'),
    cloudWatch: pick('cloudWatch'),
    aws: pick('aws'),
    github: pick('github'),
    totalPrivate: pick('totalPrivate')
  }
}

export function simulateAll(options: FreshnessOptions): Cell[] {
  const { window } = options
  const scale = 30 / (window.toDay - window.fromDay)
  const cells: Cell[] = []
  for (const rate of RATES) {
    for (const design of DESIGNS) {
      const months: MonthResult[] = []
      // The same seeds for every design: the same incidents, the same late and dropped runs.
      for (let s = 0; s < options.seeds; s++) months.push(simulate(design, rate.perHour, 1 + s, window))
      const q = (x: number) => median(months.map((m) => sortedQuantile(m.freshness, x) / 60))
      const worst = Math.max(...months.map((m) => (m.freshness.length ? m.freshness[m.freshness.length - 1]! / 60 : 0)))
      const backlog = median(months.map((m) => m.backlogAtEnd))
      cells.push({
        design: design.id,
        rate: rate.label,
        perHour: rate.perHour,
        p50: q(0.5),
        p95: q(0.95),
        max: worst,
        never: median(months.map((m) => m.neverSearchable)),
        // A backlog of more than two hours' closings at the end of the month is one that keeps growing.
        carries: backlog <= Math.max(2 * rate.perHour, 50),
        backlogAtEnd: backlog,
        runs: median(months.map((m) => m.runs)) * scale,
        runnerMinutes: median(months.map((m) => m.runnerMinutes)) * scale,
        jobs: median(months.map((m) => m.jobs)) * scale,
        direct: median(months.map((m) => m.directIngestions)) * scale,
        cost: medianCost(months.map((m) => cost(m, scale))),
        failures: median(months.map((m) => m.failures.length)) * scale,
        reportDelays: months.flatMap((m) => m.failures),
        waitedForEarlierMin: (median(months.map((m) => m.waitedForEarlierS)) / 60) * scale,
        timedOut: median(months.map((m) => m.timedOut)) * scale
      })
    }
  }
  return cells
}

const label = (id: string) => DESIGNS.find((d) => d.id === id)?.label ?? id

function freshnessTable(cells: Cell[], rate: string): Table {
  const rows = cells
    .filter((c) => c.rate === rate && MAIN.includes(c.design))
    .map((c) => {
      const kb = !c.design.startsWith('seed')
      const target = !c.carries ? 'n/a: backlog grows' : passFail(c.p95 <= 70)
      return [
        label(c.design),
        minutes(c.p50),
        minutes(c.p95),
        minutes(c.max),
        fixed(c.never),
        c.carries ? 'yes' : `no (${fixed(c.backlogAtEnd)} pending at the end)`,
        fixed(c.jobs),
        fixed(c.direct),
        kb ? fixed(c.runnerMinutes) : '–',
        dollars(c.cost.aws),
        kb ? dollars(c.cost.github) : '–',
        dollars(c.cost.totalPrivate),
        target
      ]
    })
  return {
    title: `${rate} closed incidents`,
    columns: [
      'design',
      'p50',
      'p95',
      'max',
      'never searchable',
      'Lambda keeps up',
      'jobs',
      'direct',
      'runner min',
      'AWS $/month',
      'GitHub $/month (private)',
      'total $/month',
      'p95 ≤ 70 min'
    ],
    rows
  }
}

function costTable(cells: Cell[]): Table {
  const rows = cells
    .filter((c) => c.rate === '10/day' && MAIN.includes(c.design))
    .map((c) => [
      label(c.design),
      fixed(c.runs),
      dollars(c.cost.lambda),
      dollars(c.cost.ingestion),
      dollars(c.cost.s3),
      dollars(c.cost.cloudWatch),
      dollars(c.cost.aws),
      c.design.startsWith('seed') ? '–' : `${fixed(c.runnerMinutes)} min = ${dollars(c.cost.github)}`,
      dollars(c.cost.totalPrivate),
      passFail(c.cost.totalPrivate <= TEAM_ESTIMATE)
    ])
  return {
    title: 'A month at the team’s load (10 incidents a day, hourly runs): where the money goes',
    columns: [
      'design',
      'runs',
      'Lambda',
      'ingestion',
      'S3',
      'CloudWatch',
      'AWS',
      'GitHub runner (private repo)',
      'total',
      `≤ $${TEAM_ESTIMATE}`
    ],
    rows,
    notes: [
      `Unit costs (the team's, docs/costs.md): Lambda $${UNIT_COSTS.invocation} per invocation, $${UNIT_COSTS.ingestion} per ingestion (a job, or one run's direct ingestion, embeddings included), S3 $${UNIT_COSTS.s3Per50DocumentsMonth} a month per 50 documents, CloudWatch $${UNIT_COSTS.cloudWatchPerRun} per run, GitHub-hosted Linux runner $${UNIT_COSTS.runnerMinute} a minute, billed per started minute per job (free on public repositories: total = AWS there).`,
      'The seed design runs its Lambda from EventBridge: no runner minutes; its manual sync costs a person, not counted.'
    ]
  }
}

function waitingTable(cells: Cell[]): Table {
  const rows: string[][] = []
  for (const rate of ['10/day', '10/h', '100/h']) {
    const at = (design: string) => cells.find((c) => c.rate === rate && c.design === design)!
    // Saved against the default, which waits and goes direct when it can.
    const waiting = at('auto')
    for (const c of [waiting, at('auto-job'), at('auto-nowait')]) {
      const finite = c.reportDelays.filter(Number.isFinite)
      rows.push([
        rate,
        label(c.design),
        fixed(c.runnerMinutes),
        dollars(c.cost.github),
        c.design === 'auto-nowait'
          ? `${fixed(waiting.runnerMinutes - c.runnerMinutes)} min, ${dollars(waiting.cost.github - c.cost.github)}`
          : '',
        minutes(c.p95),
        fixed(c.failures, 1),
        finite.length ? minutes(median(finite) / 60) : '–',
        finite.length ? minutes(Math.max(...finite) / 60) : '–',
        fixed(c.reportDelays.length - finite.length),
        fixed(c.waitedForEarlierMin)
      ])
    }
  }
  return {
    title: 'Waiting for ingestion or not: runner minutes against learning of a failure',
    columns: [
      'load',
      'design',
      'runner min/month',
      'GitHub $/month',
      'saved by not waiting',
      'p95 freshness',
      'failed ingestions/month',
      'failure → reported (median)',
      'worst',
      'never reported',
      'min/month waiting on an earlier run’s job'
    ],
    rows,
    notes: [
      'Not waiting, `auto` starts full jobs (documents sent and not followed leave no trace a later run can read), and a failure is reported by the next run, which reads the outcome of the job the earlier run left.',
      `Failure shares assumed: ${PARAMS.jobFailureShare * 100} % of jobs, ${PARAMS.documentFailureShare * 100} % of directly ingested documents; delays over all seeds.`
    ]
  }
}

function recommendation(cells: Cell[]): string[] {
  const at = (design: string, rate = '10/day') => cells.find((c) => c.design === design && c.rate === rate)!
  const direct = at('auto')
  const job = at('auto-job')
  const noWait = at('auto-nowait')
  const better = direct.p95 <= job.p95 && direct.cost.totalPrivate <= job.cost.totalPrivate * 1.1 ? 'direct' : 'job'
  const lines = [
    `At 10 incidents a day, \`auto\` going direct: p95 ${minutes(direct.p95)}, ${dollars(direct.cost.totalPrivate)}/month (${dollars(direct.cost.aws)} AWS); \`auto\` with full jobs only: p95 ${minutes(job.p95)}, ${dollars(job.cost.totalPrivate)}/month (${dollars(job.cost.aws)} AWS). By this run, \`auto\` should go **${better === 'direct' ? 'direct when it can' : 'by full job'}** for such a team.`,
    `Not waiting (\`auto\`, \`wait_for_ingestion: false\`) at that load saves ${fixed(direct.runnerMinutes - noWait.runnerMinutes)} runner minutes (${dollars(direct.cost.github - noWait.cost.github)}) a month.`
  ]
  for (const rate of RATES.map((r) => r.label)) {
    const kb = cells.filter((c) => c.rate === rate && MAIN.includes(c.design) && !c.design.startsWith('seed'))
    const carried = kb.filter((c) => c.carries)
    const failing = carried.filter((c) => c.p95 > 70).map((c) => `${label(c.design)} (${minutes(c.p95)})`)
    const dropped = kb.filter((c) => !c.carries).map((c) => label(c.design))
    lines.push(
      `${rate}: ${carried.length} of ${kb.length} kb-sync designs keep up` +
        (dropped.length ? ` (not: ${dropped.join(', ')})` : '') +
        (failing.length ? `; p95 over 70 min: ${failing.join(', ')}` : '; all of those within 70 min at p95') +
        '.'
    )
  }
  return lines
}

export function freshnessSections(options: FreshnessOptions): SectionReport[] {
  const started = performance.now()
  const cells = simulateAll(options)
  const seconds = (performance.now() - started) / 1000
  const p = PARAMS
  const model = [
    `Discrete-event model (bench/freshness/model.ts), ${options.seeds} seeded months per design and rate (the same incidents and GitHub delays for every design), medians over them; max is the worst month. ${options.window.days} days simulated, incidents closing and costs counted over days ${options.window.fromDay}–${options.window.toDay}, scaled to 30 days.`,
    `Arrivals: ${(1 - p.burstShare) * 100} % of incidents close one by one (Poisson), ${p.burstShare * 100} % in bursts of ${p.burstMin}–${p.burstMax} within ${p.burstSpreadS / 60} min. FIFO drain (the Lambda's priority order is not modelled); no edits, reopenings or deletions.`,
    `GitHub schedule: minute 23 of every hour, started late by a lognormal delay (median ${p.delayMedianS / 60} min, σ ${p.delaySigma}: p95 ≈ ${minutes((p.delayMedianS * Math.exp(1.645 * p.delaySigma)) / 60)}, cut at ${p.delayMaxS / 60} min); ${p.dropShare * 100} % of runs never start; one run at a time, and of the runs queued meanwhile only the newest starts (the workflow's concurrency group). Assumed: GitHub publishes no numbers.`,
    `A run: ${p.runnerBeforeS} s of runner before the action and ${p.runnerAfterS} s after; Lambda invocations of ${p.invokeS} s + ${p.invokePerIncidentS * 1000} ms per incident (about section 4's AWS-like rate), up to \`max_sync_batches\` (10 unless said); ${p.countS} s per backlog count; the action's own backoff (\`pollDelay\`, cap ${p.pollCapS} s) while it waits; \`ingestion_timeout_minutes\` ${p.ingestionTimeoutS / 60}.`,
    `Ingestion times, in the shape of the local stack's model: a full job ${p.jobFixedS} s + ${p.jobPerDocumentS * 1000} ms per document in the data source (\`jobDurationMs\` + \`perDocumentMs\` × documents scanned; ${p.initialDocuments.toLocaleString('en-US')} documents at the start — a year of the team's incidents — make it ${minutes((p.jobFixedS + p.jobPerDocumentS * p.initialDocuments) / 60)}, in line with the 3–5 minutes users report and docs/costs.md's 4); a direct document ${p.documentS} s from acceptance to INDEXED, side by side (\`documentDurationMs\`), ${p.documentCallS} s per call of 10. Assumed numbers, not AWS measurements.`,
    `Failures: ${p.jobFailureShare * 100} % of jobs fail (indexing nothing; \`auto\`'s next run heals with a job); ${p.documentFailureShare * 100} % of directly ingested documents fail, and the run retries them at once with a full job it waits for.`
  ]
  const main: Table[] = RATES.map((r) => freshnessTable(cells, r.label))
  main[0]!.notes = [
    'Freshness: from an incident closing to its document being searchable. "never": not searchable by the end of the simulation.',
    'Lambda keeps up: the backlog at the end of the month is under two hours of closings.',
    '`direct` decides as `auto` does in the current code while waiting (src/pipeline/ingestion.ts, `decide`), so their rows agree.'
  ]
  return [
    {
      id: 'freshness',
      title: '5. Freshness and cost (simulated month)',
      method: model,
      tables: [...main, costTable(cells)],
      findings: recommendation(cells),
      seconds,
      data: cells.map(({ reportDelays: _r, ...rest }) => rest)
    },
    {
      id: 'waiting',
      title: '6. The cheapest trustworthy mode: waiting for ingestion or not',
      method: ['The same simulated months, `auto` and `auto` with full jobs only, each waiting and not waiting.'],
      tables: [waitingTable(cells)],
      findings: waitingFindings(cells),
      seconds: 0
    }
  ]
}

function waitingFindings(cells: Cell[]): string[] {
  const at = (design: string, rate: string) => cells.find((c) => c.design === design && c.rate === rate)!
  const out: string[] = []
  for (const rate of ['10/day', '10/h']) {
    const w = at('auto', rate)
    const n = at('auto-nowait', rate)
    const delays = n.reportDelays.filter(Number.isFinite)
    out.push(
      `${rate}: not waiting saves ${fixed(w.runnerMinutes - n.runnerMinutes)} runner minutes (${dollars(w.cost.github - n.cost.github)}) a month against the default (waiting, direct when it can), for p95 freshness ${minutes(n.p95)} instead of ${minutes(w.p95)}; a failed job is then reported by the next run` +
        (delays.length ? `, ${minutes(median(delays) / 60)} after it failed (median)` : '') +
        ' instead of at once.'
    )
  }
  return out
}
