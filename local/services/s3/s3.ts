import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { AwsError, sendXml, xmlEscape, xmlUnescape, type Call } from '../common/protocol.js'
import { applyFaults, type FaultStyle, type Service } from '../gateway/gateway.js'
import type { Faults } from '../faults/faults.js'

export interface S3Object {
  key: string
  body: Buffer
  /** Quoted MD5 of the body, as S3 reports single-part uploads. */
  etag: string
  contentType: string
  lastModified: Date
  metadata: Record<string, string>
}

/** The buckets, in memory; the knowledge base emulator reads them directly when a job scans its data source. */
export class S3Store {
  private buckets = new Map<string, Map<string, S3Object>>()

  createBucket(name: string): boolean {
    if (this.buckets.has(name)) return false
    this.buckets.set(name, new Map())
    return true
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name)
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort()
  }

  deleteBucket(name: string): void {
    this.buckets.delete(name)
  }

  objects(bucket: string): Map<string, S3Object> {
    const objects = this.buckets.get(bucket)
    if (objects === undefined)
      throw new AwsError(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket })
    return objects
  }

  put(
    bucket: string,
    key: string,
    body: Buffer | string,
    contentType = 'binary/octet-stream',
    metadata = {}
  ): S3Object {
    const data = typeof body === 'string' ? Buffer.from(body) : body
    const object: S3Object = {
      key,
      body: data,
      etag: `"${createHash('md5').update(data).digest('hex')}"`,
      contentType,
      lastModified: new Date(),
      metadata
    }
    this.objects(bucket).set(key, object)
    return object
  }

  get(bucket: string, key: string): S3Object | undefined {
    return this.objects(bucket).get(key)
  }

  delete(bucket: string, key: string): void {
    this.objects(bucket).delete(key)
  }

  /** Objects under `prefix`, in key order (S3 lists in UTF-8 binary order; ours are ASCII). */
  list(bucket: string, prefix = ''): S3Object[] {
    return [...this.objects(bucket).values()]
      .filter((o) => o.key.startsWith(prefix))
      .sort((a, b) => compareKeys(a.key, b.key))
  }
}

function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/'

const IAM_ACTIONS: Record<string, string> = {
  ListObjectsV2: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  HeadBucket: 's3:ListBucket',
  GetObject: 's3:GetObject',
  HeadObject: 's3:GetObject',
  PutObject: 's3:PutObject',
  CopyObject: 's3:PutObject',
  DeleteObject: 's3:DeleteObject',
  DeleteObjects: 's3:DeleteObject',
  ListBuckets: 's3:ListAllMyBuckets'
}

/**
 * A path-style S3 REST endpoint over `S3Store`: the operations a sync Lambda and its tests use (Put, Get, Head,
 * Delete, DeleteObjects, Copy, ListObjectsV2/ListObjects, bucket create/head/delete/list). Clients reach it
 * path-style on their own: the SDK never uses virtual-hosted addressing with an IP-address endpoint.
 */
export class S3Service implements Service {
  readonly name = 's3'
  private readonly style: FaultStyle = {
    service: 's3',
    throttle: () => new AwsError(503, 'SlowDown', 'Please reduce your request rate.'),
    denied: (message) => new AwsError(403, 'AccessDenied', message),
    iamAction: (op) => IAM_ACTIONS[op] ?? `s3:${op}`
  }

  constructor(
    readonly store: S3Store,
    private readonly faults: Faults,
    private readonly principalOf: (accessKeyId?: string) => string
  ) {}

  sendError(call: Call, err: AwsError): void {
    const headers = { 'x-amz-request-id': call.requestId, 'x-amz-id-2': call.requestId, ...err.headers }
    if (call.method === 'HEAD') {
      call.res.writeHead(err.status, headers)
      call.res.end()
      return
    }
    const extra = Object.entries(err.fields)
      .map(([k, v]) => `<${k}>${xmlEscape(String(v))}</${k}>`)
      .join('')
    sendXml(
      call.res,
      err.status,
      `<Error><Code>${err.code}</Code><Message>${xmlEscape(err.message)}</Message>${extra}<RequestId>${call.requestId}</RequestId><HostId>${call.requestId}</HostId></Error>`,
      headers
    )
  }

