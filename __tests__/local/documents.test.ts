/**
 * Direct ingestion in the local stack (IngestKnowledgeBaseDocuments, DeleteKnowledgeBaseDocuments,
 * GetKnowledgeBaseDocuments, ListKnowledgeBaseDocuments) through the SDK: asynchronous states on the stack's clock,
 * failures with Bedrock's reasons, Retrieve, conflicts with jobs both ways, idempotency, limits and fault hooks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  BedrockAgentClient,
  DeleteKnowledgeBaseDocumentsCommand,
  GetIngestionJobCommand,
  GetKnowledgeBaseDocumentsCommand,
  IngestKnowledgeBaseDocumentsCommand,
  ListKnowledgeBaseDocumentsCommand,
  StartIngestionJobCommand,
  type DocumentMetadata,
  type IngestionJob,
  type KnowledgeBaseDocument,
  type KnowledgeBaseDocumentDetail
} from '@aws-sdk/client-bedrock-agent'
import { ManualClock, startStack, type Stack } from '../../local/stack.js'
import { quickRetries } from './support.js'

// Documents take 1 s of the manual clock: STARTING for 200 ms, IN_PROGRESS until 1000 ms.
const clock = new ManualClock()
let stack: Stack
let agent: BedrockAgentClient
let kb: { knowledgeBaseId: string; dataSourceId: string }

const key = (id: string): string => `incidents/closed/${id}.json`
const uri = (id: string): string => `s3://${stack.ids.bucket}/${key(id)}`

/** A document and its sidecar, as the batch-sync Lambda writes them. */
function put(id: string, text: string, meta: Record<string, unknown> = { incident_id: id }): void {
  stack.s3.put(stack.ids.bucket, key(id), JSON.stringify({ incident_id: id, text }))
  stack.s3.put(stack.ids.bucket, `${key(id)}.metadata.json`, JSON.stringify({ metadataAttributes: meta }))
}

/** As kb-sync sends it: the S3 document with its sidecar as S3_LOCATION metadata. */
function s3Document(location: string, metadata?: DocumentMetadata): KnowledgeBaseDocument {
  return {
    content: { dataSourceType: 'S3', s3: { s3Location: { uri: location } } },
    metadata: metadata ?? { type: 'S3_LOCATION', s3Location: { uri: `${location}.metadata.json` } }
  }
}

async function ingest(locations: string[], clientToken?: string): Promise<KnowledgeBaseDocumentDetail[]> {
  const answer = await agent.send(
    new IngestKnowledgeBaseDocumentsCommand({ ...kb, clientToken, documents: locations.map((l) => s3Document(l)) })
  )
  return answer.documentDetails ?? []
}

async function remove(locations: string[], clientToken?: string): Promise<KnowledgeBaseDocumentDetail[]> {
  const answer = await agent.send(
    new DeleteKnowledgeBaseDocumentsCommand({
      ...kb,
      clientToken,
      documentIdentifiers: locations.map((l) => ({ dataSourceType: 'S3', s3: { uri: l } }))
    })
  )
  return answer.documentDetails ?? []
}

async function statuses(locations: string[]): Promise<Record<string, string>> {
  const answer = await agent.send(
    new GetKnowledgeBaseDocumentsCommand({
      ...kb,
      documentIdentifiers: locations.map((l) => ({ dataSourceType: 'S3', s3: { uri: l } }))
    })
  )
  return Object.fromEntries((answer.documentDetails ?? []).map((d) => [d.identifier?.s3?.uri ?? '', d.status ?? '']))
}

async function detailOf(location: string): Promise<KnowledgeBaseDocumentDetail> {
  const answer = await agent.send(
    new GetKnowledgeBaseDocumentsCommand({
      ...kb,
      documentIdentifiers: [{ dataSourceType: 'S3', s3: { uri: location } }]
    })
  )
  return answer.documentDetails?.[0] as KnowledgeBaseDocumentDetail
}

async function startJob(): Promise<IngestionJob> {
  return (await agent.send(new StartIngestionJobCommand(kb))).ingestionJob as IngestionJob
}

