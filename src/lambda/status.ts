import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { CLOSED_STATUS } from '../pending.js'
import type { Incident } from './types.js'

/**
 * `kb_sync_status` as this Lambda writes it. Only `synced` decides whether an incident is pending (src/pending.ts);
 * the rest lets the sweep tell what is in S3 and who may change it:
 *
 * - `s3_key`: the document written for it (proves an unmarked object of an older version is ours);
 * - `content_sha256`, `etag`, `metadata_etag`: what was written last, as rendered and as S3 answered;
 * - `fence`: raised each time the sweep deletes the incident's document, so a mark based on an older read fails.
 */
export interface SyncStatus {
  synced?: boolean
  syncedAt?: string
  s3Key?: string
  contentSha256?: string
  etag?: string
  metadataEtag?: string
  fence?: number
}

export function syncStatusOf(item: Incident): SyncStatus {
  const raw = item.kb_sync_status
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {}
  const s = raw as Record<string, unknown>
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
  const fence = typeof s.fence === 'number' && Number.isSafeInteger(s.fence) ? s.fence : undefined
  return {
    ...(typeof s.synced === 'boolean' ? { synced: s.synced } : {}),
    ...(text(s.synced_at) !== undefined ? { syncedAt: text(s.synced_at) } : {}),
    ...(text(s.s3_key) !== undefined ? { s3Key: text(s.s3_key) } : {}),
    ...(text(s.content_sha256) !== undefined ? { contentSha256: text(s.content_sha256) } : {}),
    ...(text(s.etag) !== undefined ? { etag: text(s.etag) } : {}),
    ...(text(s.metadata_etag) !== undefined ? { metadataEtag: text(s.metadata_etag) } : {}),
    ...(fence !== undefined ? { fence } : {})
  }
}

export function isClosed(item: Incident): boolean {
  return item.status === CLOSED_STATUS
}

/** Parts of a DynamoDB condition, to be joined with AND. */
export interface Condition {
  expression: string
  names: Record<string, string>
  values: Record<string, AttributeValue>
}

export function allOf(...parts: Condition[]): Condition {
  return {
    expression: parts.map((p) => `(${p.expression})`).join(' AND '),
    names: Object.assign({}, ...parts.map((p) => p.names)) as Record<string, string>,
    values: Object.assign({}, ...parts.map((p) => p.values)) as Record<string, AttributeValue>
  }
}

const KB = { '#kb': 'kb_sync_status' }

/** The fence is still what this invocation read: no document of the incident was deleted since. */
export function fenceIs(fence: number | undefined): Condition {
  return fence === undefined
    ? { expression: 'attribute_not_exists(#kb.#fence)', names: { ...KB, '#fence': 'fence' }, values: {} }
    : {
        expression: '#kb.#fence = :fence',
        names: { ...KB, '#fence': 'fence' },
        values: { ':fence': { N: String(fence) } }
      }
}

export const IS_CLOSED: Condition = {
  expression: '#status = :closed',
  names: { '#status': 'status' },
  values: { ':closed': { S: CLOSED_STATUS } }
}

export const NOT_CLOSED: Condition = {
  expression: 'attribute_not_exists(#status) OR #status <> :closed',
  names: { '#status': 'status' },
  values: { ':closed': { S: CLOSED_STATUS } }
}

export const IS_SYNCED: Condition = {
  expression: '#kb.#synced = :true',
  names: { ...KB, '#synced': 'synced' },
  values: { ':true': { BOOL: true } }
}

export const EXISTS: Condition = {
  expression: 'attribute_exists(#id)',
  names: { '#id': 'incident_id' },
  values: {}
}
