/** An incident as stored in DynamoDB, unmarshalled. Only `incident_id` is guaranteed. */
export type Incident = { incident_id: string } & Record<string, unknown>

/**
 * The answer of one invocation, as the action reads it: counts at the top level, `has_more` for draining.
 * `skipped` counts incidents another invocation marked first (neither synced nor failed by this one).
 */
export interface SyncResult {
  successfully_synced: number
  failed: number
  total_processed: number
  has_more: boolean
  failed_ids: string[]
  skipped: number
  duration_ms: number
  /** Set when the time budget limited the batch: why, and what to change. Absent otherwise. */
  warning?: string
}