async function jobNow(id: string): Promise<IngestionJob> {
  return (await agent.send(new GetIngestionJobCommand({ ...kb, ingestionJobId: id }))).ingestionJob as IngestionJob
}

const retrieved = async (query: string): Promise<string[]> =>
  (await stack.retrieve(query, { numberOfResults: 20 })).map((r) => r.location?.s3Location?.uri ?? '')

beforeAll(async () => {
  stack = await startStack({ clock, jobDurationMs: 1000, documentDurationMs: 1000, maxDocumentBytes: 2048 })
  agent = new BedrockAgentClient({ ...stack.clientConfig, maxAttempts: 1 })
  kb = { knowledgeBaseId: stack.ids.knowledgeBaseId, dataSourceId: stack.ids.dataSourceId }
})

afterAll(async () => {
  agent.destroy()
  await stack.stop()
})

beforeEach(() => {
  stack.faults.clear()
  // Nothing left under way between tests.
  clock.advance(60_000)
})

describe('IngestKnowledgeBaseDocuments and GetKnowledgeBaseDocuments', () => {
  it('accepts (202) as STARTING, then IN_PROGRESS, then INDEXED on the clock; searchable only once INDEXED', async () => {
    put('INC-D1', 'the payment gateway certificate expired overnight')
    const accepted = await ingest([uri('INC-D1')])
    expect(stack.calls().at(-1)).toMatchObject({ operation: 'IngestKnowledgeBaseDocuments', status: 202 })
    expect(accepted).toEqual([
      {
        knowledgeBaseId: kb.knowledgeBaseId,
        dataSourceId: kb.dataSourceId,
        status: 'STARTING',
        identifier: { dataSourceType: 'S3', s3: { uri: uri('INC-D1') } },
        updatedAt: new Date(clock.now())
      }
    ])
    expect(await retrieved('payment gateway certificate')).not.toContain(uri('INC-D1'))

    clock.advance(500)
    expect(await statuses([uri('INC-D1')])).toEqual({ [uri('INC-D1')]: 'IN_PROGRESS' })
    expect(await retrieved('payment gateway certificate')).not.toContain(uri('INC-D1'))

    clock.advance(500)
    const done = await detailOf(uri('INC-D1'))
    expect(done).toMatchObject({ status: 'INDEXED', updatedAt: new Date(clock.now()) })
    expect(done.statusReason).toBeUndefined()
    expect((await retrieved('payment gateway certificate'))[0]).toBe(uri('INC-D1'))

    const truth = await stack.truth()
    expect(truth.indexed.find((d) => d.key === key('INC-D1'))).toMatchObject({
      via: 'direct',
      metadata: { incident_id: 'INC-D1' }
    })
    expect(truth.documents.filter((d) => d.uri === uri('INC-D1'))).toEqual([
      expect.objectContaining({ action: 'ingest', status: 'INDEXED', superseded: false })
    ])
    // The sidecar's attributes are filterable, as after a job.
    const hits = await stack.retrieve('certificate', { filter: { equals: { key: 'incident_id', value: 'INC-D1' } } })
    expect(hits.map((h) => h.location?.s3Location?.uri)).toEqual([uri('INC-D1')])
  })

  it('answers NOT_FOUND for a document nobody sent, and INDEXED for one a job indexed', async () => {
    put('INC-J1', 'indexed by a full job')
    const job = await startJob()
    clock.advance(2000)
    expect((await jobNow(job.ingestionJobId as string)).status).toBe('COMPLETE')
    const answer = await statuses([uri('INC-NOBODY'), uri('INC-J1')])
    expect(answer).toEqual({ [uri('INC-NOBODY')]: 'NOT_FOUND', [uri('INC-J1')]: 'INDEXED' })
    expect((await detailOf(uri('INC-NOBODY'))).updatedAt).toBeUndefined()
  })

  it('fails what Bedrock fails, with the reason: missing object or sidecar, outside the bucket or prefix, invalid', async () => {
    put('INC-F-NOMETA', 'a document whose sidecar is missing')
    stack.s3.delete(stack.ids.bucket, `${key('INC-F-NOMETA')}.metadata.json`)
    put('INC-F-BAD', 'replaced below')
    stack.s3.put(stack.ids.bucket, key('INC-F-BAD'), '{not json')
    stack.s3.put(stack.ids.bucket, 'elsewhere/INC-F-OUT.json', '{}')
    put('INC-F-BIG', 'x'.repeat(4096))
    const other = 's3://another-bucket/incidents/closed/INC-F-X.json'
    const cases = {
      [uri('INC-F-GONE')]: `The document ${uri('INC-F-GONE')} was not found in Amazon S3.`,
      [uri('INC-F-NOMETA')]: `The metadata file ${uri('INC-F-NOMETA')}.metadata.json was not found in Amazon S3.`,
      [uri('INC-F-BAD')]: 'File content is not valid JSON',
      [`s3://${stack.ids.bucket}/elsewhere/INC-F-OUT.json`]:
        "is outside the data source's inclusion prefixes (incidents/)",
      [other]: `is not in the data source's bucket (s3://${stack.ids.bucket})`,
      [uri('INC-F-BIG')]: 'exceeds the limit of 2048 bytes'
    }
    const accepted = await ingest(Object.keys(cases))
    // Bedrock reads the documents asynchronously: the answer accepts them all.
    expect(accepted.map((d) => d.status)).toEqual(Object.keys(cases).map(() => 'STARTING'))
    clock.advance(1000)
    for (const [location, reason] of Object.entries(cases)) {
      const detail = await detailOf(location)
      expect(detail.status).toBe('FAILED')
      expect(detail.statusReason).toContain(reason)
    }
    const indexed = (await stack.truth()).indexed.map((d) => d.key)
    expect(indexed).not.toContain(key('INC-F-NOMETA'))
    expect(indexed).not.toContain(key('INC-F-BAD'))
  })

  it('failDocument applies to direct ingestion too: FAILED with that reason, not searchable', async () => {
    put('INC-F-HOOK', 'a document the fault hook fails')
    stack.faults.failDocument(key('INC-F-HOOK'), 'Injected parser failure')
    await ingest([uri('INC-F-HOOK')])
    clock.advance(1000)
    expect(await detailOf(uri('INC-F-HOOK'))).toMatchObject({
      status: 'FAILED',
      statusReason: 'Injected parser failure'
    })
    expect(await retrieved('fault hook fails')).not.toContain(uri('INC-F-HOOK'))
  })

  it('takes inline metadata attributes instead of a sidecar', async () => {
    put('INC-INLINE', 'inline attributes for a queue backlog')
    await agent.send(
      new IngestKnowledgeBaseDocumentsCommand({
        ...kb,
        documents: [
          s3Document(uri('INC-INLINE'), {
            type: 'IN_LINE_ATTRIBUTE',
            inlineAttributes: [
              { key: 'priority', value: { type: 'STRING', stringValue: 'P2' } },
              { key: 'closed_at_epoch', value: { type: 'NUMBER', numberValue: 1700000000 } }
            ]
          })
        ]
      })
    )
    clock.advance(1000)
    const hits = await stack.retrieve('queue backlog', { filter: { equals: { key: 'priority', value: 'P2' } } })
    expect(hits.map((h) => h.location?.s3Location?.uri)).toEqual([uri('INC-INLINE')])
    expect(hits[0]?.metadata?.['closed_at_epoch']).toBe(1700000000)
  })

  it('a later call on the same document supersedes one still under way', async () => {
    put('INC-TWICE', 'first version about a cache stampede')
    await ingest([uri('INC-TWICE')])
    clock.advance(300)
    put('INC-TWICE', 'second version about a thundering herd')
    await ingest([uri('INC-TWICE')])
    clock.advance(1000)
    expect(await retrieved('thundering herd')).toContain(uri('INC-TWICE'))
    expect(await retrieved('cache stampede')).not.toContain(uri('INC-TWICE'))
    const log = (await stack.truth()).documents.filter((d) => d.uri === uri('INC-TWICE'))
    expect(log.map((d) => d.superseded)).toEqual([true, false])
  })
})

