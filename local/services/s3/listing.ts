import type { _Object, CommonPrefix, ListObjectsOutput, ListObjectsV2Output } from '@aws-sdk/client-s3'
import type { Wire } from '../common/wire.js'
import { compareKeys, type S3Object } from './store.js'

export interface ListQuery {
  prefix: string
  delimiter: string
  maxKeys: number
  /** `encoding-type=url`: keys and prefixes come back URL-encoded. */
  urlEncode: boolean
  /** List keys after this one (V2: the continuation token's key or `start-after`; V1: `marker`). */
  after: string
}

interface Page {
  contents: S3Object[]
  prefixes: string[]
  truncated: boolean
  /** Where the next page starts: after this key. */
  resumeAfter: string
}

/** Reads a ListObjects (`v2`: ListObjectsV2) query string. */
export function listQuery(q: URLSearchParams, v2: boolean): ListQuery {
  const token = q.get('continuation-token')
  return {
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    maxKeys: Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000) || 0)),
    urlEncode: q.get('encoding-type') === 'url',
    after: v2
      ? token
        ? Buffer.from(token, 'base64url').toString()
        : (q.get('start-after') ?? '')
      : (q.get('marker') ?? '')
  }
}

/** One page of a listing: keys and common prefixes (keys rolled up at the delimiter) together count to max-keys. */
function page(objects: S3Object[], query: ListQuery): Page {
  const { prefix, delimiter, maxKeys, after } = query
  const contents: S3Object[] = []
  const prefixes: string[] = []
  let last = ''
  let truncated = false
  for (const object of objects) {
    if (after !== '' && compareKeys(object.key, after) <= 0) continue
    const cut = delimiter === '' ? -1 : object.key.indexOf(delimiter, prefix.length)
    const entry = cut === -1 ? object.key : object.key.slice(0, cut + delimiter.length)
    if (entry !== object.key && prefixes.includes(entry)) continue
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true
      break
    }
    if (entry !== object.key) prefixes.push(entry)
    else contents.push(object)
    last = entry
  }
  // A common prefix stands for every key under it: resume after the last of them, not inside.
  const resumeAfter = delimiter !== '' && last.endsWith(delimiter) ? `${last}\uffff` : last
  return { contents, prefixes, truncated, resumeAfter }
}

type Listing = Wire<ListObjectsOutput> & Wire<ListObjectsV2Output>

/** The members of a `ListBucketResult`, V1 or V2, as S3 answers them. */
export function listing(bucket: string, objects: S3Object[], q: URLSearchParams, v2: boolean): Listing {
  const query = listQuery(q, v2)
  const { contents, prefixes, truncated, resumeAfter } = page(objects, query)
  const enc = (s: string): string => (query.urlEncode ? encodeURIComponent(s).replace(/%2F/g, '/') : s)
  const base: Listing = {
    Name: bucket,
    Prefix: enc(query.prefix),
    Delimiter: query.delimiter ? enc(query.delimiter) : undefined,
    MaxKeys: query.maxKeys,
    EncodingType: query.urlEncode ? 'url' : undefined,
    IsTruncated: truncated,
    Contents: contents.map((o): Wire<_Object> => ({
      Key: enc(o.key),
      LastModified: o.lastModified.toISOString(),
      ETag: o.etag,
      Size: o.body.length,
      StorageClass: 'STANDARD'
    })),
    CommonPrefixes: prefixes.map((p): CommonPrefix => ({ Prefix: enc(p) }))
  }
  if (!v2) {
    return {
      ...base,
      Marker: enc(query.after),
      NextMarker: truncated && query.delimiter ? enc(resumeAfter) : undefined
    }
  }
  const startAfter = q.get('start-after')
  return {
    ...base,
    KeyCount: contents.length + prefixes.length,
    ContinuationToken: q.get('continuation-token') || undefined,
    StartAfter: startAfter ? enc(startAfter) : undefined,
    NextContinuationToken: truncated ? Buffer.from(resumeAfter).toString('base64url') : undefined
  }
}
