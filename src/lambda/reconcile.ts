import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { S3Client } from '@aws-sdk/client-s3'
import type { SyncConfig } from './config.js'
import { renderDocument, type RenderedDocument } from './document.js'
import { bareEtag, fingerprint, type Fingerprint } from './fingerprint.js'
import type { Entry } from './listing.js'
import { toIncident } from './query.js'
import { claimRemoval, markUnsynced, raiseFence, recordRewrite } from './mark.js'
import { isClosed, syncStatusOf, type SyncStatus } from './status.js'
import { deleteObject, ownerOf, probe, writeDocument } from './storage.js'
import type { Incident } from './types.js'

/**
 * What one listed entry needs, decided from the listing and the item alone (no request):
 *
 * - `none`: S3 holds the incident's current rendering and `kb_sync_status` says so; or the incident is pending
 *   (CLOSED, not synced), which the batch takes care of;
 * - `adopt`: synced by an older version (no `content_sha256`) and S3 holds the current rendering: record the hash,
 *   write nothing;
 * - `record`: S3 holds the current rendering but `kb_sync_status` an older one (a rewrite that crashed before it
 *   was recorded, or one that another invocation is about to record);
 * - `rewrite`: the incident changed since it was written (or S3 holds something else);
 * - `remove`: the incident is no longer CLOSED;
 * - `unknown`: no incident renders to this key: it was deleted, or the object is not this Lambda's;
 * - `orphan`: a sidecar without its document.
 */
export type PlanKind = 'none' | 'adopt' | 'record' | 'rewrite' | 'remove' | 'unknown' | 'orphan'

export interface Plan {
  kind: PlanKind
  entry: Entry
  /** The incident whose document the key is, when one is. */
  item?: Incident
}

/** Plans that may change S3 or a count, and so use up the invocation's share of changes (BATCH_LIMIT). */
export function isChange(plan: Plan): boolean {
  return plan.kind !== 'none' && plan.kind !== 'adopt'
}

export function planEntry(entry: Entry, candidate: Incident | undefined, keyPrefix: string): Plan {
  // Ids that are not one path segment share a key with another id; the key belongs to the one it renders to.
  const item =
    candidate !== undefined && renderDocument(candidate, keyPrefix).key === entry.docKey ? candidate : undefined
  if (entry.doc === undefined) return { kind: 'orphan', entry, ...(item ? { item } : {}) }
  if (item === undefined) return { kind: 'unknown', entry }
  if (!isClosed(item)) return { kind: 'remove', entry, item }
  const status = syncStatusOf(item)
  if (status.synced !== true) return { kind: 'none', entry, item }
  const fp = fingerprint(renderDocument(item, keyPrefix))
  if (!inStep(entry, status, fp)) return { kind: 'rewrite', entry, item }
  if (status.contentSha256 === fp.sha256) return { kind: 'none', entry, item }
  return { kind: status.contentSha256 === undefined ? 'adopt' : 'record', entry, item }
}

/**
 * Whether S3 holds this rendering, document and sidecar. A plain ETag is the MD5 of the body; where it is not
 * (SSE-KMS, SSE-C), the ETag S3 answered when this rendering was written and recorded stands in for it.
 */
function inStep(entry: Entry, status: SyncStatus, fp: Fingerprint): boolean {
  const sameRendering = status.contentSha256 === fp.sha256
  const holds = (listed: string | undefined, md5: string, recorded: string | undefined): boolean => {
    const etag = bareEtag(listed)
    return etag !== undefined && (etag === md5 || (sameRendering && etag === bareEtag(recorded)))
  }
  return (
    holds(entry.doc?.etag, fp.bodyMd5, status.etag) &&
    entry.sidecar !== undefined &&
    holds(entry.sidecar.etag, fp.metadataMd5, status.metadataEtag)
  )
}

export interface ReconcileDeps {
  ddb: DynamoDBClient
  s3: S3Client
  config: SyncConfig
}

