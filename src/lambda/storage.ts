import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client
} from '@aws-sdk/client-s3'
import type { RenderedDocument } from './document.js'

/**
 * User metadata (`x-amz-meta-kb-sync-incident`) on every object this Lambda writes, holding the incident id
 * (URI-encoded: header values are ASCII). Only objects that carry it, or that an existing incident's
 * `kb_sync_status.s3_key` names, are ever deleted: other files under the prefix are not this Lambda's.
 */
export const OWNER_METADATA = 'kb-sync-incident'

/** The ETags S3 answered for the two writes (undefined if it sent none). */
export interface Written {
  etag: string | undefined
  metadataEtag: string | undefined
}

/**
 * Writes the metadata sidecar first, then the document: an ingestion job that runs in between then sees either
 * nothing new or the document together with its metadata, never a document indexed without its attributes.
 */
export async function writeDocument(
  s3: S3Client,
  bucket: string,
  doc: RenderedDocument,
  incidentId: string,
  abortSignal?: AbortSignal
): Promise<Written> {
  const metadata = { [OWNER_METADATA]: encodeURIComponent(incidentId) }
  const sidecar = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: doc.metadataKey,
      Body: doc.metadata,
      ContentType: 'application/json',
      Metadata: metadata
    }),
    { abortSignal }
  )
  const document = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: doc.key,
      Body: doc.body,
      ContentType: 'application/json',
      Metadata: metadata
    }),
    { abortSignal }
  )
  return { etag: document.ETag, metadataEtag: sidecar.ETag }
}

/** `deleted`: this call removed it; `gone`: it was not there (someone else removed it); `changed`: rewritten since. */
export type DeleteOutcome = 'deleted' | 'gone' | 'changed'

/**
 * A conditional delete (`If-Match`): only the version that was looked at (an ETag), or whatever is there (`*`).
 * Of two invocations deleting the same object exactly one hears `deleted`, which is what lets them count a
 * removal once; and a document rewritten since it was listed is left alone.
 */
export async function deleteObject(
  s3: S3Client,
  bucket: string,
  key: string,
  ifMatch: string,
  abortSignal?: AbortSignal
): Promise<DeleteOutcome> {
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, IfMatch: ifMatch }), { abortSignal })
    return 'deleted'
  } catch (err) {
    if (isNotFound(err)) return 'gone'
    // 409: a concurrent write or delete of the same key won; look again next time.
    if (statusOf(err) === 412 || statusOf(err) === 409 || (err as Error).name === 'PreconditionFailed') return 'changed'
    if (isDenied(err) && !(await probe(s3, bucket, key, abortSignal)).exists) return 'gone'
    throw err
  }
}

export type Ownership = { exists: false } | { exists: true; etag: string | undefined; incidentId: string | undefined }

/** Whether an object exists and, when this Lambda wrote it, for which incident. */
export async function ownerOf(
  s3: S3Client,
  bucket: string,
  key: string,
  abortSignal?: AbortSignal
): Promise<Ownership> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal })
    const marker = head.Metadata?.[OWNER_METADATA]
    return { exists: true, etag: head.ETag, incidentId: marker === undefined ? undefined : decode(marker) }
  } catch (err) {
    if (isNotFound(err)) return { exists: false }
    if (isDenied(err) && !(await probe(s3, bucket, key, abortSignal)).exists) return { exists: false }
    throw err
  }
}

/**
 * Whether a key exists, by listing it. S3 answers a read of a missing key with 404 only to a caller allowed to
 * list the whole bucket, and with 403 to one whose s3:ListBucket is limited to a prefix, as this Lambda's should
 * be; a listing of the key itself is allowed under that prefix and tells the two apart.
 */
export async function probe(
  s3: S3Client,
  bucket: string,
  key: string,
  abortSignal?: AbortSignal
): Promise<{ exists: boolean; etag?: string }> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }), { abortSignal })
  const first = page.Contents?.[0]
  return first?.Key === key
    ? { exists: true, ...(first.ETag !== undefined ? { etag: first.ETag } : {}) }
    : { exists: false }
}

export function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
}

export function isNotFound(err: unknown): boolean {
  const name = (err as Error).name
  return statusOf(err) === 404 || name === 'NoSuchKey' || name === 'NotFound'
}

export function isDenied(err: unknown): boolean {
  return statusOf(err) === 403 || (err as Error).name === 'AccessDenied'
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}
