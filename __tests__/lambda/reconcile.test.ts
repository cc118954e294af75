/**
 * The sweep's decisions (pure: from the listing and the item) and its walk through a listing whose pages split a
 * document from its sidecar.
 */
import { describe, expect, it } from '@jest/globals'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { renderDocument } from '../../src/lambda/document.js'
import { fingerprint } from '../../src/lambda/fingerprint.js'
import { SweepListing, type Entry } from '../../src/lambda/listing.js'
import { planEntry } from '../../src/lambda/reconcile.js'

const PREFIX = 'incidents/closed/'
const incident = { incident_id: 'INC-1', status: 'CLOSED', title: 'Disk full on db-1', priority: 'P2' }
const doc = renderDocument(incident, PREFIX)
const fp = fingerprint(doc)

function entry(docEtag: string | undefined, sidecarEtag: string | undefined): Entry {
  return {
    id: 'INC-1',
    docKey: doc.key,
    sidecarKey: doc.metadataKey,
    ...(docEtag !== undefined ? { doc: { etag: docEtag } } : {}),
    ...(sidecarEtag !== undefined ? { sidecar: { etag: sidecarEtag } } : {})
  }
}

const synced = (status: Record<string, unknown>) => ({ ...incident, kb_sync_status: { synced: true, ...status } })
const plain = entry(`"${fp.bodyMd5}"`, `"${fp.metadataMd5}"`)

describe('planEntry', () => {
  it('does nothing for a synced incident whose rendering S3 holds and kb_sync_status records', () => {
    expect(planEntry(plain, synced({ content_sha256: fp.sha256 }), PREFIX).kind).toBe('none')
  })

  it('leaves a pending incident to the batch, whatever S3 holds', () => {
    expect(planEntry(entry('"x"', undefined), { ...incident, kb_sync_status: { synced: false } }, PREFIX).kind).toBe(
      'none'
    )
    expect(planEntry(entry('"x"', undefined), incident, PREFIX).kind).toBe('none')
  })

  it('adopts what an older version wrote when it is the current rendering, and rewrites it when not', () => {
    expect(planEntry(plain, synced({}), PREFIX).kind).toBe('adopt')
    expect(planEntry(entry('"0123"', `"${fp.metadataMd5}"`), synced({}), PREFIX).kind).toBe('rewrite')
  })

  it('records a rewrite that reached S3 but not the table, and rewrites an edited incident', () => {
    expect(planEntry(plain, synced({ content_sha256: 'older' }), PREFIX).kind).toBe('record')
    const edited = { ...synced({ content_sha256: fp.sha256 }), lessons_learned: 'Alert on 80 % disk.' }
    expect(planEntry(plain, edited, PREFIX).kind).toBe('rewrite')
  })

  it('rewrites both when the sidecar is missing or not the rendering', () => {
    expect(planEntry(entry(`"${fp.bodyMd5}"`, undefined), synced({ content_sha256: fp.sha256 }), PREFIX).kind).toBe(
      'rewrite'
    )
    expect(planEntry(entry(`"${fp.bodyMd5}"`, '"00"'), synced({ content_sha256: fp.sha256 }), PREFIX).kind).toBe(
      'rewrite'
    )
  })

  it('with ETags that are not MD5s (SSE-KMS), trusts the recorded ETags for the recorded rendering only', () => {
    const kms = entry('"kms-doc-etag"', '"kms-sidecar-etag"')
    const recorded = { content_sha256: fp.sha256, etag: 'kms-doc-etag', metadata_etag: 'kms-sidecar-etag' }
    expect(planEntry(kms, synced(recorded), PREFIX).kind).toBe('none')
    // Written again by someone else since: the listed ETag is not the one recorded.
    expect(planEntry(entry('"other"', '"kms-sidecar-etag"'), synced(recorded), PREFIX).kind).toBe('rewrite')
    const edited = { ...synced(recorded), resolution: 'Grew the volume.' }
    expect(planEntry(kms, edited, PREFIX).kind).toBe('rewrite')
  })

  it('removes the document of an incident that is not CLOSED; an unknown key or a lone sidecar is looked into', () => {
    expect(planEntry(plain, { ...incident, status: 'OPEN' }, PREFIX).kind).toBe('remove')
    expect(planEntry(plain, undefined, PREFIX).kind).toBe('unknown')
    expect(planEntry(entry(undefined, '"s"'), synced({}), PREFIX).kind).toBe('orphan')
  })

  it('does not take an incident whose own key differs for the owner of the key', () => {
    // Both "a/b" and "a_b" render to a_b.json; the key belongs to "a_b", not to an item read under another id.
    const other = { ...incident, incident_id: 'INC/1' }
    expect(renderDocument(other, PREFIX).key).toBe(`${PREFIX}INC_1.json`)
    expect(planEntry(plain, other, PREFIX).kind).toBe('unknown')
  })
})