/** What acting on one plan came to. `updated` and `removed` are counted here and nowhere else. */
export interface Outcome {
  updated?: boolean
  removed?: boolean
  /** The object looked like a document but is not this Lambda's: left alone. */
  foreign?: boolean
}

/** Carries out a plan. Every step is conditional, so a crash or a concurrent invocation at any point converges. */
export async function act(plan: Plan, deps: ReconcileDeps, signal: AbortSignal): Promise<Outcome> {
  switch (plan.kind) {
    case 'none':
      return {}
    case 'adopt':
    case 'record':
      return { updated: (await recordListed(plan, deps, signal)) && plan.kind === 'record' }
    case 'rewrite':
      return rewrite(plan, deps, signal)
    case 'remove':
      return remove(plan, plan.item as Incident, deps, signal)
    case 'unknown':
      return unknown(plan, deps, signal)
    case 'orphan':
      return orphan(plan, deps, signal)
  }
}

/** S3 already holds the rendering: record it, conditional on the hash read, so one invocation counts it. */
function recordListed(plan: Plan, { ddb, config }: ReconcileDeps, signal: AbortSignal): Promise<boolean> {
  const item = plan.item as Incident
  const doc = renderDocument(item, config.keyPrefix)
  return recordRewrite(
    ddb,
    config.tableName,
    item,
    {
      s3Key: doc.key,
      contentSha256: fingerprint(doc).sha256,
      ...etags(plan.entry.doc?.etag, plan.entry.sidecar?.etag)
    },
    signal
  )
}

async function rewrite(plan: Plan, { ddb, s3, config }: ReconcileDeps, signal: AbortSignal): Promise<Outcome> {
  const item = plan.item as Incident
  const doc: RenderedDocument = renderDocument(item, config.keyPrefix)
  const written = await writeDocument(s3, config.bucketName, doc, item.incident_id, signal)
  const recorded = await recordRewrite(
    ddb,
    config.tableName,
    item,
    { s3Key: doc.key, contentSha256: fingerprint(doc).sha256, ...etags(written.etag, written.metadataEtag) },
    signal
  )
  // Not recorded: another invocation recorded this edit first (and counts it), or the incident was reopened,
  // which the next pass turns into a removal.
  return { updated: recorded }
}

/**
 * The document of an incident that is no longer CLOSED (or no longer exists) goes, with its sidecar. Pending again
 * first, so that closed again it is written again; the document before the sidecar, so that a job in between
 * never indexes the document without its metadata; then the fence, so that a batch that wrote it meanwhile
 * (closed again) does not mark a document the delete may have removed.
 */
async function remove(plan: Plan, item: Incident, deps: ReconcileDeps, signal: AbortSignal): Promise<Outcome> {
  const { entry } = plan
  const { ddb, s3, config } = deps
  let docEtag = entry.doc?.etag
  const status = syncStatusOf(item)
  if (status.s3Key !== entry.docKey) {
    // Never recorded as written (a batch raced with a reopening): ours only if it carries the marker.
    const owner = await ownerOf(s3, config.bucketName, entry.docKey, signal)
    if (!owner.exists) return {}
    if (owner.incidentId === undefined) return { foreign: true }
    docEtag = owner.etag ?? docEtag
  }
  if (status.synced === true && !(await claimRemoval(ddb, config.tableName, item.incident_id, signal))) {
    // Closed again (the next pass sees a synced incident), or another invocation claimed it first.
    return {}
  }
  return deleteBoth(entry, docEtag, item, item.incident_id, deps, signal)
}

/** Deletes the document, then its sidecar; whoever deletes the last of them counts the removal, once. */
async function deleteBoth(
  entry: Entry,
  docEtag: string | undefined,
  item: Incident | undefined,
  incidentId: string,
  { ddb, s3, config }: ReconcileDeps,
  signal: AbortSignal
): Promise<Outcome> {
  const document = await deleteObject(s3, config.bucketName, entry.docKey, ifMatch(docEtag), signal)
  // Rewritten since it was looked at: the next pass decides again.
  if (document === 'changed') return {}
  let counted = document === 'deleted'
  if (entry.sidecar !== undefined) {
    counted = (await deleteObject(s3, config.bucketName, entry.sidecarKey, '*', signal)) === 'deleted'
  }
  if (document === 'deleted') await raiseFence(ddb, config.tableName, item, incidentId, signal)
  return { removed: counted }
}