describe('DeleteKnowledgeBaseDocuments', () => {
  it('is DELETING, then DELETE_IN_PROGRESS, then gone (NOT_FOUND); Retrieve stops finding it; S3 is untouched', async () => {
    put('INC-DEL', 'a reopened incident about a flapping health check')
    await ingest([uri('INC-DEL')])
    clock.advance(1000)
    expect(await retrieved('flapping health check')).toContain(uri('INC-DEL'))

    const accepted = await remove([uri('INC-DEL')])
    expect(stack.calls().at(-1)).toMatchObject({ operation: 'DeleteKnowledgeBaseDocuments', status: 202 })
    expect(accepted.map((d) => d.status)).toEqual(['DELETING'])
    clock.advance(500)
    expect(await statuses([uri('INC-DEL')])).toEqual({ [uri('INC-DEL')]: 'DELETE_IN_PROGRESS' })
    expect(await retrieved('flapping health check')).toContain(uri('INC-DEL'))
    clock.advance(500)
    expect(await statuses([uri('INC-DEL')])).toEqual({ [uri('INC-DEL')]: 'NOT_FOUND' })
    expect(await retrieved('flapping health check')).not.toContain(uri('INC-DEL'))
    expect(stack.s3.get(stack.ids.bucket, key('INC-DEL'))).toBeDefined()
  })

  it('deletes a document nobody indexed all the same: DELETING, then NOT_FOUND', async () => {
    expect((await remove([uri('INC-NEVER')])).map((d) => d.status)).toEqual(['DELETING'])
    clock.advance(1000)
    expect(await statuses([uri('INC-NEVER')])).toEqual({ [uri('INC-NEVER')]: 'NOT_FOUND' })
  })
})

