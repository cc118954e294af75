import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3'
import { METADATA_SUFFIX } from './document.js'

const DOCUMENT_SUFFIX = '.json'
const PAGE_SIZE = 1000

/** One incident's place in the listing: its document and sidecar keys, and those of them that were listed. */
export interface Entry {
  /** The incident id the key names (`{prefix}{id}.json`); the key of an id with `/` names `_` instead. */
  id: string
  docKey: string
  sidecarKey: string
  /** Listed, with the ETag the listing gave. */
  doc?: { etag: string | undefined }
  sidecar?: { etag: string | undefined }
}

interface Slot {
  /** The key (or common prefix) as listed; the cursor may stop after it. */
  key: string
  done: boolean
}

interface Pending {
  entry: Entry
  slots: Slot[]
}

/**
 * The sweep's walk through the keys directly under the prefix, from a cursor, in S3's order (UTF-8 bytes).
 * Keys group into entries, a document and its sidecar; an entry is handed out once both could have been listed, so
 * a page that ends between the two is followed by the next page first. Keys in "subfolders" (with a `/` after the
 * prefix) are rolled up by the delimiter: this Lambda never writes there.
 *
 * `cursor()` is the last key before the first entry not yet `finish`ed: the next invocation resumes there, so an
 * entry cut short by the deadline is looked at again.
 */
export class SweepListing {
  private readonly slots: Slot[] = []
  private readonly byDocKey = new Map<string, Pending>()
  private readonly queue: Pending[] = []
  private token: string | undefined
  private lastListed: string
  private ended = false
  /** List requests made, and keys and prefixes they returned. */
  pages = 0
  listed = 0

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly after: string
  ) {
    this.lastListed = after
  }

  /** The listing reached the end of the prefix and every entry was handed out. */
  get exhausted(): boolean {
    return this.ended && this.queue.length === 0
  }

  /** Up to `max` entries ready to check, in key order; none when the listing is exhausted. */
  async next(max: number, abortSignal?: AbortSignal): Promise<Entry[]> {
    while (this.ready() < max && !this.ended) await this.fetchPage(abortSignal)
    return this.queue.splice(0, Math.min(max, this.ready())).map((p) => p.entry)
  }

  /** The entry has been dealt with: the cursor may move past it. */
  finish(entry: Entry): void {
    const pending = this.byDocKey.get(entry.docKey)
    if (pending === undefined) return
    for (const slot of pending.slots) slot.done = true
    this.byDocKey.delete(entry.docKey)
  }

  /** Where the next walk resumes: after the last key before the first entry not finished. */
  cursor(): string {
    let last = this.after
    for (const slot of this.slots) {
      if (!slot.done) break
      last = slot.key
    }
    return last
  }

  /** Entries at the front of the queue whose keys have all been listed. */
  private ready(): number {
    let n = 0
    for (const p of this.queue) {
      if (!this.ended && p.entry.sidecar === undefined && compareKeys(this.lastListed, p.entry.sidecarKey) < 0) break
      n++
    }
    return n
  }

  private async fetchPage(abortSignal?: AbortSignal): Promise<void> {
    const page = await this.s3.send(
      new ListObjectsV2Command({
        Bucket: this.bucket,
        Prefix: this.prefix,
        Delimiter: '/',
        MaxKeys: PAGE_SIZE,
        ...(this.token !== undefined
          ? { ContinuationToken: this.token }
          : this.after !== ''
            ? { StartAfter: this.after }
            : {})
      }),
      { abortSignal }
    )
    this.pages++
    const listed: { key: string; etag?: string; rolledUp: boolean }[] = [
      ...(page.Contents ?? []).flatMap((o) =>
        o.Key === undefined ? [] : [{ key: o.Key, etag: o.ETag, rolledUp: false }]
      ),
      // A common prefix stands for every key under it; resuming after it must skip them all.
      ...(page.CommonPrefixes ?? []).flatMap((p) =>
        p.Prefix === undefined ? [] : [{ key: `${p.Prefix}\uffff`, rolledUp: true }]
      )
    ].sort((a, b) => compareKeys(a.key, b.key))
    for (const item of listed) this.add(item.key, item.etag, item.rolledUp)
    this.listed += listed.length
    const last = listed.at(-1)
    if (last !== undefined) this.lastListed = last.key
    this.token = page.IsTruncated === true ? page.NextContinuationToken : undefined
    if (this.token === undefined) this.ended = true
  }

  private add(key: string, etag: string | undefined, rolledUp: boolean): void {
    const slot: Slot = { key, done: false }
    this.slots.push(slot)
    const entry = rolledUp ? undefined : this.entryFor(key)
    if (entry === undefined) {
      slot.done = true
      return
    }
    let pending = this.byDocKey.get(entry.docKey)
    if (pending === undefined) {
      pending = { entry, slots: [] }
      this.byDocKey.set(entry.docKey, pending)
      this.queue.push(pending)
    }
    pending.slots.push(slot)
    if (key === entry.docKey) pending.entry.doc = { etag }
    else pending.entry.sidecar = { etag }
  }

  /** The entry a key belongs to, or undefined for a key this Lambda never writes. */
  private entryFor(key: string): Entry | undefined {
    if (!key.startsWith(this.prefix)) return undefined
    const docKey = key.endsWith(`${DOCUMENT_SUFFIX}${METADATA_SUFFIX}`) ? key.slice(0, -METADATA_SUFFIX.length) : key
    const name = docKey.slice(this.prefix.length)
    if (!name.endsWith(DOCUMENT_SUFFIX) || name.length === DOCUMENT_SUFFIX.length || name.includes('/')) {
      return undefined
    }
    return { id: name.slice(0, -DOCUMENT_SUFFIX.length), docKey, sidecarKey: `${docKey}${METADATA_SUFFIX}` }
  }
}

// Below U+D800, UTF-16 code units order strings as their UTF-8 bytes do; above, surrogates do not.
const BEYOND_PLAIN_ORDER = /[\uD800-\uFFFF]/

/** S3 lists keys in the order of their UTF-8 bytes, which is not always that of JavaScript's UTF-16 strings. */
export function compareKeys(a: string, b: string): number {
  if (!BEYOND_PLAIN_ORDER.test(a) && !BEYOND_PLAIN_ORDER.test(b)) return a < b ? -1 : a > b ? 1 : 0
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}
