/**
 * The end-to-end suite's helpers: a fresh local stack per scenario, the bundled action run against it, the checks every
 * run must pass (docs/behaviour.md, "Outputs, job summary, logs": all outputs, the result document, the summary, exit
 * code and annotations agreeing), and the truth behind a run (DynamoDB, S3, the knowledge base's index and jobs,
 * Retrieve).
 */
import { expect } from '@jest/globals'
import {
  BedrockAgentClient,
  GetIngestionJobCommand,
  StartIngestionJobCommand,
  type IngestionJob
} from '@aws-sdk/client-bedrock-agent'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import {
  ManualClock,
  startStack,
  type IngestionJobView,
  type Stack,
  type StackOptions,
  type Truth
} from '../../../local/stack.js'
import { elementsOf, foreignLinks, renderSummary } from '../../support/markdown.js'
import { runAction, type ActionRun, type CancelPlan } from './run-action.js'

export const OUTPUT_NAMES = [
  'status',
  'synced_count',
  'sync_failed_count',
  'processed_count',
  'sync_batches',
  'backlog_remaining',
  'ingestion_job_id',
  'ingestion_status',
  'statistics',
  'result',
  'duration_seconds'
] as const

export const STATISTIC_NAMES = [
  'numberOfDocumentsScanned',
  'numberOfMetadataDocumentsScanned',
  'numberOfNewDocumentsIndexed',
  'numberOfModifiedDocumentsIndexed',
  'numberOfMetadataDocumentsModified',
  'numberOfDocumentsDeleted',
  'numberOfDocumentsFailed'
] as const

/** What a direct ingestion reports instead of a job's statistics (docs/behaviour.md, "Direct ingestion"). */
export const DIRECT_STATISTIC_NAMES = [
  'numberOfDocumentsIndexed',
  'numberOfDocumentsDeleted',
  'numberOfDocumentsFailed'
] as const

const STATUSES = ['completed', 'skipped', 'started', 'dry_run', 'failed', 'cancelled']
const TERMINAL = ['COMPLETE', 'FAILED', 'STOPPED']

/** A stack whose ingestion jobs take 300 ms, so a run waits a fraction of a second for its job. */
export function freshStack(options: StackOptions = {}): Promise<Stack> {
  return startStack({ jobDurationMs: 300, ...options })
}

/**
 * Scenarios run concurrently (`it.concurrent`), each on its own stack; at most this many at once, so a 2-core machine
 * is kept busy without starving any of them.
 */
const MAX_PARALLEL = 3
let running = 0
const waiting: (() => void)[] = []

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  while (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await fn()
  } finally {
    running--
    waiting.shift()?.()
  }
}

/** Starts a fresh stack, hands it to `fn`, and always stops it. */
export function withStack<T>(options: StackOptions, fn: (stack: Stack) => Promise<T>): Promise<T> {
  return slot(async () => {
    const stack = await freshStack(options)
    try {
      return await fn(stack)
    } finally {
      stack.faults.clear()
      await stack.stop()
    }
  })
}

export interface KbRunOptions {
  /** Added to (or overriding) the stack's environment. */
  env?: Record<string, string>
  /** Removed from the environment, e.g. ACTIONS_ID_TOKEN_REQUEST_URL. */
  withoutEnv?: string[]
  timeoutMs?: number
  /** Cancel the run as the runner would (SIGINT or SIGTERM). */
  cancel?: CancelPlan
}

/**
 * Runs dist/index.js against the stack with fast polling, and checks what every run must satisfy whatever its
 * outcome (docs/behaviour.md, "Outputs"). Inputs override the stack's knowledge base and data source ids when given.
 */
export async function runKbSync(
  stack: Stack,
  inputs: Record<string, string> = {},
  options: KbRunOptions = {}
): Promise<ActionRun> {
  const env: Record<string, string> = { ...stack.env, ...options.env }
  for (const name of options.withoutEnv ?? []) delete env[name]
  const run = await runAction({
    inputs: {
      knowledge_base_id: stack.ids.knowledgeBaseId,
      data_source_id: stack.ids.dataSourceId,
      poll_interval_seconds: '0.1',
      // What `${{ github.token }}` is on a runner: the token the stack's GitHub API accepts.
      github_token: stack.github.token,
      ...inputs
    },
    env,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.cancel ? { cancel: options.cancel } : {})
  })
  expectWellFormed(run)
  return run
}

export interface ResultDocument {
  status: string
  sync_phase: {
    successfully_synced: number | null
    failed: number | null
    total_processed: number | null
    updated: number | null
    removed: number | null
    batches: number
    backlog_before: number | null
    backlog_after: number | null
  }
  ingestion_phase: {
    mode: 'job' | 'direct'
    fallback_reason: string | null
    job_id: string | null
    status: string | null
    statistics: Record<string, number> | null
    failure_reasons: string[]
  }
  total_duration_seconds: number
}

