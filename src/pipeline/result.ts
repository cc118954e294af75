/**
 * The one result object a run produces. Every phase returns its part; outputs, job summary and exit status are
 * all derived from it, so they can never disagree.
 */

export type RunStatus = 'completed' | 'skipped' | 'started' | 'dry_run' | 'failed' | 'cancelled'

/** The seven statistics of the Bedrock API, by their API names. */
export const STATISTIC_NAMES = [
  'numberOfDocumentsScanned',
  'numberOfMetadataDocumentsScanned',
  'numberOfNewDocumentsIndexed',
  'numberOfModifiedDocumentsIndexed',
  'numberOfMetadataDocumentsModified',
  'numberOfDocumentsDeleted',
  'numberOfDocumentsFailed'
] as const
export type StatisticName = (typeof STATISTIC_NAMES)[number]
export type Statistics = Record<StatisticName, number>

/** The statistics in one line, in the API's order. */
export function formatStatistics(stats: Statistics | undefined): string {
  if (!stats) return 'no statistics yet'
  return [
    `scanned ${stats.numberOfDocumentsScanned}`,
    `metadata scanned ${stats.numberOfMetadataDocumentsScanned}`,
    `new ${stats.numberOfNewDocumentsIndexed}`,
    `modified ${stats.numberOfModifiedDocumentsIndexed}`,
    `metadata modified ${stats.numberOfMetadataDocumentsModified}`,
    `deleted ${stats.numberOfDocumentsDeleted}`,
    `failed ${stats.numberOfDocumentsFailed}`
  ].join(', ')
}

/** A failure that fails the run: where it happened and what a person should know. */
export interface Problem {
  phase: 'inputs' | 'credentials' | 'sync' | 'ingestion' | 'dry_run' | 'run'
  message: string
}

export interface BatchResult {
  synced: number
  failed: number
  processed: number
  /** Documents of closed incidents rewritten because the incident changed since it was synced. */
  updated: number
  /** Documents removed because their incident was reopened or deleted. */
  removed: number
  /** What the Lambda said about remaining work; undefined when it did not say. */
  hasMore: boolean | undefined
  failedIds: string[]
  /** S3 URIs of the documents the batch wrote and removed; undefined when the Lambda does not report them. */
  syncedDocuments: string[] | undefined
  removedDocuments: string[] | undefined
  /** A note from the Lambda about this batch (e.g. its time budget was too short). */
  warning: string | undefined
}

export interface SyncError {
  kind: 'function_error' | 'error_status' | 'unreadable_result' | 'aws'
  message: string
  /** The Lambda's decoded log tail (LogType=Tail), when it sent one. */
  logTail?: string
}

export interface SyncPhase {
  /** Whether the phase ran; `skippedReason` says why not. */
  ran: boolean
  skippedReason?: string
  /** RequestResponse (true) or Event (false). */
  waited: boolean
  invocations: number
  batches: BatchResult[]
  synced: number
  failed: number
  processed: number
  updated: number
  removed: number
  /** Pending incidents before and after; null when not counted or unreadable. */
  backlogBefore: number | null
  backlogAfter: number | null
  /** Why draining stopped. */
  stopReason?: 'drained' | 'max_batches' | 'no_progress' | 'error' | 'async' | 'deadline' | 'cancelled'
  /** A batch whose answer the run stopped waiting for (cancelled): the Lambda may still be finishing it. */
  inFlightBatch?: number
  /**
   * The S3 URIs of the documents this run wrote and removed, summed over batches; undefined when unknown (the
   * phase did not run or was not waited for, or a batch that changed documents did not list them).
   */
  documents: { written: string[]; removed: string[] } | undefined
  /** The HTTP status of the last invocation Lambda answered (200 for RequestResponse, 202 for Event). */
  lastStatusCode?: number
  /** True when the run ended with incidents known or likely to be still pending. */
  workPending: boolean
  failedIds: string[]
  error?: SyncError
}

export type IngestionOutcome = 'completed' | 'started' | 'skipped' | 'failed' | 'cancelled'

export interface EarlierJob {
  job: JobSnapshot
  /** ok: completed cleanly; warning: failed documents allowed by fail_on_document_failures; failed: the rest. */
  verdict: 'ok' | 'warning' | 'failed'
  message: string
}

/** One document of a direct ingestion, as Bedrock last reported it. */
export interface DocumentOutcome {
  uri: string
  action: 'ingest' | 'delete'
  status: string
  reason?: string
}

/** What a direct ingestion came to: documents indexed, deleted, failed (with Bedrock's reason), or not settled. */
export interface DirectIngestion {
  indexed: string[]
  deleted: string[]
  failed: DocumentOutcome[]
  unfinished: DocumentOutcome[]
  statusChecks: number
}

export interface JobSnapshot {
  jobId: string
  status: string
  statistics: Statistics | undefined
  failureReasons: string[]
}

