/** An incident as stored in DynamoDB, unmarshalled. Only `incident_id` is guaranteed. */
export type Incident = { incident_id: string } & Record<string, unknown>

/**
 * The answer of one invocation, as the action reads it: counts at the top level, `has_more` for draining.
 * `skipped` counts incidents another invocation marked first (neither synced nor failed by this one).
 */
export interface SyncResult {
  successfully_synced: number
  failed: number
  /** `successfully_synced + updated + removed + failed + skipped`: the incidents this invocation acted on. */
  total_processed: number
  /** Pending incidents remain (the sweep's own progress never sets it). */
  has_more: boolean
  failed_ids: string[]
  skipped: number
  duration_ms: number
  /** Documents of synced incidents rewritten because the incident changed. */
  updated: number
  /** Documents (with their sidecars) removed because the incident was reopened or deleted. */
  removed: number
  /** S3 URIs of the documents written (new and updated) and removed by this invocation. */
  synced_documents: string[]
  removed_documents: string[]
  /** The sweep's progress: entries checked, and whether it finished a pass over the prefix. */
  sweep: { checked: number; wrapped: boolean }
  /** Set when the time budget limited the batch, or the sweep could not run: why, and what to change. */
  warning?: string
}
