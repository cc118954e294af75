import { renderDocument } from '../../src/lambda/document.js'
import { isPending } from '../../src/pending.js'
import type { Bedrock } from '../services/bedrock/bedrock.js'
import type { DynamoService } from '../services/dynamodb.js'
import type { S3Store } from '../services/s3/store.js'
import type { SampleIncident } from './incidents.js'
import type { StackIds, Truth } from './types.js'

/** What the stack's inspection reads: the services' state, behind their APIs. */
export interface Backends {
  ids: StackIds
  dynamo: DynamoService
  store: S3Store
  bedrock: Bedrock
}

/** Writes incidents to the table; those seeded as already synced get their document too, so S3 agrees. */
export async function seed({ ids, dynamo, store }: Backends, items: Record<string, unknown>[]): Promise<void> {
  await dynamo.putItems(ids.table, items)
  for (const item of items as SampleIncident[]) {
    if (item.kb_sync_status?.synced === true) {
      const doc = renderDocument(item, ids.prefix)
      store.put(ids.bucket, doc.metadataKey, doc.metadata, 'application/json')
      store.put(ids.bucket, doc.key, doc.body, 'application/json')
    }
  }
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
  const objects = store.list(ids.bucket).map((o) => ({ key: o.key, etag: o.etag, size: o.body.length }))
  return {
    incidents,
    closedIds: idsOf((i) => i.status === 'CLOSED'),
    pendingIds: idsOf(isPending),
    syncedIds: idsOf((i) => (i.kb_sync_status as { synced?: unknown } | undefined)?.synced === true),
    objects,
    documentKeys: objects.map((o) => o.key).filter((k) => k.startsWith(ids.prefix) && !k.endsWith('.metadata.json')),
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
