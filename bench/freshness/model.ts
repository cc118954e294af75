/**
 * A discrete-event model of a month of kb-sync (and of the seed design it replaces): incidents close, GitHub starts
 * the hourly workflow late or not at all, each run drains the Lambda 50 incidents at a time, then ingests as its
 * mode says and waits (or not) with the action's own backoff. Nothing waits for real: time is a number.
 *
 * The ingestion rules mirror docs/behaviour.md, "The ingestion phase" and "Direct ingestion": a job already running
 * is waited for first, even without wait_for_ingestion; `auto` ingests when something was synced or the newest job
 * did not end cleanly; it goes direct when it waits, unless more than DIRECT_MAX_DOCUMENTS documents changed or the
 * newest job did not end cleanly (src/pipeline/ingestion.ts, `decide`). Documents that fail directly are retried by
 * a full job in the same run. Documents sent and not followed leave no trace a later run can read, so their
 * failures are never reported.
 */
import { pollDelay } from '../../src/pipeline/backoff.js'
import { DIRECT_MAX_DOCUMENTS } from '../../src/pipeline/documents.js'
import { exponential, normal, seededRandom } from '../support/stats.js'

export type Mode = 'always' | 'auto-job' | 'auto' | 'direct'

export interface Design {
  id: string
  label: string
  /** The seed: an hourly EventBridge rule invokes the Lambda once; ingestion is someone's job. */
  seed?: { dailyManualSync: boolean }
  mode?: Mode
  wait?: boolean
  maxBatches?: number
}

/** The model's numbers; BENCHMARKS.md states each with its source. */
export interface Params {
  /** Closed incidents already in the data source when the month starts. */
  initialDocuments: number
  /** The share of incidents that close in bursts, the burst sizes and how long a burst takes to close. */
  burstShare: number
  burstMin: number
  burstMax: number
  burstSpreadS: number
  /** GitHub's lateness for a scheduled run: lognormal, truncated; and the share of runs never started. */
  delayMedianS: number
  delaySigma: number
  delayMaxS: number
  dropShare: number
  /** Runner time around the action (set up job, checkout, credentials; summary, teardown). */
  runnerBeforeS: number
  runnerAfterS: number
  /** One backlog count (DynamoDB Query, Select=COUNT). */
  countS: number
  /** One Lambda invocation: fixed part and per incident. */
  invokeS: number
  invokePerIncidentS: number
  batch: number
  /** A full job: fixed part plus per document in the data source (the local stack's model). */
  jobFixedS: number
  jobPerDocumentS: number
  /** A document sent directly: from acceptance to INDEXED; documents run side by side. */
  documentS: number
  /** One IngestKnowledgeBaseDocuments call (10 documents). */
  documentCallS: number
  directMaxDocuments: number
  pollCapS: number
  ingestionTimeoutS: number
  jobFailureShare: number
  documentFailureShare: number
  /** The hour (UTC) of the seed design's daily manual sync. */
  manualSyncHour: number
}

export const PARAMS: Params = {
  initialDocuments: 3650,
  burstShare: 0.3,
  burstMin: 5,
  burstMax: 20,
  burstSpreadS: 600,
  delayMedianS: 240,
  delaySigma: 0.8,
  delayMaxS: 3600,
  dropShare: 0.01,
  runnerBeforeS: 20,
  runnerAfterS: 5,
  countS: 0.2,
  invokeS: 0.3,
  invokePerIncidentS: 0.01,
  batch: 50,
  jobFixedS: 150,
  jobPerDocumentS: 0.01,
  documentS: 30,
  documentCallS: 0.3,
  directMaxDocuments: DIRECT_MAX_DOCUMENTS,
  pollCapS: 15,
  ingestionTimeoutS: 3600,
  jobFailureShare: 0.01,
  documentFailureShare: 0.001,
  manualSyncHour: 9
}

export interface Window {
  /** Simulated days; incidents closing in [fromDay, toDay) are measured, costs counted over the same days. */
  days: number
  fromDay: number
  toDay: number
}

export interface MonthResult {
  /** Close → searchable, seconds, sorted; Infinity for never within the simulation. */
  freshness: Float64Array
  incidents: number
  neverSearchable: number
  /** Pending (closed, not in S3) at the end of the window: a backlog that grows means the Lambda cannot keep up. */
  backlogAtEnd: number
  runs: number
  runnerMinutes: number
  invocations: number
  jobs: number
  directIngestions: number
  averageDocuments: number
  /** Ingestion failures (a failed job, or a direct ingestion with failed documents) and, for each, seconds from
   * the failure to the run that reported it; Infinity when no run did. */
  failures: number[]
  /** Runs that stopped waiting at ingestion_timeout_minutes. */
  timedOut: number
  /** Runner minutes spent waiting for a job an earlier run started and did not wait for. */
  waitedForEarlierS: number
}

