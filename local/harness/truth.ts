import { renderDocument } from '../../src/lambda/document.js'
import { bareEtag, fingerprint } from '../../src/lambda/fingerprint.js'
import { OWNER_METADATA } from '../../src/lambda/storage.js'
import { isPending } from '../../src/pending.js'
import type { Bedrock } from '../services/bedrock/bedrock.js'
import type { DynamoService } from '../services/dynamodb.js'
import type { S3Object, S3Store } from '../services/s3/store.js'
import type { SampleIncident } from './incidents.js'
import type { StackIds, Truth } from './types.js'

/** What the stack's inspection reads: the services' state, behind their APIs. */
export interface Backends {
  ids: StackIds
  dynamo: DynamoService
  store: S3Store
  bedrock: Bedrock
}

/**
 * Writes incidents to the table; those seeded as already synced get their document too, so S3 agrees, as the
 * reference Lambda leaves them: sidecar and document marked as its own, and what it wrote recorded in
 * `kb_sync_status` (hash and ETags), unless the item says otherwise.
 */
export async function seed({ ids, dynamo, store }: Backends, items: Record<string, unknown>[]): Promise<void> {
  const rows = (items as SampleIncident[]).map((item) => {
    if (item.kb_sync_status?.synced !== true) return item
    const doc = renderDocument(item, ids.prefix)
    const marker = { [OWNER_METADATA]: encodeURIComponent(item.incident_id) }
    const sidecar = store.put(ids.bucket, doc.metadataKey, doc.metadata, 'application/json', marker)
    const document = store.put(ids.bucket, doc.key, doc.body, 'application/json', marker)
    const written = {
      s3_key: doc.key,
      content_sha256: fingerprint(doc).sha256,
      etag: bareEtag(document.etag),
      metadata_etag: bareEtag(sidecar.etag)
    }
    return { ...item, kb_sync_status: { ...written, ...item.kb_sync_status } }
  })
  await dynamo.putItems(ids.table, rows)
}

/** DynamoDB, S3, the knowledge base's index and jobs, as they are now. */
export async function readTruth({ ids, dynamo, store, bedrock }: Backends): Promise<Truth> {
  bedrock.settle()
  const incidents = await dynamo.scan(ids.table)
  const idsOf = (pred: (i: Record<string, unknown>) => boolean): string[] =>
    incidents
      .filter(pred)
      .map((i) => String(i.incident_id))
      .sort()
  const stored = store.list(ids.bucket)
  const mirror = mirrorOf(ids.prefix, incidents, stored)
  return {
    incidents,
    closedIds: idsOf((i) => i.status === 'CLOSED'),
    pendingIds: idsOf(isPending),
    syncedIds: idsOf((i) => (i.kb_sync_status as { synced?: unknown } | undefined)?.synced === true),
    objects: stored.map((o) => ({
      key: o.key,
      etag: o.etag,
      size: o.body.length,
      lastModified: o.lastModified.toISOString(),
      sequence: o.sequence
    })),
    documentKeys: mirror.documentKeys,
    foreignKeys: mirror.foreignKeys,
    mirrorProblems: mirror.problems,
    indexed: bedrock
      .indexed()
      .map((d) => ({
        key: d.key,
        uri: d.uri,
        etag: d.etag,
        metadata: d.metadata,
        via: d.direct ? ('direct' as const) : ('job' as const)
      }))
      .sort((a, b) => a.key.localeCompare(b.key)),
    jobs: bedrock.allJobs(),
    documents: bedrock.documentOperations()
  }
}

type Incident = { incident_id: string } & Record<string, unknown>

/**
 * S3 against the table, content-exact. An object under the prefix is the Lambda's when it carries the Lambda's
 * marker or sits at an incident's document or sidecar key; every other object there is foreign, and the Lambda
 * must leave it alone. Each of the Lambda's documents must be the rendering of a CLOSED incident, next to that
 * rendering's sidecar, and each CLOSED incident marked synced must have both.
 */
function mirrorOf(
  prefix: string,
  incidents: Record<string, unknown>[],
  stored: S3Object[]
): { documentKeys: string[]; foreignKeys: string[]; problems: string[] } {
  const rendered = new Map<string, { incident: Incident; doc: ReturnType<typeof renderDocument> }>()
  for (const incident of incidents as Incident[]) {
    const doc = renderDocument(incident, prefix)
    rendered.set(doc.key, { incident, doc })
    rendered.set(doc.metadataKey, { incident, doc })
  }
  const byKey = new Map(stored.map((o) => [o.key, o]))
  const documentKeys: string[] = []
  const foreignKeys: string[] = []
  const problems: string[] = []
  for (const object of stored) {
    if (!object.key.startsWith(prefix)) continue
    const ours = rendered.get(object.key)
    if (ours === undefined && object.metadata[OWNER_METADATA] === undefined) {
      foreignKeys.push(object.key)
      continue
    }
    const sidecar = object.key.endsWith('.metadata.json')
    if (!sidecar) documentKeys.push(object.key)
    if (ours === undefined) {
      problems.push(`${object.key}: written for ${object.metadata[OWNER_METADATA]}, which does not exist`)
      continue
    }
    const { incident, doc } = ours
    const id = incident.incident_id
    if (incident.status !== 'CLOSED') {
      problems.push(`${object.key}: ${id} is ${String(incident.status)}, not CLOSED`)
    } else if (object.body.toString('utf8') !== (sidecar ? doc.metadata : doc.body)) {
      problems.push(`${object.key}: not the rendering of ${id} as it is now`)
    }
    const partner = sidecar ? doc.key : doc.metadataKey
    if (!byKey.has(partner)) problems.push(`${object.key}: ${partner} is missing`)
  }
  for (const incident of incidents as Incident[]) {
    const synced = (incident.kb_sync_status as { synced?: unknown } | undefined)?.synced === true
    const key = renderDocument(incident, prefix).key
    if (incident.status === 'CLOSED' && synced && !byKey.has(key)) {
      problems.push(`${key}: ${incident.incident_id} is CLOSED and marked synced, but has no document`)
    }
  }
  return { documentKeys, foreignKeys, problems }
}