export interface IngestionPhase {
  /** What the phase did in the end. */
  outcome: IngestionOutcome
  /** A full ingestion job (scan of the data source) or direct ingestion of the documents that changed. */
  mode: 'job' | 'direct'
  /** Why a full job ran where direct ingestion was wanted (ingestion: direct, or auto choosing it). */
  fallbackReason?: string
  /** The documents of a direct ingestion; undefined for a job. */
  direct?: DirectIngestion
  /**
   * How the job an earlier run started without waiting for it ended, learned by this run: that run could not
   * tell, so this one does (and fails when that job failed).
   */
  earlier?: EarlierJob
  /** Why a job was started or skipped, in words. */
  reason: string
  /** The job this run started, or the last job it waited for. */
  job: JobSnapshot | undefined
  /** Jobs that were already running and were waited for before ours could start. */
  waitedFor: JobSnapshot[]
  statusChecks: number
  /** A job this run stopped waiting for (timed out or cancelled); it keeps running in Bedrock. */
  leftRunning?: JobSnapshot
  error?: string
}

export type CheckStatus = 'ok' | 'failed' | 'warning' | 'skipped'
export interface DryRunCheck {
  name: string
  status: CheckStatus
  detail: string
}

export interface RunResult {
  status: RunStatus
  startedAt: number
  durationMs: number
  knowledgeBaseId?: string
  dataSourceId?: string
  functionName?: string
  region?: string
  dryRun: boolean
  sync: SyncPhase
  ingestion: IngestionPhase
  checks: DryRunCheck[]
  problems: Problem[]
  warnings: string[]
  /** Set when the runner cancelled the run: which signal, and in which phase. */
  cancelled?: { signal: string; during: string }
  /** Whether the Lambda's log tail may be shown (it carries incident text; a public repository's summary is public). */
  showLogTail: boolean
}

export function emptySyncPhase(skippedReason?: string): SyncPhase {
  return {
    ran: false,
    skippedReason,
    waited: false,
    invocations: 0,
    batches: [],
    synced: 0,
    failed: 0,
    processed: 0,
    updated: 0,
    removed: 0,
    documents: undefined,
    backlogBefore: null,
    backlogAfter: null,
    workPending: false,
    failedIds: []
  }
}

export function emptyIngestionPhase(reason: string): IngestionPhase {
  return { outcome: 'skipped', mode: 'job', reason, job: undefined, waitedFor: [], statusChecks: 0 }
}

/**
 * The run's status from its parts. A cancelled run says so whatever else happened; then failed wins; a dry run says so; otherwise the ingestion phase decides, and a
 * run that neither synced nor ingested anything did nothing because nothing needed doing.
 */
export function deriveStatus(
  result: Pick<RunResult, 'problems' | 'dryRun' | 'sync' | 'ingestion' | 'cancelled'>
): RunStatus {
  if (result.cancelled) return 'cancelled'
  if (result.problems.length > 0) return 'failed'
  if (result.dryRun) return 'dry_run'
  if (result.ingestion.outcome === 'failed') return 'failed'
  if (result.ingestion.outcome === 'started') return 'started'
  if (result.ingestion.outcome === 'completed') return 'completed'
  const changed = result.sync.synced + result.sync.updated + result.sync.removed > 0
  const syncDidWork = changed || (result.sync.ran && !result.sync.waited && result.sync.invocations > 0)
  return syncDidWork ? 'completed' : 'skipped'
}

/** A direct ingestion's counts, named like the job statistics they stand in for. */
export interface DirectStatistics {
  numberOfDocumentsIndexed: number
  numberOfDocumentsDeleted: number
  numberOfDocumentsFailed: number
}

/**
 * The direct ingestion that decides the phase's figures: none when a full job retried its failed documents (the
 * job's outcome is then the phase's) or when there was none.
 */
export function decidingDirect(ingestion: IngestionPhase): DirectIngestion | undefined {
  return ingestion.mode === 'direct' ? ingestion.direct : undefined
}

/** A failed document as the log, the summary and the outputs name it: its URI, Bedrock's status and reason. */
export function documentFailureText(doc: DocumentOutcome): string {
  return `${doc.uri}: ${doc.status}${doc.reason ? ` (${doc.reason})` : ''}`
}

export function directStatistics(direct: DirectIngestion): DirectStatistics {
  return {
    numberOfDocumentsIndexed: direct.indexed.length,
    numberOfDocumentsDeleted: direct.deleted.length,
    numberOfDocumentsFailed: direct.failed.length
  }
}

/** A direct ingestion's state in a job's words: COMPLETE once every document is settled. */
export function directStatus(direct: DirectIngestion, outcome: IngestionOutcome): string {
  if (direct.unfinished.length === 0) return 'COMPLETE'
  return outcome === 'started' ? 'STARTING' : 'IN_PROGRESS'
}

/** An Event invocation's results are never seen by this run; every other count is known (0 when nothing ran). */
export function syncCountsKnown(sync: SyncPhase): boolean {
  return !(sync.ran && !sync.waited)
}
