import type {
  Bucket,
  CopyObjectResult,
  Delete,
  DeletedObject,
  DeleteObjectsOutput,
  ListBucketsOutput,
  ObjectIdentifier
} from '@aws-sdk/client-s3'
import { AwsError, type Call } from '../common/protocol.js'
import type { Unchecked, Wire } from '../common/wire.js'
import { parseXml, sendXml, type XmlDocument } from '../common/xml.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle, type PrincipalOf } from '../gateway/service.js'
import { uploadedBody } from './chunked.js'
import { listing } from './listing.js'
import type { S3Store } from './store.js'

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

const STYLE: FaultStyle = {
  service: 's3',
  throttle: () => new AwsError(503, 'SlowDown', 'Please reduce your request rate.'),
  denied: (message) => new AwsError(403, 'AccessDenied', message),
  iamAction: (op) => IAM_ACTIONS[op] ?? `s3:${op}`
}

const LIST_V1_PARAMETERS = ['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type']

/** The operation a path-style request names: by method, by whether it has a key, and by its query string. */
function operationOf(call: Call, bucket: string, key: string): string {
  const q = call.url.searchParams
  const m = call.method
  if (bucket === '') return 'ListBuckets'
  if (key === '') {
    if (m === 'PUT') return 'CreateBucket'
    if (m === 'HEAD') return 'HeadBucket'
    if (m === 'DELETE') return 'DeleteBucket'
    if (m === 'POST' && q.has('delete')) return 'DeleteObjects'
    if (m === 'GET' && q.get('list-type') === '2') return 'ListObjectsV2'
    if (m === 'GET' && q.has('location')) return 'GetBucketLocation'
    if (m === 'GET' && [...q.keys()].every((k) => LIST_V1_PARAMETERS.includes(k))) return 'ListObjects'
    return 'UnsupportedBucketOperation'
  }
  if (m === 'PUT') return call.headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject'
  if (m === 'GET') return 'GetObject'
  if (m === 'HEAD') return 'HeadObject'
  if (m === 'DELETE') return 'DeleteObject'
  return 'UnsupportedObjectOperation'
}

function address(call: Call): { bucket: string; key: string } {
  const path = call.url.pathname
  const host = String(call.headers.host ?? '')
  const virtual = /^([a-z0-9][a-z0-9.-]*[a-z0-9])\.(localhost|127\.0\.0\.1)(:\d+)?$/.exec(host)
  if (virtual?.[1]) return { bucket: virtual[1], key: decodeURIComponent(path.slice(1)) }
  const slash = path.indexOf('/', 1)
  if (slash === -1) return { bucket: decodeURIComponent(path.slice(1)), key: '' }
  return { bucket: decodeURIComponent(path.slice(1, slash)), key: decodeURIComponent(path.slice(slash + 1)) }
}

function unquoted(etag: string): string {
  return etag.trim().replace(/^"|"$/g, '')
}

function noSuchKey(key: string): AwsError {
  return new AwsError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key })
}

/** DeleteObjects' `<Delete>` body, as parsed: the keys (`Object` elements) and whether to answer `Quiet`ly. */
type DeleteRequest = Unchecked<Pick<Delete, 'Quiet'>> & { Object?: Unchecked<ObjectIdentifier>[] }

function deleteRequest(body: Buffer): DeleteRequest | undefined {
  try {
    return parseXml(body.toString('utf8'), ['Object']).Delete as DeleteRequest | undefined
  } catch {
    throw new AwsError(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema'
    )
  }
}

/** A request as the operations see it: where it is addressed, and the headers every S3 answer carries. */
interface S3Request {
  call: Call
  bucket: string
  key: string
  headers: Record<string, string>
}

/**
 * A path-style S3 REST endpoint over `S3Store`: the operations a sync Lambda and its tests use (Put, Get, Head,
 * Delete, DeleteObjects, Copy, ListObjectsV2/ListObjects, bucket create/head/delete/list). Clients reach it
 * path-style on their own: the SDK never uses virtual-hosted addressing with an IP-address endpoint.
 */
