/** Names the stacks share with the action, the reference Lambda and each other. */

export const DEFAULT_FUNCTION_NAME = 'incident-kb-batch-sync'
export const DEFAULT_TABLE_NAME = 'incidents'
export const DEFAULT_INDEX_NAME = 'status-priority-index'
export const DEFAULT_KEY_PREFIX = 'incidents/closed/'

/** The reference Lambda's namespace (fixed in src/lambda/metrics.ts) and the default of the action's metrics_namespace. */
export const METRICS_NAMESPACE = 'IncidentKBSync'

/** Emitted by the reference Lambda (Embedded Metric Format), dimension FunctionName. */
export const LAMBDA_METRICS = {
  incidentsSynced: 'IncidentsSynced',
  syncErrors: 'SyncErrors',
  syncDuration: 'SyncDuration'
} as const

/** Published by the action after each run, dimensions KnowledgeBaseId and DataSourceId. */
export const ACTION_METRICS = {
  ingestionJobsStarted: 'IngestionJobsStarted',
  ingestionJobsCompleted: 'IngestionJobsCompleted',
  ingestionJobsFailed: 'IngestionJobsFailed',
  documentsIndexed: 'DocumentsIndexed',
  documentsFailed: 'DocumentsFailed',
  backlogRemaining: 'BacklogRemaining',
  runFailed: 'RunFailed'
} as const

/** The reference Lambda's timeout: ample for one batch (see src/lambda/README.md, Time budget). */
export const FUNCTION_TIMEOUT_SECONDS = 300