describe('direct ingestion and ingestion jobs', () => {
  it('refuses document calls with a 409 ConflictException while a job runs on the data source', async () => {
    put('INC-C1', 'conflict one')
    const job = await startJob()
    for (const call of [() => ingest([uri('INC-C1')]), () => remove([uri('INC-C1')])]) {
      await expect(call()).rejects.toMatchObject({
        name: 'ConflictException',
        $metadata: { httpStatusCode: 409 },
        message: expect.stringContaining(`ingestion job ${job.ingestionJobId} is in progress`)
      })
    }
    // Reading is never refused.
    await expect(statuses([uri('INC-C1')])).resolves.toBeDefined()
    clock.advance(2000)
    await expect(ingest([uri('INC-C1')])).resolves.toHaveLength(1)
  })

  it('refuses StartIngestionJob with a 409 while documents are still being processed', async () => {
    put('INC-C2', 'conflict two')
    await ingest([uri('INC-C2')])
    await expect(startJob()).rejects.toMatchObject({
      name: 'ConflictException',
      message: expect.stringContaining('1 documents sent to data source')
    })
    clock.advance(1000)
    await expect(startJob()).resolves.toMatchObject({ status: 'STARTING' })
  })

  it('the next full job sees a directly ingested, unchanged document as already indexed', async () => {
    // A clean slate: the job below scans only what a job or direct ingestion already saw, plus these.
    clock.advance(2000)
    const settle = await startJob()
    clock.advance(2000)
    expect((await jobNow(settle.ingestionJobId as string)).status).toBe('COMPLETE')

    put('INC-U1', 'unchanged after direct ingestion')
    put('INC-U2', 'edited after direct ingestion')
    await ingest([uri('INC-U1'), uri('INC-U2')])
    clock.advance(1000)
    put('INC-U2', 'edited after direct ingestion, a second time')
    const job = await startJob()
    clock.advance(2000)
    const done = await jobNow(job.ingestionJobId as string)
    expect(done.status).toBe('COMPLETE')
    expect(done.statistics).toMatchObject({
      numberOfNewDocumentsIndexed: 0,
      numberOfModifiedDocumentsIndexed: 1,
      numberOfMetadataDocumentsModified: 0
    })
    const truth = await stack.truth()
    expect(truth.indexed.find((d) => d.key === key('INC-U1'))?.via).toBe('direct')
    expect(truth.indexed.find((d) => d.key === key('INC-U2'))?.via).toBe('job')
  })

  it('a job that indexes a document clears an older direct failure of it', async () => {
    put('INC-HEAL', 'fails directly, then a job indexes it')
    stack.faults.failDocument(key('INC-HEAL'), 'transient parser failure')
    await ingest([uri('INC-HEAL')])
    clock.advance(1000)
    expect((await detailOf(uri('INC-HEAL'))).status).toBe('FAILED')
    stack.faults.clear()
    await startJob()
    clock.advance(2000)
    expect(await detailOf(uri('INC-HEAL'))).toMatchObject({ status: 'INDEXED' })
  })
})

