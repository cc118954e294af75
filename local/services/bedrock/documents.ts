/**
 * Direct ingestion into an S3 data source: documents sent by name (IngestKnowledgeBaseDocuments,
 * DeleteKnowledgeBaseDocuments) and their status (GetKnowledgeBaseDocuments, ListKnowledgeBaseDocuments).
 *
 * Each document is decided when its call is accepted — the object and its metadata are read then, as a job reads
 * the data source when it starts — and the outcome shows after `documentDurationMs` on the stack's clock: STARTING,
 * IN_PROGRESS, then INDEXED or FAILED (a deletion: DELETING, DELETE_IN_PROGRESS, then gone). As with jobs, states
 * are a function of the clock and the index changes when a request settles them.
 */
import type { DocumentStatus, KnowledgeBaseDocumentDetail } from '@aws-sdk/client-bedrock-agent'
import { isoTime } from '../common/ids.js'
import type { Wire } from '../common/wire.js'
import type { Faults } from '../faults/faults.js'
import type { S3Object, S3Store } from '../s3/store.js'
import { parseS3Uri, type IngestItem } from './document-requests.js'
import { indexedDocument, invalid } from './ingestion.js'
import type { DataSource, DocumentAction, DocumentOperation, Plan } from './model.js'

export type DocumentDetail = Wire<KnowledgeBaseDocumentDetail>

/** What deciding a document needs: the buckets, the fault hooks, Bedrock's size limit, the clock's now. */
export interface DocumentContext {
  s3: S3Store
  faults: Faults
  maxDocumentBytes: number
  durationMs: number
  now: number
}

const endOf = (op: DocumentOperation): number => op.acceptedAt + op.durationMs
const startingEndOf = (op: DocumentOperation): number => op.acceptedAt + Math.floor(op.durationMs / 5)

/** The object key a URI names in this data source's bucket, whatever the prefixes. */
function keyIn(ds: DataSource, uri: string): string | undefined {
  const address = parseS3Uri(uri)
  return address?.bucket === ds.bucket ? address.key : undefined
}

function uriOf(ds: DataSource, key: string): string {
  return `s3://${ds.bucket}/${key}`
}

function read(s3: S3Store, uri: string): S3Object | undefined {
  const address = parseS3Uri(uri)
  if (address === undefined || !s3.hasBucket(address.bucket)) return undefined
  return s3.get(address.bucket, address.key)
}

/** Why Bedrock would fail this document, or what it indexes: read now, shown when processing ends. */
function decideIngest(
  ds: DataSource,
  item: IngestItem,
  context: DocumentContext
): Pick<DocumentOperation, 'outcome' | 'reason' | 'doc'> {
  const failed = (reason: string): Pick<DocumentOperation, 'outcome' | 'reason'> => ({ outcome: 'FAILED', reason })
  const key = keyIn(ds, item.uri)
  if (key === undefined) {
    return failed(`The document ${item.uri} is not in the data source's bucket (s3://${ds.bucket}).`)
  }
  const prefixes = ds.prefixes.length > 0 ? ds.prefixes : ['']
  if (!prefixes.some((p) => key.startsWith(p))) {
    return failed(`The document ${item.uri} is outside the data source's inclusion prefixes (${prefixes.join(', ')}).`)
  }
  const object = read(context.s3, item.uri)
  if (object === undefined) return failed(`The document ${item.uri} was not found in Amazon S3.`)
  let sidecar: S3Object | undefined
  if (item.metadata.kind === 's3') {
    sidecar = read(context.s3, item.metadata.uri)
    // Metadata named explicitly and missing is an error, unlike a job's scan where a sidecar is optional.
    if (sidecar === undefined) return failed(`The metadata file ${item.metadata.uri} was not found in Amazon S3.`)
  }
  const reason = context.faults.documentFailure(key) ?? invalid(object, sidecar, context.maxDocumentBytes)
  if (reason !== undefined) return failed(reason)
  const doc = indexedDocument(ds, object, sidecar)
  if (item.metadata.kind === 'inline') doc.metadata = item.metadata.attributes
  return { outcome: 'INDEXED', doc: { ...doc, direct: true } }
}

function record(ds: DataSource, op: DocumentOperation): void {
  ds.documents.set(op.uri, op)
  ds.documentLog.push(op)
}

/** IngestKnowledgeBaseDocuments, accepted: each document supersedes whatever was under way for its URI. */
export function acceptIngest(ds: DataSource, items: IngestItem[], context: DocumentContext): void {
  for (const item of items) {
    record(ds, {
      uri: item.uri,
      key: keyIn(ds, item.uri),
      action: 'ingest',
      acceptedAt: context.now,
      durationMs: context.durationMs,
      applied: false,
      ...decideIngest(ds, item, context)
    })
  }
}

/** DeleteKnowledgeBaseDocuments, accepted: a document that is not there is deleted all the same (it stays gone). */
export function acceptDelete(ds: DataSource, uris: string[], context: DocumentContext): void {
  for (const uri of uris) {
    record(ds, {
      uri,
      key: keyIn(ds, uri),
      action: 'delete',
      acceptedAt: context.now,
      durationMs: context.durationMs,
      outcome: 'NOT_FOUND',
      applied: false
    })
  }
}

