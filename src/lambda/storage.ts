import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { RenderedDocument } from './document.js'

/**
 * Writes the metadata sidecar first, then the document: an ingestion job that runs in between then sees either
 * nothing new or the document together with its metadata, never a document indexed without its attributes.
 */
export async function writeDocument(
  s3: S3Client,
  bucket: string,
  doc: RenderedDocument,
  abortSignal?: AbortSignal
): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: doc.metadataKey, Body: doc.metadata, ContentType: 'application/json' }),
    { abortSignal }
  )
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: doc.key, Body: doc.body, ContentType: 'application/json' }),
    { abortSignal }
  )
}