/** No incident renders to this key: this Lambda's document of a deleted incident, or someone else's file. */
async function unknown(plan: Plan, deps: ReconcileDeps, signal: AbortSignal): Promise<Outcome> {
  const { entry } = plan
  const owner = await ownerOf(deps.s3, deps.config.bucketName, entry.docKey, signal)
  if (!owner.exists) return {}
  if (owner.incidentId === undefined) return { foreign: true }
  // The marker names the incident; its id differs from the key's when the id is not one path segment.
  if (owner.incidentId !== entry.id) {
    const item = await getItem(deps.ddb, deps.config.tableName, owner.incidentId, signal)
    if (item !== undefined) {
      const again = planEntry({ ...entry, doc: { etag: owner.etag } }, item, deps.config.keyPrefix)
      if (again.kind !== 'unknown') return act(again, deps, signal)
    }
  }
  return deleteBoth(entry, owner.etag ?? entry.doc?.etag, undefined, owner.incidentId, deps, signal)
}

/**
 * A sidecar whose document was not listed. The document may be there after all (listed before the cursor, or
 * written since): then nothing to do. Gone, and the incident is CLOSED and synced, the incident is made pending
 * so the batch writes both again; otherwise the sidecar is a leftover of a removal cut short and goes.
 */
async function orphan(plan: Plan, deps: ReconcileDeps, signal: AbortSignal): Promise<Outcome> {
  const { entry } = plan
  const { s3, ddb, config } = deps
  if ((await probe(s3, config.bucketName, entry.docKey, signal)).exists) return {}
  let item = plan.item
  if (item === undefined || syncStatusOf(item).s3Key !== entry.docKey) {
    const owner = await ownerOf(s3, config.bucketName, entry.sidecarKey, signal)
    if (!owner.exists) return {}
    if (owner.incidentId === undefined) return { foreign: true }
    if (item === undefined && owner.incidentId !== entry.id) {
      const named = await getItem(ddb, config.tableName, owner.incidentId, signal)
      if (named !== undefined && renderDocument(named, config.keyPrefix).key === entry.docKey) item = named
    }
  }
  const synced = item !== undefined && syncStatusOf(item).synced === true
  if (item !== undefined && isClosed(item)) {
    if (synced) await markUnsynced(ddb, config.tableName, item, signal)
    return {}
  }
  // A document deleted by other means while its incident was reopened: pending again, so closing it writes it.
  if (item !== undefined && synced && !(await claimRemoval(ddb, config.tableName, item.incident_id, signal))) return {}
  const sidecar = await deleteObject(s3, config.bucketName, entry.sidecarKey, ifMatch(entry.sidecar?.etag), signal)
  return { removed: sidecar === 'deleted' }
}

async function getItem(
  ddb: DynamoDBClient,
  table: string,
  id: string,
  signal: AbortSignal
): Promise<Incident | undefined> {
  const res = await ddb.send(
    new GetItemCommand({ TableName: table, Key: { incident_id: { S: id } }, ConsistentRead: true }),
    { abortSignal: signal }
  )
  return res.Item === undefined ? undefined : toIncident(res.Item)
}

function ifMatch(etag: string | undefined): string {
  return etag === undefined || etag.trim() === '' ? '*' : etag
}

function etags(etag: string | undefined, metadataEtag: string | undefined): { etag?: string; metadataEtag?: string } {
  const e = bareEtag(etag)
  const m = bareEtag(metadataEtag)
  return { ...(e !== undefined ? { etag: e } : {}), ...(m !== undefined ? { metadataEtag: m } : {}) }
}
