/**
 * Section 4: the reference Lambda's throughput per invocation against the one-at-a-time handler
 * (bench/one-at-a-time.ts), both in the stack's execution environments on the same stack and the same pool of
 * pending incidents, invoked alternately so both meet the same index. Twice: on the stack as it is (calls answer in
 * about a millisecond) and with AWS-like round trips added to every S3 and DynamoDB call, where waiting on one call
 * at a time is what costs.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { lambdaEnvironment, safetyMargin } from '../local/harness/config.js'
import { startStack, type Stack } from '../local/stack.js'
import { ROOT } from './support/bundles.js'
import { indexSafeIncidents } from './support/incidents.js'
import type { SectionReport, Table } from './support/report.js'
import { fixed, median, passFail, ratio } from './support/stats.js'

export interface LambdaOptions {
  /** Measured invocations per handler and setting, after one warm-up. */
  invocations: number
  /** The budgeted invocations' timeout: AWS's default, 3 s. */
  budgetTimeoutMs: number
  /** The stack as it is, and with AWS-like round trips. */
  settings: readonly ('local' | 'aws')[]
}

/** Enough pending incidents that no invocation runs out: a budgeted one syncs up to ~0.25 an ms locally. */
function poolFor(options: LambdaOptions): number {
  return (options.invocations + 1) * (2 * 50 + Math.ceil(options.budgetTimeoutMs * 0.6))
}

/** Round trips of in-region calls with small payloads, typical medians; assumed, not measured here. */
export const AWS_LATENCY_MS: Record<string, number> = {
  PutObject: 20,
  Query: 10,
  BatchGetItem: 10,
  UpdateItem: 8,
  GetItem: 8
}

const NAIVE = 'incident-kb-one-at-a-time'

interface Answer {
  successfully_synced: number
  failed: number
}

async function invoke(stack: Stack, lambda: LambdaClient, name: string): Promise<{ synced: number; ms: number }> {
  const before = stack.invocations().length
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }))
  const text = Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8')
  if (out.FunctionError) throw new Error(`${name} failed: ${text}`)
  const record = stack
    .invocations()
    .slice(before)
    .find((i) => i.functionName === name)
  const answer = JSON.parse(text) as Answer
  if (answer.failed > 0) throw new Error(`${name} failed ${answer.failed} incidents`)
  return { synced: answer.successfully_synced, ms: record?.durationMs ?? Number.NaN }
}

interface Rates {
  reference: number[]
  naive: number[]
  referenceSynced: number[]
  naiveSynced: number[]
}

async function alternate(stack: Stack, lambda: LambdaClient, n: number): Promise<Rates> {
  const rates: Rates = { reference: [], naive: [], referenceSynced: [], naiveSynced: [] }
  for (let i = -1; i < n; i++) {
    const ref = await invoke(stack, lambda, stack.ids.functionName)
    const naive = await invoke(stack, lambda, NAIVE)
    if (i < 0) continue // cold starts: new environments, new connections
    rates.reference.push(ref.synced / (ref.ms / 1000))
    rates.naive.push(naive.synced / (naive.ms / 1000))
    rates.referenceSynced.push(ref.synced)
    rates.naiveSynced.push(naive.synced)
  }
  return rates
}

