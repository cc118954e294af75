import type { Faults } from '../faults/faults.js'
import type { S3Object, S3Store } from '../s3/store.js'
import type { DataSource, Plan, PlanItem } from './model.js'
import { termCounts, type IndexedDocument, type MetadataValue } from './retrieval.js'

const METADATA_SUFFIX = '.metadata.json'
const METADATA_MAX_BYTES = 10 * 1024
const TEXT_TYPES = new Set(['txt', 'md', 'markdown', 'csv', 'html', 'htm', 'json'])
// Formats Bedrock parses that this emulator cannot read: indexed, but without searchable text.
const OPAQUE_TYPES = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx'])

function extension(key: string): string {
  return /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? ''
}

/** What a job reads and how it judges documents. */
export interface IngestionContext {
  s3: S3Store
  faults: Faults
  maxDocumentBytes: number
}

/**
 * What the job scans, decided when it starts: the data source's objects at that moment, diffed against the
 * index. Files that land later belong to the next job, as with Bedrock.
 */
export function planJob(ds: DataSource, context: IngestionContext): Plan {
  const objects = new Map<string, S3Object>()
  for (const prefix of ds.prefixes.length > 0 ? ds.prefixes : ['']) {
    for (const o of context.s3.list(ds.bucket, prefix)) if (!o.key.endsWith('/')) objects.set(o.key, o)
  }
  const sources = [...objects.keys()].filter((k) => !k.endsWith(METADATA_SUFFIX)).sort()
  const sidecars = [...objects.keys()].filter((k) => k.endsWith(METADATA_SUFFIX))
  const items = sources.map((key) =>
    planItem(ds, objects.get(key) as S3Object, objects.get(`${key}${METADATA_SUFFIX}`), context)
  )
  const sourceSet = new Set(sources)
  return {
    items,
    orphanMetadata: sidecars.filter((k) => !sourceSet.has(k.slice(0, -METADATA_SUFFIX.length))).length,
    deletions: [...ds.index.keys()].filter((k) => !sourceSet.has(k))
  }
}

function planItem(
  ds: DataSource,
  object: S3Object,
  sidecar: S3Object | undefined,
  context: IngestionContext
): PlanItem {
  const item: PlanItem = { key: object.key, kind: 'unchanged', hasMetadata: sidecar !== undefined }
  const failure = context.faults.documentFailure(object.key) ?? invalid(object, sidecar, context.maxDocumentBytes)
  if (failure !== undefined) return { ...item, kind: 'failed', reason: failure }
  const doc = indexedDocument(ds, object, sidecar)
  const old = ds.index.get(object.key)
  if (old === undefined) return { ...item, kind: 'new', doc }
  if (old.etag !== object.etag) return { ...item, kind: 'modified', doc }
  if (old.metadataEtag !== sidecar?.etag) return { ...item, kind: 'metadata', doc }
  return item
}

/** Why Bedrock would fail this document, if it would. */
export function invalid(object: S3Object, sidecar: S3Object | undefined, maxBytes: number): string | undefined {
  if (object.body.length > maxBytes) {
    return `File size of ${object.body.length} bytes exceeds the limit of ${maxBytes} bytes.`
  }
  const ext = extension(object.key)
  if (!TEXT_TYPES.has(ext) && !OPAQUE_TYPES.has(ext)) return `File format .${ext || '(none)'} is not supported.`
  if (TEXT_TYPES.has(ext)) {
    const why = unreadableText(object.body, ext)
    if (why !== undefined) return why
  }
  if (sidecar !== undefined) {
    if (sidecar.body.length > METADATA_MAX_BYTES) return `Metadata file exceeds ${METADATA_MAX_BYTES} bytes.`
    try {
      parseMetadata(sidecar.body)
    } catch (err) {
      return `Metadata file is invalid: ${(err as Error).message}`
    }
  }
  return undefined
}

function unreadableText(body: Buffer, ext: string): string | undefined {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  } catch {
    return 'File content is not valid UTF-8 text.'
  }
  if (ext !== 'json') return undefined
  try {
    JSON.parse(text)
  } catch (err) {
    return `File content is not valid JSON: ${(err as Error).message}`
  }
  return undefined
}

export function indexedDocument(ds: DataSource, object: S3Object, sidecar: S3Object | undefined): IndexedDocument {
  const ext = extension(object.key)
  let text = TEXT_TYPES.has(ext) ? object.body.toString('utf8') : ''
  if (ext === 'html' || ext === 'htm') text = text.replace(/<[^>]*>/g, ' ')
  return {
    dataSourceId: ds.id,
    key: object.key,
    uri: `s3://${ds.bucket}/${object.key}`,
    etag: object.etag,
    metadataEtag: sidecar?.etag,
    text,
    metadata: sidecar ? parseMetadata(sidecar.body) : {},
    terms: termCounts(text)
  }
}

/** `{"metadataAttributes": {...}}`, values plain (string, number, boolean, string list) or Bedrock's typed form. */
export function parseMetadata(body: Buffer): Record<string, MetadataValue> {
  const parsed = JSON.parse(body.toString('utf8')) as { metadataAttributes?: unknown }
  const attrs = parsed?.metadataAttributes
  if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs))
    throw new Error('metadataAttributes must be an object')
  const out: Record<string, MetadataValue> = {}
  for (const [name, raw] of Object.entries(attrs as Record<string, unknown>)) {
    let value = raw
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
      const typed = (value as { value: Record<string, unknown> }).value
      value = typed.stringValue ?? typed.numberValue ?? typed.booleanValue ?? typed.stringListValue
    }
    const ok =
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    if (!ok) throw new Error(`attribute ${name} must be a string, number, boolean or list of strings`)
    out[name] = value as MetadataValue
  }
  return out
}

/** What a job that reached COMPLETE does to the index. */
export function applyPlan(ds: DataSource, plan: Plan): void {
  for (const item of plan.items) if (item.doc !== undefined) ds.index.set(item.key, item.doc)
  for (const key of plan.deletions) ds.index.delete(key)
}
