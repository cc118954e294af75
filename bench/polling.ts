/**
 * Section 2: how kb-sync follows a job. The pipeline itself (src/pipeline, in this process) runs against the local
 * stack over the wire, on a virtual clock its own waits move on; fixed-interval pollers run against the same stack
 * on the same clock. A job's end and the moment each poller saw it are both on that clock, so the lag is exact.
 *
 * The bundle cannot be given a clock, and its first checks come within a second whatever poll_interval_seconds
 * says, so scaling real time would distort exactly the part being measured: hence the pipeline in process.
 */
import {
  BedrockAgentClient,
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand
} from '@aws-sdk/client-bedrock-agent'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { randomUUID } from 'node:crypto'
import type { InputName } from '../src/inputs.js'
import { silentLogger } from '../src/logger.js'
import { runKbSync } from '../src/pipeline/run.js'
import { startStack, type Stack } from '../local/stack.js'
import { VirtualClock } from './support/virtual-clock.js'
import type { SectionReport, Table } from './support/report.js'
import { fixed, median, passFail, ratio, seededRandom } from './support/stats.js'

const TERMINAL = new Set(['COMPLETE', 'FAILED', 'STOPPED'])

interface Poller {
  name: string
  cap: number
  run(stack: Stack, clock: VirtualClock, seed: number): Promise<Seen>
}

/** What a poller saw: status checks made, and when (virtual ms) it first saw the job ended. */
interface Seen {
  calls: number
  sawEndAt: number
  jobId: string
}

export interface PollingOptions {
  reps: number
  durationsS: number[]
}

/** kb-sync's whole run (sync off, ingestion always), its clock the stack's. */
function kbSync(cap: number): Poller {
  return {
    name: `kb-sync backoff, cap ${cap} s`,
    cap,
    async run(stack, clock, seed) {
      const inputs: Partial<Record<InputName, string>> = {
        knowledge_base_id: stack.ids.knowledgeBaseId,
        data_source_id: stack.ids.dataSourceId,
        sync: 'false',
        ingestion: 'always',
        poll_interval_seconds: String(cap),
        ingestion_timeout_minutes: '120',
        backlog_table: '',
        metrics_namespace: ''
      }
      let calls = 0
      let sawEndAt = Number.NaN
      let jobId = ''
      const config = { ...stack.clientConfig, maxAttempts: 1 }
      const result = await runKbSync({
        readInput: (name) => inputs[name],
        env: { AWS_REGION: stack.ids.region },
        run: {
          repository: 'acme/incidents',
          // A run id of its own per poller: the client token derives from it, and a repeated token would answer
          // with the job an earlier poller already followed to its end.
          runId: `${seed}${cap}`,
          runAttempt: '1',
          serverUrl: 'https://github.com',
          job: 'kb-sync',
          action: 'kb',
          repositoryVisibility: 'private'
        },
        clock,
        logger: silentLogger,
        getIdToken: () => Promise.reject(new Error('no OIDC in the polling bench')),
        mask: () => undefined,
        createClients: () => {
          const lambda = new LambdaClient(config)
          const bedrock = new BedrockAgentClient(config)
          const dynamodb = new DynamoDBClient(config)
          return {
            lambda: async () => lambda,
            bedrock: async () => bedrock,
            dynamodb: async () => dynamodb,
            credentials: async () => config.credentials,
            destroy: () => [lambda, bedrock, dynamodb].forEach((client) => client.destroy())
          }
        },
        onProgress: (event) => {
          if (event.phase !== 'ingestion') return
          calls++
          jobId = event.jobId
          if (TERMINAL.has(event.status) && Number.isNaN(sawEndAt)) sawEndAt = clock.now()
        }
      })
      if (result.status !== 'completed') throw new Error(`kb-sync ended ${result.status} on a plain job`)
      return { calls, sawEndAt, jobId }
    }
  }
}

/**
 * A loop that checks every `cap` seconds: `sleep` then check, as a shell script does; or check then sleep, as
 * Airflow's BedrockIngestionJobSensor pokes (its poke_interval defaults to 60 s).
 */
function fixedPoller(cap: number, pokeFirst: boolean, label: string): Poller {
  return {
    name: label,
    cap,
    async run(stack, clock) {
      const bedrock = new BedrockAgentClient({ ...stack.clientConfig, maxAttempts: 1 })
      const ids = { knowledgeBaseId: stack.ids.knowledgeBaseId, dataSourceId: stack.ids.dataSourceId }
      try {
        const started = await bedrock.send(new StartIngestionJobCommand({ ...ids, clientToken: randomUUID() }))
        const jobId = started.ingestionJob!.ingestionJobId!
        let calls = 0
        for (let first = true; ; first = false) {
          if (!(first && pokeFirst)) clock.advance(cap * 1000)
          const answer = await bedrock.send(new GetIngestionJobCommand({ ...ids, ingestionJobId: jobId }))
          calls++
          if (TERMINAL.has(answer.ingestionJob?.status ?? '')) return { calls, sawEndAt: clock.now(), jobId }
        }
      } finally {
        bedrock.destroy()
      }
    }
  }
}

/** When the job ended, on the stack's clock (a finished job's updatedAt is its end). */
async function jobEnd(stack: Stack, jobId: string): Promise<number> {
  const bedrock = new BedrockAgentClient({ ...stack.clientConfig, maxAttempts: 1 })
  try {
    const list = await bedrock.send(
      new ListIngestionJobsCommand({
        knowledgeBaseId: stack.ids.knowledgeBaseId,
        dataSourceId: stack.ids.dataSourceId,
        maxResults: 100
      })
    )
    const job = list.ingestionJobSummaries?.find((j) => j.ingestionJobId === jobId)
    if (!job?.updatedAt) throw new Error(`job ${jobId} not found`)
    return job.updatedAt.getTime()
  } finally {
    bedrock.destroy()
  }
}

