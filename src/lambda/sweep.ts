import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { S3Client } from '@aws-sdk/client-s3'
import type { SyncConfig } from './config.js'
import type { Deadline } from './deadline.js'
import { inLanes } from './lanes.js'
import { SweepListing, type Entry } from './listing.js'
import { getItems } from './query.js'
import { act, isChange, planEntry, type Plan } from './reconcile.js'
import { loadState, saveState, type SweepState } from './state.js'
import type { Incident } from './types.js'

/** Entries per BatchGetItem (its maximum), and per round: that many BatchGetItem calls at once. */
const READ_SIZE = 100
const ROUND = 5 * READ_SIZE

/** How long a backlog that never drains may hold the sweep back. */
const STARVATION_MS = 60 * 60 * 1000

export interface SweepReport {
  /** Entries (a document, its sidecar, or both) looked at and dealt with. */
  checked: number
  /** This walk reached the end of the prefix; the next starts from the beginning. */
  wrapped: boolean
  /** Keys of documents rewritten and removed, counted by this invocation alone. */
  updated: string[]
  removed: string[]
  failedIds: string[]
  notes: string[]
}

export interface SweepDeps {
  ddb: DynamoDBClient
  s3: S3Client
  now: () => number
}

/**
 * The sweep: keeps the documents under the prefix equal to the CLOSED incidents after the batch has written the
 * pending ones. It walks the listing from where the last invocation stopped, reads the incidents the keys name
 * (consistent reads, 100 at a time) and acts on what differs (see reconcile.ts), within SWEEP_LIMIT entries,
 * BATCH_LIMIT changes and the time budget; then it stores where it stopped.
 *
 * Unchanged incidents cost no request beyond their share of a List page and a BatchGetItem. Failing to list or
 * to keep the cursor is a note, not an error: the batch's results stand, and the next invocation tries again.
 */
export async function sweep(
  config: SyncConfig,
  deps: SweepDeps,
  deadline: Deadline,
  backlogDrained: boolean
): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, wrapped: false, updated: [], removed: [], failedIds: [], notes: [] }
  if (config.sweepLimit === 0) return report
  if (!deadline.canStart()) {
    report.notes.push('No time was left to check documents against the table (the sweep); the next invocation does.')
    return report
  }
  let state: SweepState
  try {
    state = await deadline.run((signal) =>
      loadState(deps.s3, config.bucketName, config.stateKey, config.keyPrefix, signal)
    )
  } catch (err) {
    return sweepFailed(report, `could not read its cursor s3://${config.bucketName}/${config.stateKey}`, err)
  }

  // While the action drains a backlog it invokes again at once: the sweep waits for the invocation that drains
  // it, unless a backlog that never drains has kept it waiting too long.
  if (!backlogDrained && state.updatedAt !== undefined && deps.now() - state.updatedAt < STARVATION_MS) return report

  const listing = new SweepListing(deps.s3, config.bucketName, config.keyPrefix, state.after)
  const walk = new Walk(config, deps, deadline, listing, report)
  try {
    await walk.run()
  } catch (err) {
    walk.allFinished = false
    // The deadline cutting off a List page or a table read is the end of this walk, not a failure.
    if (!deadline.expired) sweepFailed(report, 'stopped', err)
  }

  report.wrapped = listing.exhausted && walk.allFinished
  const now = deps.now()
  const next: SweepState = report.wrapped
    ? { prefix: config.keyPrefix, after: '', passes: state.passes + 1, lastWrapAt: new Date(now).toISOString() }
    : { ...state, after: listing.cursor() }
  try {
    await deadline.runLast((signal) =>
      saveState(deps.s3, config.bucketName, config.stateKey, { ...next, updatedAt: now }, signal)
    )
  } catch (err) {
    sweepFailed(report, `could not store its cursor s3://${config.bucketName}/${config.stateKey}`, err)
  }
  return report
}

/** One invocation's walk: chunks of entries, each read from the table, planned and acted on. */
class Walk {
  private changes = 0
  private stopped = false
  allFinished = true