/** Whether any document of the data source is still being processed. */
export function documentsInFlight(ds: DataSource, now: number): DocumentOperation[] {
  return [...ds.documents.values()].filter((op) => now < endOf(op))
}

/** The changes to the index that time has made due, each at its moment, for `Bedrock.settle` to order with jobs'. */
export function dueDocuments(ds: DataSource, now: number): { at: number; apply: () => void }[] {
  return [...ds.documents.values()]
    .filter((op) => !op.applied && now >= endOf(op))
    .map((op) => ({
      at: endOf(op),
      apply: () => {
        op.applied = true
        if (op.key === undefined) return
        if (op.action === 'ingest' && op.doc !== undefined) ds.index.set(op.key, op.doc)
        if (op.action === 'delete') ds.index.delete(op.key)
      }
    }))
}

/** A job that completed has indexed or removed these documents: an older direct failure no longer describes them. */
export function forgetFailuresJudgedBy(ds: DataSource, plan: Plan): void {
  const judged = [...plan.items.filter((i) => i.kind !== 'failed').map((i) => i.key), ...plan.deletions]
  for (const key of judged) {
    const op = ds.documents.get(uriOf(ds, key))
    if (op?.applied && op.outcome === 'FAILED') ds.documents.delete(op.uri)
  }
}

/** One operation's own timeline: its working states, then its outcome. */
function operationState(
  op: DocumentOperation,
  now: number
): { status: DocumentStatus; reason?: string; updatedAt: number } {
  const ingest = op.action === 'ingest'
  if (now < startingEndOf(op)) return { status: ingest ? 'STARTING' : 'DELETING', updatedAt: op.acceptedAt }
  if (now < endOf(op)) return { status: ingest ? 'IN_PROGRESS' : 'DELETE_IN_PROGRESS', updatedAt: startingEndOf(op) }
  return { status: op.outcome, reason: op.reason, updatedAt: endOf(op) }
}

function detail(
  ds: DataSource,
  uri: string,
  state: { status: DocumentStatus; reason?: string; updatedAt?: number }
): DocumentDetail {
  return {
    knowledgeBaseId: ds.kbId,
    dataSourceId: ds.id,
    status: state.status,
    identifier: { dataSourceType: 'S3', s3: { uri } },
    ...(state.reason !== undefined ? { statusReason: state.reason } : {}),
    ...(state.updatedAt !== undefined ? { updatedAt: isoTime(state.updatedAt) } : {})
  }
}

/**
 * A document as GetKnowledgeBaseDocuments answers now: under way or failed by its newest operation; otherwise as
 * the index has it, whoever put it there (a job's documents are INDEXED too); NOT_FOUND when nothing knows it.
 */
export function documentDetail(ds: DataSource, uri: string, now: number): DocumentDetail {
  const op = ds.documents.get(uri)
  if (op !== undefined && (now < endOf(op) || op.outcome === 'FAILED')) return detail(ds, uri, operationState(op, now))
  const key = keyIn(ds, uri)
  const at = op !== undefined ? endOf(op) : undefined
  if (key !== undefined && ds.index.has(key)) {
    return detail(ds, uri, { status: 'INDEXED', updatedAt: op?.action === 'ingest' ? at : undefined })
  }
  return detail(ds, uri, { status: 'NOT_FOUND', updatedAt: at })
}

/** Every document the data source knows (indexed, under way, failed), by URI: ListKnowledgeBaseDocuments' order. */
export function knownDocuments(ds: DataSource, now: number): DocumentDetail[] {
  const uris = new Set([...[...ds.index.keys()].map((key) => uriOf(ds, key)), ...ds.documents.keys()])
  return [...uris]
    .sort()
    .map((uri) => documentDetail(ds, uri, now))
    .filter((d) => d.status !== 'NOT_FOUND')
}

/** The key under which a document call's client token is remembered: per operation, within the data source. */
export function tokenKey(action: DocumentAction, token: string): string {
  return `${action}\n${token}`
}

/** One document operation as the stack's inspection shows it. */
export interface DocumentOperationView {
  uri: string
  action: DocumentAction
  /** Where its own timeline stands (a superseded operation's end was never applied). */
  status: DocumentStatus
  statusReason?: string
  acceptedAt: string
  /** A later operation on the same URI took its place. */
  superseded: boolean
}

/** Every document operation accepted, in order, as it stands now. */
export function operationLog(ds: DataSource, now: number): DocumentOperationView[] {
  return ds.documentLog.map((op) => {
    const state = operationState(op, now)
    return {
      uri: op.uri,
      action: op.action,
      status: state.status,
      ...(state.reason !== undefined ? { statusReason: state.reason } : {}),
      acceptedAt: isoTime(op.acceptedAt),
      superseded: ds.documents.get(op.uri) !== op
    }
  })
}
