import { createHash } from 'node:crypto'
import type { RenderedDocument } from './document.js'

/** What identifies one rendering of an incident: its content hash, and the MD5s S3 reports as plain ETags. */
export interface Fingerprint {
  /** SHA-256 of the document and its sidecar together; recorded as `kb_sync_status.content_sha256`. */
  sha256: string
  bodyMd5: string
  metadataMd5: string
}

export function fingerprint(doc: RenderedDocument): Fingerprint {
  return {
    // The NUL keeps "ab"+"c" and "a"+"bc" apart; neither part can contain one (both are JSON).
    sha256: createHash('sha256').update(doc.body).update('\0').update(doc.metadata).digest('hex'),
    bodyMd5: md5(doc.body),
    metadataMd5: md5(doc.metadata)
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex')
}

/** An ETag without its quotes, lower case: S3 quotes them, and some tools do not. */
export function bareEtag(etag: string | undefined): string | undefined {
  if (etag === undefined) return undefined
  const bare = etag.trim().replace(/^"|"$/g, '').toLowerCase()
  return bare === '' ? undefined : bare
}