  constructor(
    private readonly config: SyncConfig,
    private readonly deps: SweepDeps,
    private readonly deadline: Deadline,
    private readonly listing: SweepListing,
    private readonly report: SweepReport
  ) {}

  async run(): Promise<void> {
    // Keys that are not documents cost only their share of a List page, but are bounded as well.
    const maxListed = 2 * this.config.sweepLimit + 1000
    while (!this.stopped && this.report.checked < this.config.sweepLimit && this.deadline.canStart()) {
      if (this.listing.listed >= maxListed) return
      const want = Math.min(ROUND, this.config.sweepLimit - this.report.checked)
      const entries = await this.deadline.run((signal) => this.listing.next(want, signal))
      if (entries.length === 0) return
      const items = await this.read(entries.map((e) => e.id))
      await this.chunk(entries.map((entry) => planEntry(entry, items.get(entry.id), this.config.keyPrefix)))
    }
  }

  /** The incidents the keys name, READ_SIZE per BatchGetItem, the calls side by side. */
  private async read(ids: string[]): Promise<Map<string, Incident>> {
    const chunks: string[][] = []
    for (let i = 0; i < ids.length; i += READ_SIZE) chunks.push(ids.slice(i, i + READ_SIZE))
    const maps = await Promise.all(
      chunks.map((chunk) =>
        this.deadline.run((signal) => getItems(this.deps.ddb, this.config.tableName, chunk, signal))
      )
    )
    return new Map(maps.flatMap((m) => [...m]))
  }

  private async chunk(plans: Plan[]): Promise<void> {
    const started = await inLanes(
      plans,
      this.config.concurrency,
      (plan) => this.mayStart(plan),
      (plan) => this.one(plan)
    )
    if (started < plans.length) {
      this.stopped = true
      this.allFinished = false
    }
  }

  private mayStart(plan: Plan): boolean {
    if (!isChange(plan)) return this.deadline.canStart() || plan.kind === 'none'
    if (this.changes >= this.config.batchLimit || !this.deadline.canStart()) return false
    this.changes++
    return true
  }

  private async one(plan: Plan): Promise<void> {
    if (plan.kind === 'none') return this.finish(plan.entry)
    await this.deadline.run(async (signal) => {
      try {
        const outcome = await act(plan, { ddb: this.deps.ddb, s3: this.deps.s3, config: this.config }, signal)
        if (outcome.updated) this.report.updated.push(plan.entry.docKey)
        if (outcome.removed) this.report.removed.push(plan.entry.docKey)
        const change = outcome.updated ? 'Document updated' : outcome.removed ? 'Document removed' : undefined
        if (change !== undefined) log('info', change, plan)
        if (outcome.foreign) log('info', 'Left alone: not written by this Lambda', plan)
        this.finish(plan.entry)
      } catch (err) {
        if (signal.aborted) {
          // Cut off by the deadline: looked at again next time (every step converges from where it stopped).
          this.allFinished = false
          this.stopped = true
          return
        }
        this.report.failedIds.push(plan.item?.incident_id ?? plan.entry.id)
        const error = err as Error
        log('error', 'Document check failed', plan, { error: error?.name, reason: error?.message })
        this.finish(plan.entry)
      }
    })
  }

  private finish(entry: Entry): void {
    this.listing.finish(entry)
    this.report.checked++
  }
}

function sweepFailed(report: SweepReport, what: string, err: unknown): SweepReport {
  const error = err as Error
  report.notes.push(
    `The check of documents against the table (the sweep) ${what}: ${error?.name}: ${error?.message}. ` +
      'The next invocation tries again.'
  )
  console.error(JSON.stringify({ message: 'Sweep failed', what, error: error?.name, reason: error?.message }))
  return report
}

function log(level: 'info' | 'error', message: string, plan: Plan, extra: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    message,
    incident_id: plan.item?.incident_id ?? plan.entry.id,
    key: plan.entry.docKey,
    plan: plan.kind,
    ...extra
  })
  if (level === 'error') console.error(line)
  else console.info(line)
}
