/**
 * The one definition of a pending incident — CLOSED, and not yet marked synced — shared by the action's backlog
 * count, the reference Lambda's search and its conditional mark, and the local stack's truth check.
 */

export const CLOSED_STATUS = 'CLOSED'

/** Expression parts for a Query on the status index: key condition and filter, with their names and values. */
export const PENDING_QUERY = {
  keyCondition: '#status = :closed',
  filter: 'attribute_not_exists(#kb.#synced) OR #kb.#synced = :false',
  names: { '#status': 'status', '#kb': 'kb_sync_status', '#synced': 'synced' },
  values: { ':closed': { S: CLOSED_STATUS }, ':false': { BOOL: false } }
} as const

/** The filter alone, as a condition on one item (the mark that claims an incident uses it). */
export const NOT_SYNCED_CONDITION = {
  expression: PENDING_QUERY.filter,
  names: { '#kb': 'kb_sync_status', '#synced': 'synced' },
  values: { ':false': { BOOL: false } }
} as const

/** The same test for an item already read from the table. */
export function isPending(item: Record<string, unknown>): boolean {
  if (item.status !== CLOSED_STATUS) return false
  const status = item.kb_sync_status
  if (status === null || typeof status !== 'object') return true
  const synced = (status as Record<string, unknown>).synced
  return synced === undefined || synced === false
}
