/**
 * The action's outputs (docs/behaviour.md, "Outputs") as a pure function of the result: always every output, '' when unknown.
 */
import {
  decidingDirect,
  directStatistics,
  directStatus,
  documentFailureText,
  syncCountsKnown,
  type IngestionPhase,
  type RunResult
} from '../pipeline/result.js'

/**
 * The ingestion's status and statistics: a direct ingestion's counts, or a job's (also the job that retried the
 * documents a direct ingestion failed: its outcome is the phase's).
 */
function ingestionFigures(ingestion: IngestionPhase): { status: string | null; statistics: object | null } {
  const direct = decidingDirect(ingestion)
  if (direct) return { status: directStatus(direct, ingestion.outcome), statistics: directStatistics(direct) }
  return { status: ingestion.job?.status ?? null, statistics: ingestion.job?.statistics ?? null }
}

export type OutputName =
  | 'status'
  | 'synced_count'
  | 'sync_failed_count'
  | 'processed_count'
  | 'sync_batches'
  | 'backlog_remaining'
  | 'ingestion_job_id'
  | 'ingestion_status'
  | 'statistics'
  | 'result'
  | 'duration_seconds'

export function durationSeconds(result: RunResult): number {
  return Math.round(result.durationMs / 100) / 10
}

/** The team's sync_and_ingest result shape; unknown values are null. */
export function resultDocument(result: RunResult): Record<string, unknown> {
  const { sync, ingestion } = result
  const job = ingestion.job
  const known = syncCountsKnown(sync)
  const figures = ingestionFigures(ingestion)
  return {
    status: result.status,
    sync_phase: {
      successfully_synced: known ? sync.synced : null,
      failed: known ? sync.failed : null,
      total_processed: known ? sync.processed : null,
      updated: known ? sync.updated : null,
      removed: known ? sync.removed : null,
      batches: sync.invocations,
      backlog_before: sync.backlogBefore,
      backlog_after: sync.backlogAfter
    },
    ingestion_phase: {
      mode: ingestion.mode,
      fallback_reason: ingestion.fallbackReason ?? null,
      job_id: job?.jobId ?? null,
      status: figures.status,
      statistics: figures.statistics,
      failure_reasons: decidingDirect(ingestion)?.failed.map(documentFailureText) ?? job?.failureReasons ?? []
    },
    total_duration_seconds: durationSeconds(result)
  }
}

export function buildOutputs(result: RunResult): Record<OutputName, string> {
  const { sync, ingestion } = result
  const counted = syncCountsKnown(sync)
  const figures = ingestionFigures(ingestion)
  return {
    status: result.status,
    synced_count: counted ? String(sync.synced) : '',
    sync_failed_count: counted ? String(sync.failed) : '',
    processed_count: counted ? String(sync.processed) : '',
    sync_batches: String(sync.invocations),
    backlog_remaining: sync.backlogAfter === null ? '' : String(sync.backlogAfter),
    ingestion_job_id: ingestion.job?.jobId ?? '',
    ingestion_status: figures.status ?? '',
    statistics: figures.statistics ? JSON.stringify(figures.statistics) : '',
    result: JSON.stringify(resultDocument(result)),
    duration_seconds: String(durationSeconds(result))
  }
}

/**
 * The team's force_kb_sync result shape (the sync alone; no ingestion job), plus the batches made and what is
 * still pending: what `kb-sync sync` and the MCP tool force_kb_sync return.
 */
export function forceSyncDocument(result: RunResult): Record<string, unknown> {
  const { sync } = result
  const known = syncCountsKnown(sync)
  return {
    status: result.status,
    lambda_execution: {
      function_name: result.functionName ?? null,
      status_code: sync.lastStatusCode ?? null
    },
    sync_results: {
      successfully_synced: known ? sync.synced : null,
      failed: known ? sync.failed : null,
      total_processed: known ? sync.processed : null
    },
    batches: sync.invocations,
    backlog_remaining: sync.backlogAfter
  }
}