/** The target: ⌈log₂(cap/2)⌉ checks to back off to the cap, one per cap of the job, two to spare. */
export function callBudget(cap: number, durationS: number): number {
  return Math.ceil(Math.log2(cap / 2)) + durationS / cap + 2
}

export async function pollingSection(options: PollingOptions): Promise<SectionReport> {
  const pollers = [
    kbSync(15),
    fixedPoller(15, false, 'fixed 15 s (a shell loop)'),
    kbSync(60),
    fixedPoller(60, true, 'fixed 60 s (Airflow sensor)')
  ]
  const rows: string[][] = []
  const findings: string[] = []
  const data: Record<string, unknown>[] = []
  for (const durationS of options.durationsS) {
    const samples = new Map<string, { calls: number[]; lags: number[] }>(
      pollers.map((p) => [p.name, { calls: [], lags: [] }])
    )
    /** Each repetition's drawn job duration, in seconds: the D of the call target. */
    const jobSeconds: number[] = []
    for (let rep = 0; rep < options.reps; rep++) {
      // Real jobs do not last a round number of seconds: each repetition draws one duration within ±10 %, the
      // same for every poller, so a fixed poller's grid meets the job's end at every phase.
      const random = seededRandom(1000 * durationS + rep)
      const jobMs = Math.round(durationS * 1000 * (0.9 + 0.2 * random()))
      jobSeconds.push(jobMs / 1000)
      const clock = new VirtualClock(Date.UTC(2026, 0, 5, 9, 0, 0), random)
      const stack = await startStack({ clock, jobDurationMs: jobMs })
      try {
        for (const poller of pollers) {
          const seen = await poller.run(stack, clock, 1000 * durationS + rep)
          const endAt = await jobEnd(stack, seen.jobId)
          const sample = samples.get(poller.name)!
          sample.calls.push(seen.calls)
          sample.lags.push((seen.sawEndAt - endAt) / 1000)
        }
      } finally {
        await stack.stop()
      }
    }
    for (const poller of pollers) {
      const { calls, lags } = samples.get(poller.name)!
      const budgets = jobSeconds.map((seconds) => callBudget(poller.cap, seconds))
      const budget = Math.min(...budgets)
      const kb = poller.name.startsWith('kb-sync')
      const lagMax = Math.max(...lags)
      const callsMax = Math.max(...calls)
      const ok = lagMax <= poller.cap && calls.every((n, rep) => n <= budgets[rep]!)
      rows.push([
        `${durationS} s`,
        poller.name,
        fixed(median(calls), 1),
        fixed(callsMax),
        fixed(median(lags), 1),
        fixed(lagMax, 1),
        kb
          ? `${passFail(ok)} (≤ ${fixed(budget, 1)}–${fixed(Math.max(...budgets), 1)} calls, lag ≤ ${poller.cap} s)`
          : ''
      ])
      data.push({ durationS, poller: poller.name, cap: poller.cap, calls, lags, jobSeconds, budgets })
    }
  }
  const pick = (d: number, name: string) =>
    data.find((r) => r.durationS === d && r.poller === name) as { calls: number[]; lags: number[] } | undefined
  for (const d of options.durationsS) {
    const kb = pick(d, 'kb-sync backoff, cap 15 s')
    const shell = pick(d, 'fixed 15 s (a shell loop)')
    if (!kb || !shell) continue
    const sooner = median(shell.lags) - median(kb.lags)
    const more = median(kb.calls) - median(shell.calls)
    findings.push(
      `${d} s job: kb-sync saw the end ${fixed(Math.abs(sooner), 1)} s ${sooner >= 0 ? 'sooner' : 'later'} (median) than a 15 s shell loop, ` +
        `with ${fixed(Math.abs(more), 1)} ${more >= 0 ? 'more' : 'fewer'} status checks (${ratio(median(kb.calls) / median(shell.calls))}).`
    )
  }
  for (const row of data as { durationS: number; poller: string; calls: number[]; budgets: number[] }[]) {
    const over = row.calls.filter((n, rep) => n > row.budgets[rep]!).length
    if (row.poller.startsWith('kb-sync') && over > 0)
      findings.push(
        `${row.poller}, ${row.durationS} s job: over the call target in ${over} of ${row.calls.length} repetitions.`
      )
  }
  const table: Table = {
    title: 'Status checks and detection lag per job (median and worst of the repetitions)',
    columns: ['job', 'poller', 'GetIngestionJob calls', 'worst', 'lag s', 'worst lag s', 'target'],
    rows,
    notes: [
      'Lag: from the job reaching COMPLETE to the poller seeing it. Target for kb-sync: worst lag ≤ the cap and, in every repetition, calls ≤ ⌈log₂(cap/2)⌉ + D/cap + 2 with D the job’s drawn duration (the range shown).',
      'Each job lasts its nominal duration ±10 % (drawn per repetition, the same for every poller).'
    ]
  }
  return {
    id: 'polling',
    title: '2. Polling an ingestion job',
    method: [
      'The pipeline (`runKbSync` from src/pipeline, sync off, `ingestion: always`) runs in the bench process against the local stack, on a virtual clock that its own waits (`pollDelay`, with jitter) move forward; the stack computes the job from the same clock.',
      'The fixed pollers start a job and call `GetIngestionJob` every 15 s or 60 s on the same clock.',
      `${options.reps} repetitions per job duration, one stack each.`
    ],
    tables: [table],
    findings,
    seconds: 0,
    data
  }
}
