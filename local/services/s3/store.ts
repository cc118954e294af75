import { createHash } from 'node:crypto'
import { AwsError } from '../common/protocol.js'

export interface S3Object {
  key: string
  body: Buffer
  /** Quoted MD5 of the body, as S3 reports single-part uploads. */
  etag: string
  contentType: string
  lastModified: Date
  metadata: Record<string, string>
  /**
   * The store's write counter when this object was written: a rewrite with the same bytes keeps the ETag but not
   * this, so a test can tell "not written again" from "written again, same content" (LastModified has only
   * millisecond precision).
   */
  sequence: number
}

/** The buckets, in memory; the knowledge base emulator reads them directly when a job scans its data source. */
export class S3Store {
  private buckets = new Map<string, Map<string, S3Object>>()
  private writes = 0

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
      metadata,
      sequence: ++this.writes
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

  /** Objects under `prefix`, in key order (S3 lists in UTF-8 binary order). */
  list(bucket: string, prefix = ''): S3Object[] {
    return [...this.objects(bucket).values()]
      .filter((o) => o.key.startsWith(prefix))
      .sort((a, b) => compareKeys(a.key, b.key))
  }
}

// Below U+D800, UTF-16 code units order strings as their UTF-8 bytes do; above, surrogates do not.
const BEYOND_PLAIN_ORDER = /[\uD800-\uFFFF]/

/** S3's order: the keys' UTF-8 bytes. Compared as strings when that gives the same order (it is the hot path). */
export function compareKeys(a: string, b: string): number {
  if (!BEYOND_PLAIN_ORDER.test(a) && !BEYOND_PLAIN_ORDER.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a), Buffer.from(b))
}