describe('idempotency, limits and validation', () => {
  it('the same clientToken answers the same documents and does not process them twice, even once a job runs', async () => {
    put('INC-T1', 'token one')
    const token = 'kbsync-0000000000000000000000000000000000000000000001'
    const first = await ingest([uri('INC-T1')], token)
    const again = await ingest([uri('INC-T1')], token)
    expect(again).toEqual(first)
    clock.advance(1000)
    await startJob()
    // A retry of an accepted call gets its answer, not a conflict; another token meets the job.
    await expect(ingest([uri('INC-T1')], token)).resolves.toHaveLength(1)
    await expect(ingest([uri('INC-T1')])).rejects.toMatchObject({ name: 'ConflictException' })
    clock.advance(2000)
    // A reuse with other documents is ignored too, as the API documents it: the first call's documents answer.
    const reused = await ingest([uri('INC-OTHER')], token)
    expect(reused.map((d) => d.identifier?.s3?.uri)).toEqual([uri('INC-T1')])
    expect((await stack.truth()).documents.filter((d) => d.uri === uri('INC-T1'))).toHaveLength(1)
    expect((await stack.truth()).documents.filter((d) => d.uri === uri('INC-OTHER'))).toHaveLength(0)

    // Tokens are per operation: the same token on a deletion is a new call.
    await expect(remove([uri('INC-T1')], token)).resolves.toMatchObject([{ status: 'DELETING' }])
  })

  it('takes 1 to 10 documents a call (the SDK model bounds all three operations so)', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => uri(`INC-L${i}`))
    const tooMany = {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining('Member must have length less than or equal to 10')
    }
    await expect(ingest(eleven)).rejects.toMatchObject(tooMany)
    await expect(remove(eleven)).rejects.toMatchObject(tooMany)
    await expect(statuses(eleven)).rejects.toMatchObject(tooMany)
    await expect(ingest([])).rejects.toMatchObject({ name: 'ValidationException' })
    await expect(statuses(eleven.slice(0, 10))).resolves.toBeDefined()
    expect((await stack.truth()).documents.filter((d) => d.uri.includes('INC-L'))).toEqual([])
  })

  it('validates the documents and the token as the API does', async () => {
    const custom = new IngestKnowledgeBaseDocumentsCommand({
      ...kb,
      documents: [
        {
          content: {
            dataSourceType: 'CUSTOM',
            custom: { customDocumentIdentifier: { id: 'x' }, sourceType: 'IN_LINE' }
          }
        }
      ]
    })
    await expect(agent.send(custom)).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining("The dataSourceType that you specified in CUSTOM doesn't match")
    })
    await expect(ingest(['https://example.com/doc.json'])).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('s3://bucket/key')
    })
    await expect(ingest([uri('INC-V1')], 'short')).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('clientToken')
    })
  })

  it('answers 404 ResourceNotFoundException for an unknown knowledge base or data source', async () => {
    await expect(
      agent.send(
        new GetKnowledgeBaseDocumentsCommand({
          knowledgeBaseId: kb.knowledgeBaseId,
          dataSourceId: 'NOSUCHDS01',
          documentIdentifiers: [{ dataSourceType: 'S3', s3: { uri: uri('INC-X') } }]
        })
      )
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } })
  })

  it('lists what the data source knows (indexed, under way, failed), a page at a time', async () => {
    put('INC-LIST', 'listed while under way')
    await ingest([uri('INC-LIST')])
    const all = await agent.send(new ListKnowledgeBaseDocumentsCommand(kb))
    const listed = all.documentDetails ?? []
    expect(listed.find((d) => d.identifier?.s3?.uri === uri('INC-LIST'))?.status).toBe('STARTING')
    expect(listed.map((d) => d.status)).not.toContain('NOT_FOUND')
    const page = await agent.send(new ListKnowledgeBaseDocumentsCommand({ ...kb, maxResults: 2 }))
    expect(page.documentDetails).toHaveLength(2)
    const next = await agent.send(new ListKnowledgeBaseDocumentsCommand({ ...kb, nextToken: page.nextToken }))
    expect(next.documentDetails).toEqual(listed.slice(2))
  })
})