/** Close times (s), sorted: singles as a Poisson process, the rest in bursts that close within minutes. */
export function arrivals(perHour: number, days: number, p: Params, random: () => number): Float64Array {
  const horizon = days * 86400
  const times: number[] = []
  const singleMean = 3600 / (perHour * (1 - p.burstShare))
  for (let t = exponential(random, singleMean); t < horizon; t += exponential(random, singleMean)) times.push(t)
  const burstSize = (p.burstMin + p.burstMax) / 2
  const burstMean = (3600 * burstSize) / (perHour * p.burstShare)
  for (let t = exponential(random, burstMean); t < horizon; t += exponential(random, burstMean)) {
    const n = p.burstMin + Math.floor(random() * (p.burstMax - p.burstMin + 1))
    for (let i = 0; i < n; i++) {
      const at = t + random() * p.burstSpreadS
      if (at < horizon) times.push(at)
    }
  }
  return Float64Array.from(times).sort()
}

/** When each scheduled run (minute 23 of every hour) gets started, or never. */
function triggers(days: number, p: Params, random: () => number): number[] {
  const out: number[] = []
  for (let h = 0; h < days * 24; h++) {
    const dropped = random() < p.dropShare
    const delay = Math.min(p.delayMaxS, p.delayMedianS * Math.exp(p.delaySigma * normal(random)))
    if (!dropped) out.push(h * 3600 + 23 * 60 + delay)
  }
  return out.sort((a, b) => a - b)
}

interface Job {
  start: number
  end: number
  failed: boolean
  /** Whether a run saw how it ended (waited for it, or a later run reported it). */
  reported: boolean
}

class Month {
  readonly s3At: Float64Array
  readonly searchableAt: Float64Array
  synced = 0
  /** Documents before this index are covered by a successful full job (or were indexed directly). */
  jobCovered = 0
  failedDirect: number[] = []
  jobs: Job[] = []
  /** Direct ingestions still processing: a job cannot start until they end. */
  directBusyUntil = 0
  /** A direct ingestion with failed documents, not yet reported. */
  unreportedDirect: { failedAt: number }[] = []
  invocations = 0
  directIngestions = 0
  /** For each ingestion failure in the window: seconds from it to the run that reported it. */
  failures: number[] = []
  documentSeconds = 0
  lastDocumentsAt = 0

  constructor(
    readonly closeAt: Float64Array,
    readonly p: Params,
    /** Separate streams, so a design that polls more or ingests less still meets the same failures. */
    readonly fate: () => number,
    readonly jitter: () => number,
    readonly window: Window
  ) {
    this.s3At = new Float64Array(closeAt.length).fill(Number.POSITIVE_INFINITY)
    this.searchableAt = new Float64Array(closeAt.length).fill(Number.POSITIVE_INFINITY)
  }

