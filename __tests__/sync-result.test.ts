import { describe, expect, it } from '@jest/globals'
import { parseSyncResult } from '../src/pipeline/sync-result.js'

const ok = (payload: unknown) => {
  const parsed = parseSyncResult(typeof payload === 'string' ? payload : JSON.stringify(payload))
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.batch
}
/** What a batch reads as when the Lambda reports no mirror counts, documents or warning. */
const PLAIN = { updated: 0, removed: 0, syncedDocuments: undefined, removedDocuments: undefined, warning: undefined }

const error = (payload: unknown) => {
  const parsed = parseSyncResult(typeof payload === 'string' ? payload : JSON.stringify(payload))
  if (parsed.ok) throw new Error('expected a sync error')
  return parsed.message
}

describe('parseSyncResult', () => {
  it('reads snake_case counts at the top level', () => {
    expect(
      ok({ successfully_synced: 5, failed: 1, total_processed: 6, has_more: true, failed_ids: ['INC-1'] })
    ).toEqual({
      synced: 5,
      failed: 1,
      processed: 6,
      hasMore: true,
      failedIds: ['INC-1'],
      ...PLAIN
    })
  })

  it('reads camelCase counts', () => {
    expect(ok({ successfullySynced: 3, failedCount: 0, totalProcessed: 3, hasMore: false, failedIds: [] })).toEqual({
      synced: 3,
      failed: 0,
      processed: 3,
      hasMore: false,
      failedIds: [],
      ...PLAIN
    })
  })

  it('reads the counts under sync_results, as force_kb_sync returns them', () => {
    const batch = ok({
      status: 'completed',
      lambda_execution: { status_code: 200 },
      sync_results: { successfully_synced: 5, failed: 0, total_processed: 5 }
    })
    expect(batch).toEqual({ synced: 5, failed: 0, processed: 5, hasMore: undefined, failedIds: [], ...PLAIN })
  })

  it('reads the mirror counts, the documents written and removed, and a note from the Lambda', () => {
    const batch = ok({
      successfully_synced: 1,
      failed: 0,
      total_processed: 1,
      updated: 2,
      removed: 1,
      synced_documents: ['s3://b/incidents/closed/INC-1.json', 's3://b/incidents/closed/INC-2.json'],
      removedDocuments: ['s3://b/incidents/closed/INC-3.json'],
      warning: 'time budget short'
    })
    expect(batch).toMatchObject({
      updated: 2,
      removed: 1,
      syncedDocuments: ['s3://b/incidents/closed/INC-1.json', 's3://b/incidents/closed/INC-2.json'],
      removedDocuments: ['s3://b/incidents/closed/INC-3.json'],
      warning: 'time budget short'
    })
  })

  it('takes a document list with anything but S3 URIs as no list, and a bad mirror count as unreadable', () => {
    expect(ok({ successfully_synced: 1, synced_documents: ['s3://b/k', 42] }).syncedDocuments).toBeUndefined()
    expect(error({ successfully_synced: 1, updated: -1 })).toMatch(/has 'updated' = -1, which is not a whole number/)
  })

  it('reads an API-Gateway style answer whose body is a JSON string', () => {
    const body = JSON.stringify({ successfully_synced: 2, failed: 0, total_processed: 2 })
    expect(ok({ statusCode: 200, body })).toMatchObject({ synced: 2, processed: 2 })
  })

  it('reads an API-Gateway style answer whose body is an object with sync_results', () => {
    expect(
      ok({ statusCode: 200, body: { sync_results: { successfully_synced: 4, failed: 1, total_processed: 5 } } })
    ).toMatchObject({
      synced: 4,
      failed: 1,
      processed: 5
    })
  })

  it('turns a statusCode of 400 or more into a sync error carrying the body message', () => {
    expect(error({ statusCode: 500, body: JSON.stringify({ message: 'DynamoDB unavailable' }) })).toBe(
      'The Lambda answered statusCode 500: DynamoDB unavailable'
    )
    expect(error({ statusCode: 403, body: 'forbidden' })).toBe('The Lambda answered statusCode 403: forbidden')
  })

  it('quotes the first 500 characters of a payload that is not JSON', () => {
    const message = error(`oops ${'x'.repeat(1000)}`)
    expect(message).toMatch(/^The Lambda's result is not JSON; it began: "oops x+"$/)
    expect(message.length).toBeLessThan(600)
  })

  it('treats a payload with none of the counts as a sync error', () => {
    expect(error({ ok: true })).toMatch(/has none of the sync counts/)
    expect(error('null')).toMatch(/has none of the sync counts/)
    expect(error('[1,2]')).toMatch(/has none of the sync counts/)
  })

  it('rejects counts that are not whole numbers', () => {
    expect(error({ successfully_synced: 'many', failed: 0 })).toMatch(
      /'successfully_synced' = "many", which is not a whole number/
    )
    expect(error({ successfully_synced: -1 })).toMatch(/not a whole number/)
  })

  it('derives total_processed when the Lambda leaves it out', () => {
    expect(ok({ successfully_synced: 3, failed: 2 }).processed).toBe(5)
  })
})