describe('fault hooks on the document operations', () => {
  it('throttle: the SDK retries ThrottlingException and the call goes through once', async () => {
    put('INC-TH', 'throttled at first')
    stack.faults.throttle('IngestKnowledgeBaseDocuments', 2)
    const retrying = new BedrockAgentClient({ ...stack.clientConfig, retryStrategy: quickRetries(3) })
    try {
      const answer = await retrying.send(
        new IngestKnowledgeBaseDocumentsCommand({ ...kb, documents: [s3Document(uri('INC-TH'))] })
      )
      expect(answer.documentDetails?.map((d) => d.status)).toEqual(['STARTING'])
    } finally {
      retrying.destroy()
    }
    const calls = stack
      .calls()
      .filter((c) => c.operation === 'IngestKnowledgeBaseDocuments')
      .slice(-3)
    expect(calls.map((c) => c.status)).toEqual([429, 429, 202])
    expect((await stack.truth()).documents.filter((d) => d.uri === uri('INC-TH'))).toHaveLength(1)
  })

  it('serviceQuota: ServiceQuotaExceededException, nothing accepted', async () => {
    stack.faults.serviceQuota('IngestKnowledgeBaseDocuments')
    await expect(ingest([uri('INC-Q')])).rejects.toMatchObject({ name: 'ServiceQuotaExceededException' })
    expect((await stack.truth()).documents.filter((d) => d.uri === uri('INC-Q'))).toEqual([])
  })

  it('hold: the call waits unexecuted; a job started meanwhile makes it a conflict on release', async () => {
    put('INC-H', 'held call')
    const gate = stack.faults.hold('IngestKnowledgeBaseDocuments')
    const call = ingest([uri('INC-H')])
    await gate.reached
    expect((await stack.truth()).documents.filter((d) => d.uri === uri('INC-H'))).toEqual([])
    await startJob()
    gate.release()
    await expect(call).rejects.toMatchObject({ name: 'ConflictException' })
  })
})

describe('documentDurationMs: 0', () => {
  it('answers the outcome at once: INDEXED, or gone', async () => {
    const instant = await startStack({ documentDurationMs: 0 })
    const client = new BedrockAgentClient({ ...instant.clientConfig, maxAttempts: 1 })
    try {
      const ids = { knowledgeBaseId: instant.ids.knowledgeBaseId, dataSourceId: instant.ids.dataSourceId }
      const location = `s3://${instant.ids.bucket}/incidents/closed/INC-NOW.json`
      instant.s3.put(instant.ids.bucket, 'incidents/closed/INC-NOW.json', '{"text":"instant"}')
      instant.s3.put(instant.ids.bucket, 'incidents/closed/INC-NOW.json.metadata.json', '{"metadataAttributes":{}}')
      const ingested = await client.send(
        new IngestKnowledgeBaseDocumentsCommand({ ...ids, documents: [s3Document(location)] })
      )
      expect(ingested.documentDetails?.map((d) => d.status)).toEqual(['INDEXED'])
      const deleted = await client.send(
        new DeleteKnowledgeBaseDocumentsCommand({
          ...ids,
          documentIdentifiers: [{ dataSourceType: 'S3', s3: { uri: location } }]
        })
      )
      expect(deleted.documentDetails?.map((d) => d.status)).toEqual(['NOT_FOUND'])
    } finally {
      client.destroy()
      await instant.stop()
    }
  })
})