export function resultOf(run: ActionRun): ResultDocument {
  return JSON.parse(run.outputs.result ?? '') as ResultDocument
}

export function statisticsOf(run: ActionRun): Record<string, number> {
  return JSON.parse(run.outputs.statistics ?? '') as Record<string, number>
}

/** Everything the runner would show as an error or warning annotation, one string (annotation-escaped). */
export function annotations(lines: string[]): string {
  return lines.map((l) => l.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%')).join('\n')
}

/**
 * docs/behaviour.md, "Outputs", for any run: every output set, `result` valid JSON in the documented shape and agreeing
 * with the other outputs, a summary written, and the exit code, status and error annotations telling the same story.
 */
export function expectWellFormed(run: ActionRun): void {
  expect(run.exitCode === 0 || run.exitCode === 1).toBe(true)
  for (const name of OUTPUT_NAMES) expect(typeof run.outputs[name]).toBe('string')
  const o = run.outputs as Record<(typeof OUTPUT_NAMES)[number], string>
  expect(STATUSES).toContain(o.status)
  const failed = o.status === 'failed' || o.status === 'cancelled'
  expect(run.exitCode).toBe(failed ? 1 : 0)
  expect(run.errors.length > 0).toBe(failed)
  expect(run.stdout + run.stderr).not.toContain('kb-sync failed unexpectedly')

  const nullable = (text: string): number | null => (text === '' ? null : Number(text))
  const result = resultOf(run)
  expect(Object.keys(result).sort()).toEqual(['ingestion_phase', 'status', 'sync_phase', 'total_duration_seconds'])
  expect(Object.keys(result.sync_phase).sort()).toEqual(
    [
      'backlog_after',
      'backlog_before',
      'batches',
      'failed',
      'removed',
      'successfully_synced',
      'total_processed',
      'updated'
    ].sort()
  )
  expect(Object.keys(result.ingestion_phase).sort()).toEqual([
    'failure_reasons',
    'fallback_reason',
    'job_id',
    'mode',
    'statistics',
    'status'
  ])
  const direct = result.ingestion_phase.mode === 'direct'
  expect(['job', 'direct']).toContain(result.ingestion_phase.mode)
  // A fallback is a full job that ran where direct ingestion was wanted.
  if (result.ingestion_phase.fallback_reason !== null) {
    expect(typeof result.ingestion_phase.fallback_reason).toBe('string')
    expect(direct).toBe(false)
  }
  expect(result.status).toBe(o.status)
  expect(result.sync_phase).toMatchObject({
    successfully_synced: nullable(o.synced_count),
    failed: nullable(o.sync_failed_count),
    total_processed: nullable(o.processed_count),
    batches: Number(o.sync_batches),
    backlog_after: nullable(o.backlog_remaining)
  })
  expect(Number.isInteger(result.sync_phase.batches)).toBe(true)
  expect(result.ingestion_phase.job_id).toBe(o.ingestion_job_id === '' ? null : o.ingestion_job_id)
  expect(result.ingestion_phase.status).toBe(o.ingestion_status === '' ? null : o.ingestion_status)
  expect(Array.isArray(result.ingestion_phase.failure_reasons)).toBe(true)
  if (o.statistics === '') {
    expect(result.ingestion_phase.statistics).toBeNull()
  } else {
    const stats = statisticsOf(run)
    const names = direct ? DIRECT_STATISTIC_NAMES : STATISTIC_NAMES
    expect(Object.keys(stats).sort()).toEqual([...names].sort())
    for (const name of names) expect(Number.isInteger(stats[name])).toBe(true)
    expect(result.ingestion_phase.statistics).toEqual(stats)
  }
  expect(o.duration_seconds).toMatch(/^\d+(\.\d)?$/)
  expect(result.total_duration_seconds).toBe(Number(o.duration_seconds))

  expect(run.summary).toContain(`kb-sync: ${o.status.replace('_', ' ')}</h2>`)
  expectOnlyOwnMarkup(run.summarySource)
}

const OWN_ELEMENTS = new Set([
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

/** The summary, rendered as GitHub renders it, holds only the elements kb-sync writes: nothing outside text made. */
export function expectOnlyOwnMarkup(summarySource: string): void {
  const elements = elementsOf(renderSummary(summarySource))
  expect(elements.filter((name) => !OWN_ELEMENTS.has(name))).toEqual([])
  expect(elements.filter((name) => name === 'h2')).toHaveLength(summarySource === '' ? 0 : 1)
  expect(foreignLinks(renderSummary(summarySource))).toEqual([])
  expect(summarySource).not.toMatch(/\n[ \t]*\n/)
}

// ---- the truth -------------------------------------------------------------------------------------------

/** What is really there after a run, by incident id. */
export interface View {
  truth: Truth
  closed: string[]
  /** Incidents that are not CLOSED. */
  open: string[]
  synced: string[]
  pending: string[]
  /** Incidents whose document is under the Lambda's prefix. */
  documents: string[]
  /** Incidents the knowledge base has indexed. */
  indexed: string[]
}

const sorted = (ids: Iterable<string>): string[] => [...ids].sort()

/**
 * Reads the truth and checks what must hold after any run: S3 mirrors DynamoDB, content-exact (every synced incident
 * has its document and `.metadata.json` sidecar, each of them its current rendering; no document of an incident that
 * is not CLOSED or does not exist; see `Truth.mirrorProblems`), only CLOSED incidents are synced or indexed, every
 * indexed incident is returned by Retrieve, and a sample of the others is not. Files under the prefix that are not the
 * Lambda's (`Truth.foreignKeys`) are left out of all of it.
 */
export async function inspect(stack: Stack): Promise<View> {
  const truth = await stack.truth()
  const prefix = stack.ids.prefix
  const idOfKey = (key: string): string =>
    key.startsWith(prefix) && key.endsWith('.json')
      ? key.slice(prefix.length, -'.json'.length)
      : `(not a document) ${key}`
  const foreign = new Set(truth.foreignKeys)
  const documents = sorted(truth.documentKeys.map(idOfKey))
  const indexed = sorted(truth.indexed.filter((d) => !foreign.has(d.key)).map((d) => idOfKey(d.key)))
  const closed = new Set(truth.closedIds)
  const open = sorted(truth.incidents.map((i) => String(i.incident_id)).filter((id) => !closed.has(id)))
  const view: View = {
    truth,
    closed: sorted(closed),
    open,
    synced: sorted(truth.syncedIds),
    pending: sorted(truth.pendingIds),
    documents,
    indexed
  }

  expect(view.synced.filter((id) => !closed.has(id))).toEqual([])
  expect(truth.mirrorProblems).toEqual([])
  expect(view.documents).toEqual(view.synced)
  // Nothing but CLOSED incidents' documents is searchable.
  expect(view.indexed.filter((id) => !closed.has(id))).toEqual([])
  expect(sorted(await retrievable(stack, view.indexed))).toEqual(view.indexed)
  const notIndexed = [...view.open.slice(0, 25), ...view.closed.filter((id) => !view.indexed.includes(id)).slice(0, 25)]
  expect(await retrievable(stack, notIndexed)).toEqual([])
  return view
}

/** Every CLOSED incident synced, in S3 with its sidecar, indexed and retrievable; nothing pending. */
export function expectAllSearchable(view: View): void {
  expect(view.closed.length).toBeGreaterThan(0)
  expect(view.pending).toEqual([])
  expect(view.synced).toEqual(view.closed)
  expect(view.documents).toEqual(view.closed)
  expect(view.indexed).toEqual(view.closed)
}

/**
 * Which of `ids` Retrieve returns, asked for by their ids (50 at a time, filtered to them by the metadata the Lambda
 * writes). The top hit of an unfiltered search for the first few proves they are found by search as well.
 */
export async function retrievable(stack: Stack, ids: string[]): Promise<string[]> {
  const found: string[] = []
  const uriPrefix = `s3://${stack.ids.bucket}/${stack.ids.prefix}`
  const idOf = (uri: string | undefined): string =>
    uri?.startsWith(uriPrefix) ? uri.slice(uriPrefix.length, -'.json'.length) : `(elsewhere) ${uri}`
  for (let i = 0; i < ids.length; i += 50) {
    const chunk = ids.slice(i, i + 50)
    const hits = await stack.retrieve(chunk.join(' '), {
      numberOfResults: 100,
      filter: { in: { key: 'incident_id', value: chunk } }
    })
    found.push(...hits.map((h) => idOf(h.location?.s3Location?.uri)))
  }
  for (const id of ids.slice(0, 3)) {
    const [top] = await stack.retrieve(id, { numberOfResults: 1 })
    if (found.includes(id)) expect(idOf(top?.location?.s3Location?.uri)).toBe(id)
  }
  return found
}

/** The job the run names is the knowledge base's, with the same status and statistics. */
export function expectJobAsReported(run: ActionRun, view: View): IngestionJobView {
  const job = view.truth.jobs.find((j) => j.ingestionJobId === run.outputs.ingestion_job_id)
  expect(job).toBeDefined()
  expect(TERMINAL).toContain(job!.status)
  expect(run.outputs.ingestion_status).toBe(job!.status)
  expect(statisticsOf(run)).toEqual(job!.statistics)
  return job!
}

/** A direct ingestion as the run reported it: no job, every document it counts indexed indexed by name. */
export function expectDirectAsReported(run: ActionRun, view: View): void {
  expect(resultOf(run).ingestion_phase.mode).toBe('direct')
  expect(run.outputs.ingestion_status).toBe('COMPLETE')
  const byName = view.truth.indexed.filter((document) => document.via === 'direct')
  expect(byName.length).toBeGreaterThanOrEqual(statisticsOf(run).numberOfDocumentsIndexed ?? 0)
}

// ---- acting on the stack from the test ----------------------------------------------------------------------

export function agentClient(stack: Stack): BedrockAgentClient {
  return new BedrockAgentClient({ ...stack.clientConfig, maxAttempts: 1 })
}

/** Starts an ingestion job as someone else would (the test's own identity), without waiting for it. */
export async function startJobAsSomeoneElse(stack: Stack): Promise<IngestionJob> {
  const agent = agentClient(stack)
  try {
    const answer = await agent.send(
      new StartIngestionJobCommand({
        knowledgeBaseId: stack.ids.knowledgeBaseId,
        dataSourceId: stack.ids.dataSourceId,
        description: 'started by hand'
      })
    )
    return answer.ingestionJob!
  } finally {
    agent.destroy()
  }
}

/** Starts an ingestion job from the test and waits for it to end. */
export async function ingestAsSomeoneElse(stack: Stack): Promise<IngestionJob> {
  const job = await startJobAsSomeoneElse(stack)
  const agent = agentClient(stack)
  try {
    let current = job
    await waitFor(async () => {
      const answer = await agent.send(
        new GetIngestionJobCommand({
          knowledgeBaseId: stack.ids.knowledgeBaseId,
          dataSourceId: stack.ids.dataSourceId,
          ingestionJobId: job.ingestionJobId
        })
      )
      current = answer.ingestionJob!
      return TERMINAL.includes(current.status ?? '')
    }, `job ${job.ingestionJobId} to end`)
    return current
  } finally {
    agent.destroy()
  }
}

/** Polls a condition (every 10 ms) until it holds; fails after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The reference batch-sync Lambda's answer to one invocation. */
export interface ReferenceResult {
  successfully_synced: number
  failed: number
  total_processed: number
  has_more: boolean
  failed_ids: string[]
  synced_documents?: string[]
  removed_documents?: string[]
}

/** Runs one batch of the stack's reference Lambda (a real invocation) and returns its answer. */
export async function invokeReference(stack: Stack): Promise<ReferenceResult> {
  const lambda = new LambdaClient({ ...stack.clientConfig, maxAttempts: 1 })
  try {
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: stack.ids.functionName, Payload: new TextEncoder().encode('{}') })
    )
    const text = Buffer.from(answer.Payload ?? new Uint8Array()).toString('utf8')
    if (answer.FunctionError) throw new Error(`reference Lambda failed: ${text}`)
    return JSON.parse(text) as ReferenceResult
  } finally {
    lambda.destroy()
  }
}