describe('SweepListing', () => {
  const key = (name: string) => ({ Key: `${PREFIX}${name}`, ETag: `"${name}"` })

  it('waits for the next page when a page ends between a document and its sidecar, and keeps a cursor', async () => {
    const s3 = mockClient(S3Client)
    s3.on(ListObjectsV2Command)
      .resolvesOnce({
        Contents: [key('A.json'), key('A.json.metadata.json'), key('B.json')],
        IsTruncated: true,
        NextContinuationToken: 't1'
      })
      .resolvesOnce({
        Contents: [key('B.json.metadata.json'), key('README.md'), key('C.json.metadata.json')],
        CommonPrefixes: [{ Prefix: `${PREFIX}runbooks/` }],
        IsTruncated: false
      })
    const listing = new SweepListing(new S3Client({ region: 'us-east-1' }), 'bucket', PREFIX, '')
    const first = await listing.next(2)
    expect(first.map((e) => [e.id, e.doc?.etag, e.sidecar?.etag])).toEqual([
      ['A', '"A.json"', '"A.json.metadata.json"'],
      ['B', '"B.json"', '"B.json.metadata.json"']
    ])
    expect(listing.pages).toBe(2)
    listing.finish(first[0] as Entry)
    expect(listing.cursor()).toBe(`${PREFIX}A.json.metadata.json`)
    listing.finish(first[1] as Entry)
    expect(listing.cursor()).toBe(`${PREFIX}B.json.metadata.json`)
    const rest = await listing.next(10)
    expect(rest.map((e) => [e.id, e.doc, e.sidecar?.etag])).toEqual([['C', undefined, '"C.json.metadata.json"']])
    listing.finish(rest[0] as Entry)
    expect(listing.exhausted).toBe(true)
    // README.md is not a document, and a common prefix stands for every key under it: the cursor skips them all.
    expect(listing.cursor()).toBe(`${PREFIX}runbooks/\uffff`)
    const calls = s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)
    expect(calls).toEqual([
      { Bucket: 'bucket', Prefix: PREFIX, Delimiter: '/', MaxKeys: 1000 },
      { Bucket: 'bucket', Prefix: PREFIX, Delimiter: '/', MaxKeys: 1000, ContinuationToken: 't1' }
    ])
    s3.restore()
  })

  it('resumes after the stored cursor', async () => {
    const s3 = mockClient(S3Client)
    s3.on(ListObjectsV2Command).resolves({ Contents: [], IsTruncated: false })
    const listing = new SweepListing(new S3Client({ region: 'us-east-1' }), 'bucket', PREFIX, `${PREFIX}M.json`)
    expect(await listing.next(5)).toEqual([])
    expect(listing.exhausted).toBe(true)
    expect(listing.cursor()).toBe(`${PREFIX}M.json`)
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toMatchObject({ StartAfter: `${PREFIX}M.json` })
    s3.restore()
  })
})