  async handle(call: Call): Promise<void> {
    const { bucket, key } = this.address(call)
    const q = call.url.searchParams
    const m = call.method
    let op: string
    if (bucket === '') op = 'ListBuckets'
    else if (key === '') {
      if (m === 'PUT') op = 'CreateBucket'
      else if (m === 'HEAD') op = 'HeadBucket'
      else if (m === 'DELETE') op = 'DeleteBucket'
      else if (m === 'POST' && q.has('delete')) op = 'DeleteObjects'
      else if (m === 'GET' && q.get('list-type') === '2') op = 'ListObjectsV2'
      else if (m === 'GET' && q.has('location')) op = 'GetBucketLocation'
      else if (
        m === 'GET' &&
        [...q.keys()].every((k) => ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(k))
      ) {
        op = 'ListObjects'
      } else op = 'UnsupportedBucketOperation'
    } else if (m === 'PUT') op = call.headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject'
    else if (m === 'GET') op = 'GetObject'
    else if (m === 'HEAD') op = 'HeadObject'
    else if (m === 'DELETE') op = 'DeleteObject'
    else op = 'UnsupportedObjectOperation'

    const fault = await applyFaults(this.faults, call, this.style, op, {
      principalOf: this.principalOf,
      resource: () => (key === '' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`),
      key: () => key
    })
    if (fault) throw fault
    const headers = { 'x-amz-request-id': call.requestId, 'x-amz-id-2': call.requestId }

    switch (op) {
      case 'ListBuckets': {
        const list = this.store
          .bucketNames()
          .map(
            (b) => `<Bucket><Name>${xmlEscape(b)}</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate></Bucket>`
          )
          .join('')
        return sendXml(
          call.res,
          200,
          `<ListAllMyBucketsResult xmlns="${NS}"><Owner><ID>local</ID></Owner><Buckets>${list}</Buckets></ListAllMyBucketsResult>`,
          headers
        )
      }
      case 'CreateBucket':
        if (!this.store.createBucket(bucket)) {
          throw new AwsError(
            409,
            'BucketAlreadyOwnedByYou',
            'Your previous request to create the named bucket succeeded and you already own it.',
            { BucketName: bucket }
          )
        }
        call.res.writeHead(200, { ...headers, Location: `/${bucket}`, 'Content-Length': 0 })
        return void call.res.end()
      case 'HeadBucket':
        this.store.objects(bucket)
        call.res.writeHead(200, { ...headers, 'x-amz-bucket-region': 'us-east-1' })
        return void call.res.end()
      case 'DeleteBucket':
        if (this.store.objects(bucket).size > 0)
          throw new AwsError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', {
            BucketName: bucket
          })
        this.store.deleteBucket(bucket)
        call.res.writeHead(204, headers)
        return void call.res.end()
      case 'GetBucketLocation':
        this.store.objects(bucket)
        return sendXml(call.res, 200, `<LocationConstraint xmlns="${NS}"/>`, headers)
      case 'ListObjectsV2':
      case 'ListObjects':
        return this.list(call, bucket, op === 'ListObjectsV2', headers)
      case 'DeleteObjects':
        return this.deleteMany(call, bucket, headers)
      case 'PutObject':
        return this.putObject(call, bucket, key, headers)
      case 'CopyObject':
        return this.copyObject(call, bucket, key, headers)
      case 'GetObject':
      case 'HeadObject':
        return this.getObject(call, bucket, key, op === 'HeadObject', headers)
      case 'DeleteObject':
        this.store.objects(bucket).delete(key)
        call.res.writeHead(204, headers)
        return void call.res.end()
      default:
        throw new AwsError(
          501,
          'NotImplemented',
          `The local S3 does not implement ${m} ${call.url.pathname}${call.url.search}`
        )
    }
  }

  private address(call: Call): { bucket: string; key: string } {
    const path = call.url.pathname
    const host = String(call.headers.host ?? '')
    const virtual = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.(localhost|127\.0\.0\.1)(:\d+)?$/.exec(host)
    if (virtual?.[1]) return { bucket: virtual[1], key: decodeURIComponent(path.slice(1)) }
    const slash = path.indexOf('/', 1)
    if (slash === -1) return { bucket: decodeURIComponent(path.slice(1)), key: '' }
    return { bucket: decodeURIComponent(path.slice(1, slash)), key: decodeURIComponent(path.slice(slash + 1)) }
  }

  private async putObject(call: Call, bucket: string, key: string, headers: Record<string, string>): Promise<void> {
    this.store.objects(bucket)
    const { body, trailers } = decodeBody(call, await call.body())
    const md5 = call.headers['content-md5']
    if (typeof md5 === 'string' && createHash('md5').update(body).digest('base64') !== md5) {
      throw new AwsError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.')
    }
    // CRC32 is the SDK's default upload checksum, in a header or (streams) in a trailer; S3 checks it.
    const claimed = call.headers['x-amz-checksum-crc32'] ?? trailers['x-amz-checksum-crc32']
    if (typeof claimed === 'string') {
      const actual = Buffer.alloc(4)
      actual.writeUInt32BE(crc32(body) >>> 0)
      if (actual.toString('base64') !== claimed) {
        throw new AwsError(400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.')
      }
    }
    const metadata: Record<string, string> = {}
    for (const [name, value] of Object.entries(call.headers)) {
      if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value
    }
    const object = this.store.put(
      bucket,
      key,
      body,
      String(call.headers['content-type'] ?? 'binary/octet-stream'),
      metadata
    )
    call.res.writeHead(200, { ...headers, ETag: object.etag, 'Content-Length': 0 })
    call.res.end()
  }

  private async copyObject(call: Call, bucket: string, key: string, headers: Record<string, string>): Promise<void> {
    const source = decodeURIComponent(String(call.headers['x-amz-copy-source']).replace(/^\//, ''))
    const slash = source.indexOf('/')
    const from = this.store.get(source.slice(0, slash), source.slice(slash + 1).split('?')[0] ?? '')
    if (from === undefined) throw new AwsError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: source })
    const object = this.store.put(bucket, key, from.body, from.contentType, { ...from.metadata })
    sendXml(
      call.res,
      200,
      `<CopyObjectResult><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(object.etag)}</ETag></CopyObjectResult>`,
      headers
    )
  }

  private getObject(call: Call, bucket: string, key: string, head: boolean, headers: Record<string, string>): void {
    const object = this.store.get(bucket, key)
    if (object === undefined) throw new AwsError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key })
    const meta = Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]))
    let body = object.body
    let status = 200
    const extra: Record<string, string> = {}
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(call.headers.range ?? ''))
    if (range && !head) {
      const size = object.body.length
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1])
      const end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), size - 1) : size - 1
      if (start >= size) throw new AwsError(416, 'InvalidRange', 'The requested range is not satisfiable')
      body = object.body.subarray(start, end + 1)
      status = 206
      extra['Content-Range'] = `bytes ${start}-${end}/${size}`
    }
    call.res.writeHead(status, {
      ...headers,
      ...meta,
      ...extra,
      ETag: object.etag,
      'Last-Modified': object.lastModified.toUTCString(),
      'Content-Type': object.contentType,
      'Content-Length': body.length,
      'Accept-Ranges': 'bytes'
    })
    call.res.end(head ? undefined : body)
  }

  private list(call: Call, bucket: string, v2: boolean, headers: Record<string, string>): void {
    const q = call.url.searchParams
    const prefix = q.get('prefix') ?? ''
    const delimiter = q.get('delimiter') ?? ''
    const maxKeys = Math.min(1000, Math.max(0, Number(q.get('max-keys') ?? 1000) || 0))
    const urlEncode = q.get('encoding-type') === 'url'
    const enc = (s: string): string => xmlEscape(urlEncode ? encodeURIComponent(s).replace(/%2F/g, '/') : s)
    const token = q.get('continuation-token')
    const after = v2
      ? token
        ? Buffer.from(token, 'base64url').toString()
        : (q.get('start-after') ?? '')
      : (q.get('marker') ?? '')

    const contents: string[] = []
    const prefixes: string[] = []
    let last = ''
    let truncated = false
    for (const object of this.store.list(bucket, prefix)) {
      if (after !== '' && compareKeys(object.key, after) <= 0) continue
      let entry = object.key
      if (delimiter !== '') {
        const cut = object.key.indexOf(delimiter, prefix.length)
        if (cut !== -1) entry = object.key.slice(0, cut + delimiter.length)
      }
      if (entry !== object.key && prefixes.includes(entry)) continue
      if (contents.length + prefixes.length >= maxKeys) {
        truncated = true
        break
      }
      if (entry !== object.key) {
        prefixes.push(entry)
        last = entry
        continue
      }
      last = object.key
      contents.push(
        `<Contents><Key>${enc(object.key)}</Key><LastModified>${object.lastModified.toISOString()}</LastModified><ETag>${xmlEscape(object.etag)}</ETag><Size>${object.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`
      )
    }
    // A common prefix stands for every key under it: resume after the last of them, not inside.
    const resumeAfter = last.endsWith(delimiter) && delimiter !== '' ? `${last}\uffff` : last
    const parts = [
      `<Name>${xmlEscape(bucket)}</Name>`,
      `<Prefix>${enc(prefix)}</Prefix>`,
      delimiter ? `<Delimiter>${enc(delimiter)}</Delimiter>` : '',
      `<MaxKeys>${maxKeys}</MaxKeys>`,
      urlEncode ? '<EncodingType>url</EncodingType>' : '',
      `<IsTruncated>${truncated}</IsTruncated>`,
      ...contents,
      ...prefixes.map((p) => `<CommonPrefixes><Prefix>${enc(p)}</Prefix></CommonPrefixes>`)
    ]
    if (v2) {
      parts.push(`<KeyCount>${contents.length + prefixes.length}</KeyCount>`)
      if (token) parts.push(`<ContinuationToken>${xmlEscape(token)}</ContinuationToken>`)
      if (q.get('start-after')) parts.push(`<StartAfter>${enc(q.get('start-after') ?? '')}</StartAfter>`)
      if (truncated)
        parts.push(`<NextContinuationToken>${Buffer.from(resumeAfter).toString('base64url')}</NextContinuationToken>`)
    } else {
      parts.push(`<Marker>${enc(after)}</Marker>`)
      if (truncated && delimiter) parts.push(`<NextMarker>${enc(resumeAfter)}</NextMarker>`)
    }
    sendXml(call.res, 200, `<ListBucketResult xmlns="${NS}">${parts.join('')}</ListBucketResult>`, headers)
  }

  private async deleteMany(call: Call, bucket: string, headers: Record<string, string>): Promise<void> {
    const objects = this.store.objects(bucket)
    const xml = (await call.body()).toString('utf8')
    const quiet = /<Quiet>\s*true\s*<\/Quiet>/i.test(xml)
    const deleted: string[] = []
    for (const match of xml.matchAll(/<Object>\s*<Key>([\s\S]*?)<\/Key>[\s\S]*?<\/Object>/g)) {
      const key = xmlUnescape(match[1] ?? '')
      objects.delete(key)
      if (!quiet) deleted.push(`<Deleted><Key>${xmlEscape(key)}</Key></Deleted>`)
    }
    sendXml(call.res, 200, `<DeleteResult xmlns="${NS}">${deleted.join('')}</DeleteResult>`, headers)
  }
}

/**
 * Undoes `aws-chunked` content encoding: what the SDK sends when it streams a body with a trailing checksum
 * (its default for uploads unless AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED).
 */
export function decodeBody(call: Call, raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const encoding = String(call.headers['content-encoding'] ?? '')
  const sha = String(call.headers['x-amz-content-sha256'] ?? '')
  if (!encoding.includes('aws-chunked') && !sha.startsWith('STREAMING-')) return { body: raw, trailers: {} }
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol === -1) throw new AwsError(400, 'IncompleteBody', 'The request body terminated unexpectedly')
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0] ?? '', 16)
    if (!Number.isFinite(size)) throw new AwsError(400, 'InvalidRequest', 'Invalid chunk size in aws-chunked body')
    at = eol + 2
    if (size === 0) break
    parts.push(raw.subarray(at, at + size))
    at += size + 2
  }
  const trailers: Record<string, string> = {}
  for (const line of raw.subarray(at).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { body: Buffer.concat(parts), trailers }
}
