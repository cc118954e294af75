/**
 * Reads what the batch-sync Lambda answered (docs/behaviour.md, "What the Lambda answers"). Pure: text in, counts or a readable error out.
 */
import type { BatchResult } from './result.js'

export type ParsedSyncResult =
  { ok: true; batch: BatchResult } | { ok: false; kind: 'error_status' | 'unreadable_result'; message: string }

const QUOTE_LIMIT = 500

type Json = Record<string, unknown>

export function parseSyncResult(payloadText: string): ParsedSyncResult {
  let payload: unknown
  try {
    payload = JSON.parse(payloadText)
  } catch {
    return unreadable('is not JSON', payloadText)
  }

  if (isObject(payload) && typeof payload.statusCode === 'number') {
    const body = readBody(payload.body)
    if (payload.statusCode >= 400) {
      return {
        ok: false,
        kind: 'error_status',
        message: `The Lambda answered statusCode ${payload.statusCode}: ${bodyMessage(body, payload.body)}`
      }
    }
    payload = body
  }

  const source = isObject(payload) ? (pickObject(payload, 'sync_results', 'syncResults') ?? payload) : undefined
  if (!source) return unreadable('has none of the sync counts', payloadText)

  const synced = pickCount(source, 'successfully_synced', 'successfullySynced')
  const failed = pickCount(source, 'failed', 'failedCount')
  const processed = pickCount(source, 'total_processed', 'totalProcessed')
  const counts = [synced, failed, processed]
  const invalid = counts.find((c) => c !== undefined && typeof c === 'string')
  if (typeof invalid === 'string') return unreadable(invalid, payloadText)
  if (counts.every((c) => c === undefined)) {
    return unreadable('has none of the sync counts (successfully_synced, failed, total_processed)', payloadText)
  }

  // Optional counts of a Lambda that keeps the documents in step with edits, reopenings and deletions.
  const updated = pickCount(source, 'updated')
  const removed = pickCount(source, 'removed')
  const badOptional = [updated, removed].find((c) => typeof c === 'string')
  if (typeof badOptional === 'string') return unreadable(badOptional, payloadText)

  const syncedCount = (synced as number | undefined) ?? 0
  const failedCount = (failed as number | undefined) ?? 0
  const hasMore = pick(source, 'has_more', 'hasMore')
  const failedIds = pick(source, 'failed_ids', 'failedIds')
  const warning = pick(source, 'warning')
  return {
    ok: true,
    batch: {
      synced: syncedCount,
      failed: failedCount,
      processed: (processed as number | undefined) ?? syncedCount + failedCount,
      updated: (updated as number | undefined) ?? 0,
      removed: (removed as number | undefined) ?? 0,
      hasMore: typeof hasMore === 'boolean' ? hasMore : undefined,
      failedIds: Array.isArray(failedIds) ? failedIds.map((id) => String(id)) : [],
      syncedDocuments: uriList(pick(source, 'synced_documents', 'syncedDocuments')),
      removedDocuments: uriList(pick(source, 'removed_documents', 'removedDocuments')),
      warning: typeof warning === 'string' && warning !== '' ? warning : undefined
    }
  }
}

/** A list of S3 URIs, or undefined when the Lambda sent none (or something that is not one). */
function uriList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined
  const uris = value.filter((item): item is string => typeof item === 'string' && item.startsWith('s3://'))
  return uris.length === value.length ? uris : undefined
}

function unreadable(why: string, payloadText: string): ParsedSyncResult {
  return {
    ok: false,
    kind: 'unreadable_result',
    message: `The Lambda's result ${why}; it began: ${JSON.stringify(payloadText.slice(0, QUOTE_LIMIT))}`
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function pick(source: Json, ...names: string[]): unknown {
  for (const name of names) if (source[name] !== undefined && source[name] !== null) return source[name]
  return undefined
}

function pickObject(source: Json, ...names: string[]): Json | undefined {
  const value = pick(source, ...names)
  return isObject(value) ? value : undefined
}

/** A count, undefined when absent, or a string saying why the value is not a count. */
function pickCount(source: Json, ...names: string[]): number | string | undefined {
  const value = pick(source, ...names)
  if (value === undefined) return undefined
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return n
  return `has '${names[0]}' = ${JSON.stringify(value).slice(0, 100)}, which is not a whole number of incidents`
}

function readBody(body: unknown): unknown {
  if (typeof body !== 'string') return body
  try {
    return JSON.parse(body)
  } catch {
    return body
  }
}

function bodyMessage(body: unknown, raw: unknown): string {
  if (isObject(body)) {
    const message = pick(body, 'message', 'error', 'errorMessage', 'Message')
    if (typeof message === 'string') return message.slice(0, QUOTE_LIMIT)
    return JSON.stringify(body).slice(0, QUOTE_LIMIT)
  }
  if (typeof body === 'string' && body !== '') return body.slice(0, QUOTE_LIMIT)
  return raw === undefined ? '(no body)' : JSON.stringify(raw).slice(0, QUOTE_LIMIT)
}