  /** Closed by `t` and not yet synced. */
  pendingAt(t: number): number {
    let lo = this.synced
    let hi = this.closeAt.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (this.closeAt[mid]! <= t) lo = mid + 1
      else hi = mid
    }
    return lo - this.synced
  }

  /** Integrates the data source's size over time for the S3 bill. */
  account(t: number): void {
    const from = Math.max(this.lastDocumentsAt, this.window.fromDay * 86400)
    const to = Math.min(t, this.window.toDay * 86400)
    if (to > from) this.documentSeconds += (to - from) * (this.p.initialDocuments + this.synced)
    this.lastDocumentsAt = Math.max(this.lastDocumentsAt, t)
  }

  /** One invocation at `t`: up to a batch of what is pending then; returns when it ends and what it synced. */
  invoke(t: number): { end: number; synced: number; hasMore: boolean } {
    const pending = this.pendingAt(t)
    const n = Math.min(this.p.batch, pending)
    const end = t + this.p.invokeS + this.p.invokePerIncidentS * n
    this.account(end)
    for (let i = 0; i < n; i++) this.s3At[this.synced + i] = end
    this.synced += n
    if (this.inWindow(t)) this.invocations++
    return { end, synced: n, hasMore: pending > n }
  }

  jobDuration(): number {
    return this.p.jobFixedS + this.p.jobPerDocumentS * (this.p.initialDocuments + this.synced)
  }

  /** A full job: scans what is in S3 at `t`; a failed one indexes nothing. */
  startJob(t: number): Job {
    const start = Math.max(t, this.directBusyUntil)
    const job: Job = {
      start,
      end: start + this.jobDuration(),
      failed: this.fate() < this.p.jobFailureShare,
      reported: false
    }
    this.jobs.push(job)
    if (!job.failed) {
      for (let i = this.jobCovered; i < this.synced; i++) {
        if (this.searchableAt[i] === Number.POSITIVE_INFINITY) this.searchableAt[i] = job.end
      }
      this.jobCovered = this.synced
      this.failedDirect = this.failedDirect.filter((i) => {
        if (this.s3At[i]! <= start) {
          this.searchableAt[i] = job.end
          return false
        }
        return true
      })
    }
    return job
  }

  /** Direct ingestion of the documents synced since `first`; returns when the last one settles. */
  ingestDirect(t: number, first: number): { end: number; failed: boolean } {
    let call = t
    let end = t
    let failed = false
    for (let i = first; i < this.synced; i++) {
      if ((i - first) % 10 === 0) call += this.p.documentCallS
      const done = call + this.p.documentS
      end = Math.max(end, done)
      if (this.fate() < this.p.documentFailureShare) {
        failed = true
        this.failedDirect.push(i)
      } else this.searchableAt[i] = done
    }
    this.directBusyUntil = end
    if (this.inWindow(t)) this.directIngestions++
    return { end, failed }
  }

  /** When a follower polling with the action's backoff sees something that ends at `end`. */
  follow(from: number, end: number, deadline: number): { seen: number; timedOut: boolean } {
    let t = from
    for (let check = 0; ; check++) {
      t += pollDelay(check, this.p.pollCapS * 1000, this.jitter) / 1000
      if (t >= deadline) return { seen: deadline, timedOut: true }
      if (t >= end) return { seen: t, timedOut: false }
    }
  }

  inWindow(t: number): boolean {
    return t >= this.window.fromDay * 86400 && t < this.window.toDay * 86400
  }

  /** An ingestion that failed at `at` and that a run reported at `reportedAt`. */
  reportFailure(at: number, reportedAt: number): void {
    if (this.inWindow(at)) this.failures.push(reportedAt - at)
  }
}

interface RunTotals {
  runs: number
  runnerMinutes: number
  timedOut: number
  waitedForEarlierS: number
}

/** One workflow run of kb-sync from `start`; returns when it ends. */
function kbSyncRun(m: Month, design: Design, start: number, totals: RunTotals): number {
  const p = m.p
  const maxBatches = design.maxBatches ?? 10
  let t = start + p.runnerBeforeS
  // What earlier runs left unreported is reported now: the run reads the newest job before anything else.
  for (const job of m.jobs) {
    if (!job.reported && job.end <= t) {
      job.reported = true
      if (job.failed) m.reportFailure(job.end, t)
    }
  }

  t += p.countS
  const firstNew = m.synced
  for (let batches = 0; batches < maxBatches; batches++) {
    const b = m.invoke(t)
    t = b.end
    if (b.synced === 0 || !b.hasMore) break
  }
  t += p.countS
  const changed = m.synced - firstNew

  const phaseDeadline = t + p.ingestionTimeoutS
  /** Waits for a job this run started at `from`; returns when the run ends. */
  const followJob = (job: Job, from: number): number => {
    const seen = m.follow(Math.max(from, job.start), job.end, phaseDeadline)
    if (seen.timedOut) {
      totals.timedOut++
      return seen.seen + p.runnerAfterS
    }
    job.reported = true
    if (job.failed) m.reportFailure(job.end, seen.seen)
    return seen.seen + p.runnerAfterS
  }
  let newest = m.jobs[m.jobs.length - 1]
  if (newest && newest.end > t) {
    // A job started by an earlier run that did not wait: waited for, whatever wait_for_ingestion says.
    const seen = m.follow(t, newest.end, phaseDeadline)
    totals.waitedForEarlierS += seen.seen - t
    t = seen.seen
    if (seen.timedOut) {
      totals.timedOut++
      return t + p.runnerAfterS
    }
    newest.reported = true
    if (newest.failed) m.reportFailure(newest.end, t)
  }
  newest = m.jobs[m.jobs.length - 1]
  const clean = newest !== undefined && !newest.failed
  const mode = design.mode!
  const needed = mode === 'always' || changed > 0 || !clean
  if (!needed) return t + p.runnerAfterS
  // auto goes direct only when it waits: a job is what the next run can report on.
  const direct =
    (mode === 'direct' || (mode === 'auto' && design.wait === true)) &&
    changed > 0 &&
    changed <= p.directMaxDocuments &&
    clean

  if (direct) {
    const d = m.ingestDirect(t + p.countS, firstNew)
    if (!design.wait) {
      if (d.failed) m.unreportedDirect.push({ failedAt: d.end })
      return t + p.countS + Math.ceil(changed / 10) * p.documentCallS + p.runnerAfterS
    }
    const seen = m.follow(t, d.end, phaseDeadline)
    if (seen.timedOut) totals.timedOut++
    else if (d.failed) {
      // Reported at once, and retried at once by a full job the run waits for.
      m.reportFailure(d.end, seen.seen)
      return followJob(m.startJob(seen.seen), seen.seen)
    }
    return seen.seen + p.runnerAfterS
  }
  const job = m.startJob(t)
  if (!design.wait) return t + p.countS + p.runnerAfterS
  return followJob(job, t)
}