/**
 * Registers `name` as an in-process function that runs one batch of the reference Lambda and answers what `reshape`
 * makes of its result: another team's Lambda that syncs the same way but answers in another shape. `reshape` gets
 * the batch number (1, 2, ...) too.
 */
export function reshapedReference(
  stack: Stack,
  name: string,
  reshape: (result: ReferenceResult, batch: number) => unknown
): { batches: () => number } {
  let batch = 0
  stack.setFunction(name, {
    timeoutMs: 30_000,
    handler: async () => {
      const n = ++batch
      return reshape(await invokeReference(stack), n)
    }
  })
  return { batches: () => batch }
}

/**
 * Runs the action against a stack whose knowledge base runs on `clock`: time there moves on by `stepMs` each time the
 * action checks a job (GetIngestionJob), and only then. A job someone else started stays running until the action
 * has seen it running, whatever the machine's speed.
 */
export async function runWhileJobsAdvanceOnPoll(
  stack: Stack,
  clock: ManualClock,
  inputs: Record<string, string>,
  stepMs: number
): Promise<ActionRun> {
  let done = false
  const run = runKbSync(stack, inputs)
  run.then(
    () => (done = true),
    () => (done = true)
  )
  let seen = 0
  while (!done) {
    const polls = actionCalls(stack).filter((c) => c === 'bedrock-agent:GetIngestionJob').length
    if (polls > seen) {
      seen = polls
      clock.advance(stepMs)
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return run
}

/** The calls the action made (not the test's, nor the Lambda's own), by `service:operation`. */
export function actionCalls(stack: Stack, accessKeyId = stack.env.AWS_ACCESS_KEY_ID): string[] {
  return stack
    .calls()
    .filter((c) => c.accessKeyId === accessKeyId)
    .map((c) => `${c.service}:${c.operation}`)
}