async function measure(latency: boolean, options: LambdaOptions): Promise<{ batch: Rates; budget: Rates }> {
  const stack = await startStack({})
  const lambda = new LambdaClient({ ...stack.clientConfig, maxAttempts: 1 })
  try {
    await stack.seedIncidents(indexSafeIncidents(poolFor(options), 1, { status: 'CLOSED', seed: latency ? 7 : 3 }))
    const env = lambdaEnvironment(stack.ids, stack.url, 300_000)
    stack.setFunction(NAIVE, { handlerPath: `${ROOT}/bench/one-at-a-time.ts`, timeoutMs: 300_000, env })
    if (latency) {
      for (const [operation, ms] of Object.entries(AWS_LATENCY_MS))
        stack.faults.delay(operation, ms, Number.POSITIVE_INFINITY)
    }
    const batch = await alternate(stack, lambda, options.invocations)
    // The time budget: AWS's default 3 s timeout, a batch limit the time runs out long before, the same margin.
    const timeoutMs = options.budgetTimeoutMs
    const budgetEnv = { BATCH_LIMIT: '1000', SAFETY_MARGIN_MS: String(safetyMargin(timeoutMs)) }
    stack.configureFunction(stack.ids.functionName, { timeoutMs, env: budgetEnv })
    stack.configureFunction(NAIVE, { timeoutMs, env: budgetEnv })
    const budget = await alternate(stack, lambda, options.invocations)
    const truth = await stack.truth()
    if (truth.mirrorProblems.length > 0) throw new Error(`the mirror is off: ${truth.mirrorProblems[0]}`)
    return { batch, budget }
  } finally {
    stack.faults.clear()
    lambda.destroy()
    await stack.stop()
  }
}

export async function lambdaSection(options: LambdaOptions): Promise<SectionReport> {
  const rows: string[][] = []
  const findings: string[] = []
  const data: Record<string, unknown>[] = []
  for (const setting of options.settings) {
    const latency = setting === 'aws'
    const { batch, budget } = await measure(latency, options)
    const name = latency ? 'AWS-like round trips' : 'local stack as is'
    for (const [label, r] of [
      ['batch of 50', batch],
      [`${options.budgetTimeoutMs / 1000} s timeout, batch limit 1000`, budget]
    ] as const) {
      const ref = median(r.reference)
      const naive = median(r.naive)
      rows.push([
        name,
        label,
        fixed(median(r.referenceSynced)),
        fixed(ref),
        fixed(median(r.naiveSynced)),
        fixed(naive),
        ratio(ref / naive),
        // With no round trips there is nothing for concurrency to overlap: both handlers and the emulator share the
        // machine's cores, so that row measures the emulator's CPU, not the handlers' design.
        latency ? passFail(ref / naive >= 5) : 'n/a: no latency'
      ])
      data.push({ latency, case: label, ...r })
      findings.push(
        `${name}, ${label}: the reference Lambda syncs ${ratio(ref / naive)} as many incidents per second as one at a time.`
      )
    }
  }
  const table: Table = {
    title: 'Incidents per second per invocation (median of the warm invocations)',
    columns: [
      'setting',
      'invocation',
      'reference: synced',
      'reference: incidents/s',
      'one at a time: synced',
      'one at a time: incidents/s',
      'ratio',
      'target ≥ 5×'
    ],
    rows,
    notes: [
      `AWS-like round trips, added to every call by the stack's delay fault: ${Object.entries(AWS_LATENCY_MS)
        .map(([op, ms]) => `${op} ${ms} ms`)
        .join(', ')} (assumed typical in-region medians, not measured here).`,
      "Incidents/s: synced ÷ the invocation's duration as the stack's Lambda runtime records it (the handler's run, not its init).",
      "The target is judged with round trips: on the local stack as is every call answers in well under a millisecond, so overlapping calls gains nothing and the reference handler's extra work (re-reads, conditional marks, the mirror's sweep) shows instead.",
      `Time budget: both handlers stop starting incidents when less than the margin is left (${safetyMargin(options.budgetTimeoutMs)} ms of ${options.budgetTimeoutMs / 1000} s).`
    ]
  }
  return {
    id: 'lambda',
    title: '4. The Lambda',
    method: [
      `The reference handler (dist/lambda/index.js: its default CONCURRENCY of 32, BatchGetItem re-reads, conditional marks, the mirror’s sweep) and bench/one-at-a-time.ts (sidecar, document, mark, one call at a time), each as its own function on one stack seeded with ${fixed(poolFor(options))} pending incidents; invoked alternately, ${options.invocations} warm invocations each per setting.`
    ],
    tables: [table],
    findings,
    seconds: 0,
    data
  }
}
