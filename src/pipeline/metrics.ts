/**
 * The run as CloudWatch metrics (docs/behaviour.md, "Metrics"): a pure function of the result, so what is
 * published can never disagree with the outputs and the summary.
 */
import { decidingDirect, type DirectIngestion, type IngestionOutcome, type RunResult } from './result.js'

export const METRIC_NAMES = [
  'IngestionJobsStarted',
  'IngestionJobsCompleted',
  'IngestionJobsFailed',
  'DocumentsIndexed',
  'DocumentsFailed',
  'BacklogRemaining',
  'RunFailed'
] as const
export type MetricName = (typeof METRIC_NAMES)[number]

export interface MetricDatum {
  name: MetricName
  value: number
}

/**
 * Jobs started counts only the job this run started (a job it merely waited for was someone else's); a job fails
 * when it ends FAILED or STOPPED, when the run gave up waiting, or when it completed with failed documents. A direct
 * ingestion whose failed documents a job then retried counts as that one job: its outcome is the ingestion's.
 */
export function metricsOf(result: RunResult): MetricDatum[] {
  const { ingestion } = result
  const direct = decidingDirect(ingestion)
  if (direct) return [...directMetrics(direct, ingestion.outcome), ...common(result)]
  const job = ingestion.job
  const ours = job !== undefined && !ingestion.waitedFor.some((earlier) => earlier.jobId === job.jobId)
  const started = ours && ingestion.outcome !== 'skipped'
  const stats = started ? job.statistics : undefined
  const failedDocuments = stats?.numberOfDocumentsFailed ?? 0
  const completedCleanly = started && job.status === 'COMPLETE' && failedDocuments === 0
  const jobFailed =
    started &&
    (job.status === 'FAILED' ||
      job.status === 'STOPPED' ||
      (job.status === 'COMPLETE' && failedDocuments > 0) ||
      (ingestion.outcome === 'failed' && ingestion.leftRunning !== undefined))
  const data: MetricDatum[] = [
    { name: 'IngestionJobsStarted', value: started ? 1 : 0 },
    { name: 'IngestionJobsCompleted', value: completedCleanly ? 1 : 0 },
    { name: 'IngestionJobsFailed', value: jobFailed ? 1 : 0 },
    {
      name: 'DocumentsIndexed',
      // With a job that retried a direct ingestion's failed documents, the documents indexed directly count too.
      value:
        (stats?.numberOfNewDocumentsIndexed ?? 0) +
        (stats?.numberOfModifiedDocumentsIndexed ?? 0) +
        (ingestion.direct?.indexed.length ?? 0)
    },
    { name: 'DocumentsFailed', value: failedDocuments }
  ]
  return [...data, ...common(result)]
}

/** A direct ingestion counts as one ingestion, so the same alarms watch both modes. */
function directMetrics(direct: DirectIngestion, outcome: IngestionOutcome): MetricDatum[] {
  const settled = direct.unfinished.length === 0
  const failed = direct.failed.length > 0 || (outcome === 'failed' && !settled)
  return [
    { name: 'IngestionJobsStarted', value: 1 },
    { name: 'IngestionJobsCompleted', value: settled && !failed ? 1 : 0 },
    { name: 'IngestionJobsFailed', value: failed ? 1 : 0 },
    { name: 'DocumentsIndexed', value: direct.indexed.length },
    { name: 'DocumentsFailed', value: direct.failed.length }
  ]
}

function common(result: RunResult): MetricDatum[] {
  const data: MetricDatum[] = [{ name: 'RunFailed', value: result.status === 'failed' ? 1 : 0 }]
  // A job an earlier run did not wait for is counted once, by the run that learns how it ended.
  const earlier = result.ingestion.earlier
  if (earlier) {
    data.push(
      earlier.verdict === 'ok'
        ? { name: 'IngestionJobsCompleted', value: 1 }
        : { name: 'IngestionJobsFailed', value: 1 }
    )
  }
  if (result.sync.backlogAfter !== null) data.push({ name: 'BacklogRemaining', value: result.sync.backlogAfter })
  return data
}