export class S3Service extends FaultedService {
  readonly name = 's3'

  constructor(
    readonly store: S3Store,
    faults: Faults,
    principalOf: PrincipalOf
  ) {
    super(faults, STYLE, principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    const headers = { 'x-amz-request-id': call.requestId, 'x-amz-id-2': call.requestId, ...err.headers }
    if (call.method === 'HEAD') {
      call.res.writeHead(err.status, headers)
      call.res.end()
      return
    }
    const error = {
      Code: err.code,
      Message: err.message,
      ...err.fields,
      RequestId: call.requestId,
      HostId: call.requestId
    }
    sendXml(call.res, err.status, { Error: error }, headers)
  }

  async handle(call: Call): Promise<void> {
    const { bucket, key } = address(call)
    const op = operationOf(call, bucket, key)
    await this.admit(call, op, {
      resource: () => (key === '' ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`),
      key: () => key
    })
    const headers = { 'x-amz-request-id': call.requestId, 'x-amz-id-2': call.requestId }
    await this.execute(op, { call, bucket, key, headers })
  }

  private async execute(op: string, r: S3Request): Promise<void> {
    switch (op) {
      case 'ListBuckets':
        return this.listBuckets(r)
      case 'CreateBucket':
        return this.createBucket(r)
      case 'HeadBucket':
        this.store.objects(r.bucket)
        return this.empty(r, 200, { 'x-amz-bucket-region': 'us-east-1' })
      case 'DeleteBucket':
        return this.deleteBucket(r)
      case 'GetBucketLocation':
        this.store.objects(r.bucket)
        return this.xml(r, { LocationConstraint: { '@_xmlns': NS } })
      case 'ListObjectsV2':
      case 'ListObjects': {
        const objects = this.store.list(r.bucket, r.call.url.searchParams.get('prefix') ?? '')
        const result = listing(r.bucket, objects, r.call.url.searchParams, op === 'ListObjectsV2')
        return this.xml(r, { ListBucketResult: { '@_xmlns': NS, ...result } })
      }
      case 'DeleteObjects':
        return this.deleteObjects(r)
      case 'PutObject':
        return this.putObject(r)
      case 'CopyObject':
        return this.copyObject(r)
      case 'GetObject':
      case 'HeadObject':
        return this.getObject(r, op === 'HeadObject')
      case 'DeleteObject':
        return this.deleteObject(r)
      default: {
        const { method, url } = r.call
        throw new AwsError(
          501,
          'NotImplemented',
          `The local S3 does not implement ${method} ${url.pathname}${url.search}`
        )
      }
    }
  }

  private xml(r: S3Request, document: XmlDocument): void {
    sendXml(r.call.res, 200, document, r.headers)
  }

  private empty(r: S3Request, status: number, headers: Record<string, string | number> = {}): void {
    r.call.res.writeHead(status, { ...r.headers, ...headers })
    r.call.res.end()
  }

  private listBuckets(r: S3Request): void {
    const buckets = this.store
      .bucketNames()
      .map((name): Wire<Bucket> => ({ Name: name, CreationDate: '2025-01-01T00:00:00.000Z' }))
    // The one wrapped list here: each bucket is a <Bucket> inside <Buckets>.
    const result: Omit<Wire<ListBucketsOutput>, 'Buckets'> & { Buckets: { Bucket: Wire<Bucket>[] } } = {
      Owner: { ID: 'local' },
      Buckets: { Bucket: buckets }
    }
    this.xml(r, { ListAllMyBucketsResult: { '@_xmlns': NS, ...result } })
  }

  private createBucket(r: S3Request): void {
    if (!this.store.createBucket(r.bucket)) {
      throw new AwsError(
        409,
        'BucketAlreadyOwnedByYou',
        'Your previous request to create the named bucket succeeded and you already own it.',
        { BucketName: r.bucket }
      )
    }
    this.empty(r, 200, { Location: `/${r.bucket}`, 'Content-Length': 0 })
  }

  private deleteBucket(r: S3Request): void {
    if (this.store.objects(r.bucket).size > 0) {
      throw new AwsError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', {
        BucketName: r.bucket
      })
    }
    this.store.deleteBucket(r.bucket)
    this.empty(r, 204)
  }

  private async putObject(r: S3Request): Promise<void> {
    this.store.objects(r.bucket)
    const body = await uploadedBody(r.call)
    const metadata: Record<string, string> = {}
    for (const [name, value] of Object.entries(r.call.headers)) {
      if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice(11)] = value
    }
    const contentType = String(r.call.headers['content-type'] ?? 'binary/octet-stream')
    const object = this.store.put(r.bucket, r.key, body, contentType, metadata)
    this.empty(r, 200, { ETag: object.etag, 'Content-Length': 0 })
  }

  private copyObject(r: S3Request): void {
    const source = decodeURIComponent(String(r.call.headers['x-amz-copy-source']).replace(/^\//, ''))
    const slash = source.indexOf('/')
    const from = this.store.get(source.slice(0, slash), source.slice(slash + 1).split('?')[0] ?? '')
    if (from === undefined) throw noSuchKey(source)
    const object = this.store.put(r.bucket, r.key, from.body, from.contentType, { ...from.metadata })
    const result: Wire<CopyObjectResult> = { LastModified: object.lastModified.toISOString(), ETag: object.etag }
    this.xml(r, { CopyObjectResult: result })
  }

  private getObject(r: S3Request, head: boolean): void {
    const object = this.store.get(r.bucket, r.key)
    if (object === undefined) throw noSuchKey(r.key)
    const meta = Object.fromEntries(Object.entries(object.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v]))
    let body = object.body
    let status = 200
    const extra: Record<string, string> = {}
    const range = /^bytes=(\d*)-(\d*)$/.exec(String(r.call.headers.range ?? ''))
    if (range && !head) {
      const size = object.body.length
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1])
      const end = range[1] !== '' && range[2] !== '' ? Math.min(Number(range[2]), size - 1) : size - 1
      if (start >= size) throw new AwsError(416, 'InvalidRange', 'The requested range is not satisfiable')
      body = object.body.subarray(start, end + 1)
      status = 206
      extra['Content-Range'] = `bytes ${start}-${end}/${size}`
    }
    r.call.res.writeHead(status, {
      ...r.headers,
      ...meta,
      ...extra,
      ETag: object.etag,
      'Last-Modified': object.lastModified.toUTCString(),
      'Content-Type': object.contentType,
      'Content-Length': body.length,
      'Accept-Ranges': 'bytes'
    })
    r.call.res.end(head ? undefined : body)
  }

  /**
   * A conditional delete (`If-Match: <etag>` or `*`) is refused with 412 when the object changed and 404 when it is
   * gone, as S3 answers it; an unconditional one succeeds whether or not the key exists.
   */
  private deleteObject(r: S3Request): void {
    const objects = this.store.objects(r.bucket)
    const ifMatch = r.call.headers['if-match']
    if (typeof ifMatch === 'string') {
      const object = objects.get(r.key)
      if (object === undefined) throw noSuchKey(r.key)
      if (ifMatch.trim() !== '*' && unquoted(ifMatch) !== unquoted(object.etag)) {
        throw new AwsError(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
          Condition: 'If-Match'
        })
      }
    }
    objects.delete(r.key)
    this.empty(r, 204)
  }

  private async deleteObjects(r: S3Request): Promise<void> {
    const objects = this.store.objects(r.bucket)
    const request = deleteRequest(await r.call.body())
    const quiet =
      String(request?.Quiet ?? '')
        .trim()
        .toLowerCase() === 'true'
    const deleted: DeletedObject[] = []
    for (const { Key } of request?.Object ?? []) {
      if (typeof Key !== 'string') continue
      objects.delete(Key)
      if (!quiet) deleted.push({ Key })
    }
    const result: Wire<DeleteObjectsOutput> = { Deleted: deleted }
    this.xml(r, { DeleteResult: { '@_xmlns': NS, ...result } })
  }
}