export function simulate(
  design: Design,
  perHour: number,
  seed: number,
  window: Window,
  p: Params = PARAMS
): MonthResult {
  // The same seed gives every design the same incidents and the same late and dropped runs.
  const closeAt = arrivals(perHour, window.days, p, seededRandom(seed))
  const m = new Month(closeAt, p, seededRandom(seed + 7919), seededRandom(seed + 104729), window)
  const totals: RunTotals = { runs: 0, runnerMinutes: 0, timedOut: 0, waitedForEarlierS: 0 }
  const horizon = window.days * 86400

  if (design.seed) {
    // EventBridge on the hour, punctual; a person syncs once a day (a job started in the console), or never.
    for (let h = 0; h < window.days * 24; h++) {
      const t = h * 3600
      m.invoke(t)
      if (m.inWindow(t)) totals.runs++
      if (design.seed.dailyManualSync && h % 24 === p.manualSyncHour) {
        const last = m.jobs[m.jobs.length - 1]
        if (!last || last.end <= t) m.startJob(t + 60)
      }
    }
  } else {
    // The concurrency group: one run at a time; of the runs queued meanwhile only the newest starts.
    const starts = triggers(window.days, p, seededRandom(seed + 15485863))
    let busyUntil = 0
    for (let i = 0; i < starts.length; i++) {
      const trigger = starts[i]!
      const next = starts[i + 1]
      if (trigger < busyUntil && next !== undefined && next < busyUntil) continue
      const start = Math.max(trigger, busyUntil)
      if (start >= horizon) break
      const end = kbSyncRun(m, design, start, totals)
      if (m.inWindow(start)) {
        totals.runs++
        totals.runnerMinutes += Math.ceil((end - start) / 60)
      }
      busyUntil = end
    }
  }

  let from = 0
  while (from < closeAt.length && closeAt[from]! < window.fromDay * 86400) from++
  let to = from
  while (to < closeAt.length && closeAt[to]! < window.toDay * 86400) to++
  const freshness = new Float64Array(to - from)
  let never = 0
  for (let i = from; i < to; i++) {
    const f = m.searchableAt[i]! - closeAt[i]!
    freshness[i - from] = f
    if (!Number.isFinite(f)) never++
  }
  freshness.sort()
  const windowJobs = m.jobs.filter((j) => m.inWindow(j.start)).length
  const endOfWindow = window.toDay * 86400
  m.account(endOfWindow)
  // Failures nobody reported by the end of the simulation.
  for (const job of m.jobs) if (job.failed && !job.reported) m.reportFailure(job.end, Number.POSITIVE_INFINITY)
  for (const d of m.unreportedDirect) m.reportFailure(d.failedAt, Number.POSITIVE_INFINITY)
  return {
    freshness,
    incidents: to - from,
    neverSearchable: never,
    backlogAtEnd: m.pendingAt(endOfWindow),
    runs: totals.runs,
    runnerMinutes: totals.runnerMinutes,
    invocations: m.invocations,
    jobs: windowJobs,
    directIngestions: m.directIngestions,
    averageDocuments: m.documentSeconds / ((window.toDay - window.fromDay) * 86400),
    failures: m.failures,
    timedOut: totals.timedOut,
    waitedForEarlierS: totals.waitedForEarlierS
  }
}
