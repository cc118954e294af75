import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  BedrockAgentClient,
  GetDataSourceCommand,
  GetIngestionJobCommand,
  GetKnowledgeBaseCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
  StopIngestionJobCommand,
  type IngestionJob
} from '@aws-sdk/client-bedrock-agent'
import { ManualClock, startStack, type Stack } from '../../local/stack.js'

// The knowledge base's time is a manual clock: jobs move through their states without any waiting.
const clock = new ManualClock()
let stack: Stack
let agent: BedrockAgentClient
let kb: { knowledgeBaseId: string; dataSourceId: string }

const doc = (id: string, text: string, meta: Record<string, unknown> = { incident_id: id }): void => {
  stack.s3.put(stack.ids.bucket, `incidents/closed/${id}.json`, JSON.stringify({ incident_id: id, text }))
  stack.s3.put(
    stack.ids.bucket,
    `incidents/closed/${id}.json.metadata.json`,
    JSON.stringify({ metadataAttributes: meta })
  )
}

async function start(clientToken?: string, description?: string): Promise<IngestionJob> {
  const res = await agent.send(new StartIngestionJobCommand({ ...kb, clientToken, description }))
  return res.ingestionJob as IngestionJob
}

async function get(id: string): Promise<IngestionJob> {
  return (await agent.send(new GetIngestionJobCommand({ ...kb, ingestionJobId: id }))).ingestionJob as IngestionJob
}

/** Advances the clock past the job's end and returns its final state. */
async function finish(id: string): Promise<IngestionJob> {
  clock.advance(10_000)
  return get(id)
}

beforeAll(async () => {
  stack = await startStack({ clock, jobDurationMs: 1000, maxDocumentBytes: 2048 })
  agent = new BedrockAgentClient({ ...stack.clientConfig, maxAttempts: 3 })
  kb = { knowledgeBaseId: stack.ids.knowledgeBaseId, dataSourceId: stack.ids.dataSourceId }
})

afterAll(async () => {
  agent.destroy()
  await stack.stop()
})

beforeEach(async () => {
  stack.faults.clear()
  // Leave no job running between tests.
  clock.advance(60_000)
})

describe('ingestion jobs over the bedrock-agent wire protocol', () => {
  it('goes STARTING → IN_PROGRESS → COMPLETE on the clock, with growing statistics', async () => {
    for (let i = 0; i < 10; i++) doc(`INC-A${i}`, `alpha document ${i}`)
    const job = await start()
    expect(job.status).toBe('STARTING')
    expect(job.ingestionJobId).toMatch(/^[0-9A-Z]{10}$/)
    expect(job.startedAt).toBeInstanceOf(Date)
    expect(job.statistics?.numberOfDocumentsScanned).toBe(0)

    clock.advance(200 + 400) // 20 % starting, then half of the run
    const mid = await get(job.ingestionJobId as string)
    expect(mid.status).toBe('IN_PROGRESS')
    expect(mid.statistics?.numberOfDocumentsScanned).toBe(5)
    expect(mid.statistics?.numberOfNewDocumentsIndexed).toBe(5)

    const done = await finish(job.ingestionJobId as string)
    expect(done.status).toBe('COMPLETE')
    expect(done.statistics).toEqual({
      numberOfDocumentsScanned: 10,
      numberOfMetadataDocumentsScanned: 10,
      numberOfNewDocumentsIndexed: 10,
      numberOfModifiedDocumentsIndexed: 0,
      numberOfMetadataDocumentsModified: 0,
      numberOfDocumentsDeleted: 0,
      numberOfDocumentsFailed: 0
    })
    expect(done.updatedAt?.getTime()).toBe((job.startedAt as Date).getTime() + 1000)
    expect(done.failureReasons).toBeUndefined()
  })

  it('diffs the data source against the index: modified by ETag, metadata changes, deletions', async () => {
    doc('INC-B1', 'bravo one')
    doc('INC-B2', 'bravo two')
    doc('INC-B3', 'bravo three')
    // Outside the data source's prefix: never scanned, so never new, modified or deleted.
    stack.s3.put(stack.ids.bucket, 'elsewhere/INC-B9.json', JSON.stringify({ text: 'bravo nine' }))
    await finish((await start()).ingestionJobId as string)
    const hits = async (text: string) =>
      (await stack.retrieve(text, { numberOfResults: 10 })).map((r) => r.location?.s3Location?.uri)
    expect(await hits('three')).toEqual([`s3://${stack.ids.bucket}/incidents/closed/INC-B3.json`])

    doc('INC-B1', 'bravo one, edited') // content changed
    doc('INC-B2', 'bravo two', { incident_id: 'INC-B2', priority: 'P1' }) // only the sidecar changed
    stack.s3.delete(stack.ids.bucket, 'incidents/closed/INC-B3.json')
    stack.s3.delete(stack.ids.bucket, 'incidents/closed/INC-B3.json.metadata.json')
    const done = await finish((await start()).ingestionJobId as string)
    expect(done.statistics).toMatchObject({
      numberOfNewDocumentsIndexed: 0,
      numberOfModifiedDocumentsIndexed: 1,
      numberOfMetadataDocumentsModified: 1,
      numberOfDocumentsDeleted: 1,
      numberOfDocumentsFailed: 0
    })
    const truth = await stack.truth()
    expect(truth.indexed.map((d) => d.key)).not.toContain('incidents/closed/INC-B3.json')
    // Removed by the job: no longer found; the edit is found by its new words.
    expect(await hits('three')).toEqual([])
    expect(await hits('edited')).toEqual([`s3://${stack.ids.bucket}/incidents/closed/INC-B1.json`])
    expect(await hits('nine')).toEqual([])
    expect(truth.indexed.find((d) => d.key === 'incidents/closed/INC-B2.json')?.metadata).toEqual({
      incident_id: 'INC-B2',
      priority: 'P1'
    })

    // Nothing changed since: a third job indexes nothing.
    const idle = await finish((await start()).ingestionJobId as string)
    expect(idle.statistics).toMatchObject({
      numberOfNewDocumentsIndexed: 0,
      numberOfModifiedDocumentsIndexed: 0,
      numberOfDocumentsDeleted: 0
    })
  })

  it('fails documents that are not valid JSON, too large, of unknown format, or with a bad sidecar', async () => {
    stack.s3.put(stack.ids.bucket, 'incidents/closed/bad.json', '{not json')
    stack.s3.put(stack.ids.bucket, 'incidents/closed/huge.json', JSON.stringify({ text: 'x'.repeat(4096) }))
    stack.s3.put(stack.ids.bucket, 'incidents/closed/blob.bin', Buffer.from([0, 1, 2]))
    stack.s3.put(stack.ids.bucket, 'incidents/closed/meta.json', '{}')
    stack.s3.put(
      stack.ids.bucket,
      'incidents/closed/meta.json.metadata.json',
      '{"metadataAttributes":{"nested":{"a":1}}}'
    )
    stack.faults.failDocument('incidents/closed/INC-A1.json', 'Injected parser failure')
    const done = await finish((await start()).ingestionJobId as string)
    expect(done.status).toBe('COMPLETE')
    expect(done.statistics?.numberOfDocumentsFailed).toBe(5)
    expect(done.failureReasons?.join('\n')).toMatch(/bad\.json: File content is not valid JSON/)
    expect(done.failureReasons?.join('\n')).toMatch(/huge\.json: File size of \d+ bytes exceeds/)
    expect(done.failureReasons?.join('\n')).toMatch(/blob\.bin: File format \.bin is not supported/)
    expect(done.failureReasons?.join('\n')).toMatch(/meta\.json: Metadata file is invalid/)
    expect(done.failureReasons?.join('\n')).toMatch(/INC-A1\.json: Injected parser failure/)
    for (const key of ['bad.json', 'huge.json', 'blob.bin', 'meta.json'])
      stack.s3.delete(stack.ids.bucket, `incidents/closed/${key}`)
    stack.s3.delete(stack.ids.bucket, 'incidents/closed/meta.json.metadata.json')
  })

  it('allows one running job per data source: a second start is a 409 ConflictException', async () => {
    const job = await start()
    await expect(start()).rejects.toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } })
    await finish(job.ingestionJobId as string)
    await expect(start()).resolves.toMatchObject({ status: 'STARTING' })
  })

  it('honours clientToken: the same token returns the same job, even while it runs', async () => {
    const token = 'kb-sync-octo-org-incident-analyzer-4242-1-LOCALKB001'
    const first = await start(token, 'first')
    const again = await start(token, 'first')
    expect(again.ingestionJobId).toBe(first.ingestionJobId)
    await finish(first.ingestionJobId as string)
    expect((await start(token)).ingestionJobId).toBe(first.ingestionJobId)
  })

  it('validates clientToken and description as the API does', async () => {
    await expect(start('too-short')).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 }
    })
    await expect(start(`${'a'.repeat(40)}--x_y`)).rejects.toMatchObject({ name: 'ValidationException' })
    await expect(start(undefined, 'd'.repeat(201))).rejects.toMatchObject({ name: 'ValidationException' })
  })

  it('answers 404 ResourceNotFoundException for an unknown knowledge base, data source or job', async () => {
    await expect(
      agent.send(new StartIngestionJobCommand({ knowledgeBaseId: 'NOSUCHKB00', dataSourceId: kb.dataSourceId }))
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 404 }
    })
    await expect(
      agent.send(new GetDataSourceCommand({ knowledgeBaseId: kb.knowledgeBaseId, dataSourceId: 'NOSUCHDS00' }))
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException'
    })
    await expect(get('NOSUCHJOB0')).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })

  it('lists jobs with sortBy, filters and pagination', async () => {
    const a = await start()
    await finish(a.ingestionJobId as string)
    const b = await start()
    const newest = await agent.send(
      new ListIngestionJobsCommand({ ...kb, sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' }, maxResults: 1 })
    )
    expect(newest.ingestionJobSummaries?.[0]?.ingestionJobId).toBe(b.ingestionJobId)
    expect(newest.ingestionJobSummaries?.[0]?.statistics).toBeDefined()
    expect(newest.nextToken).toBeDefined()
    const page2 = await agent.send(
      new ListIngestionJobsCommand({
        ...kb,
        sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
        maxResults: 1,
        nextToken: newest.nextToken
      })
    )
    expect(page2.ingestionJobSummaries?.[0]?.ingestionJobId).toBe(a.ingestionJobId)
    const running = await agent.send(
      new ListIngestionJobsCommand({
        ...kb,
        filters: [{ attribute: 'STATUS', operator: 'EQ', values: ['STARTING', 'IN_PROGRESS', 'STOPPING'] }]
      })
    )
    expect(running.ingestionJobSummaries?.map((j) => j.ingestionJobId)).toEqual([b.ingestionJobId])
    await finish(b.ingestionJobId as string)
  })

  it('stops a job: STOPPING, then STOPPED', async () => {
    stack.faults.stickNextJob()
    const job = await start()
    clock.advance(600)
    const stopping = (await agent.send(new StopIngestionJobCommand({ ...kb, ingestionJobId: job.ingestionJobId })))
      .ingestionJob
    expect(stopping?.status).toBe('STOPPING')
    clock.advance(1000)
    expect((await get(job.ingestionJobId as string)).status).toBe('STOPPED')
    await expect(
      agent.send(new StopIngestionJobCommand({ ...kb, ingestionJobId: job.ingestionJobId }))
    ).rejects.toMatchObject({
      name: 'ConflictException'
    })
  })

  it('fault hooks: a stuck job never finishes, a failed job carries failureReasons', async () => {
    stack.faults.stickNextJob()
    const stuck = await start()
    clock.advance(3_600_000)
    expect((await get(stuck.ingestionJobId as string)).status).toBe('IN_PROGRESS')
    await agent.send(new StopIngestionJobCommand({ ...kb, ingestionJobId: stuck.ingestionJobId }))
    clock.advance(1000)

    stack.faults.failNextJob(['The knowledge base storage configuration is invalid'])
    const failing = await start()
    const failed = await finish(failing.ingestionJobId as string)
    expect(failed.status).toBe('FAILED')
    expect(failed.failureReasons).toContain('The knowledge base storage configuration is invalid')
  })

  it('stopNextJob: someone else stops the next job halfway; STOPPING, then STOPPED, the index untouched', async () => {
    for (let i = 0; i < 10; i++) doc(`INC-S${i}`, `sierra document ${i}`)
    const indexed = (await stack.truth()).indexed.length
    stack.faults.stopNextJob()
    const job = await start()
    const id = job.ingestionJobId as string
    clock.advance(200 + 200) // STARTING, then 40 % of the run
    expect((await get(id)).status).toBe('IN_PROGRESS')
    clock.advance(200) // the stop comes halfway through the run
    const stopping = await get(id)
    expect(stopping.status).toBe('STOPPING')
    const scanned = stopping.statistics?.numberOfDocumentsScanned
    expect(scanned).toBeGreaterThan(0)
    // Our own stop comes too late.
    await expect(agent.send(new StopIngestionJobCommand({ ...kb, ingestionJobId: id }))).rejects.toMatchObject({
      name: 'ConflictException'
    })
    // A stopping job still counts as running.
    await expect(start()).rejects.toMatchObject({ name: 'ConflictException' })
    const stopped = await finish(id)
    expect(stopped.status).toBe('STOPPED')
    expect(stopped.statistics?.numberOfDocumentsScanned).toBe(scanned)
    expect(stopped.failureReasons).toEqual(['The ingestion job was stopped by a StopIngestionJob request.'])
    expect((await stack.truth()).indexed.length).toBe(indexed)
    // Only the next job: the one after completes.
    expect((await finish((await start()).ingestionJobId as string)).status).toBe('COMPLETE')
  })

  it('stopNextJob({ afterMs }): a stop meant for after the job’s end leaves it COMPLETE', async () => {
    stack.faults.stopNextJob({ afterMs: 50 })
    const early = await start()
    clock.advance(50)
    expect((await get(early.ingestionJobId as string)).status).toBe('STOPPING')
    expect((await finish(early.ingestionJobId as string)).status).toBe('STOPPED')

    stack.faults.stopNextJob({ afterMs: 5_000 })
    expect((await finish((await start()).ingestionJobId as string)).status).toBe('COMPLETE')
  })

  it('foreignJobOnNextList: a job someone else starts right after the list answers; our start meets a 409', async () => {
    const foreign = stack.faults.foreignJobOnNextList({ description: 'console user' })
    const listed = await agent.send(
      new ListIngestionJobsCommand({
        ...kb,
        filters: [{ attribute: 'STATUS', operator: 'EQ', values: ['STARTING', 'IN_PROGRESS', 'STOPPING'] }]
      })
    )
    expect(listed.ingestionJobSummaries).toEqual([])
    await expect(start()).rejects.toMatchObject({
      name: 'ConflictException',
      $metadata: { httpStatusCode: 409 }
    })
    const theirs = (await foreign.started) as { ingestionJobId: string; description: string; status: string }
    expect(theirs).toMatchObject({ description: 'console user', status: 'STARTING' })
    const error = (await start().catch((e: unknown) => e)) as Error
    expect(error.message).toContain(theirs.ingestionJobId)
    await finish(theirs.ingestionJobId)
    // Only the next list: listing again starts nothing.
    await agent.send(new ListIngestionJobsCommand(kb))
    await expect(start()).resolves.toMatchObject({ status: 'STARTING' })
  })

  it('foreignJobOnNextList: when a job already runs, the foreign start is refused and says so', async () => {
    const ours = await start()
    const foreign = stack.faults.foreignJobOnNextList()
    await agent.send(new ListIngestionJobsCommand(kb))
    await expect(foreign.started).rejects.toMatchObject({ code: 'ConflictException' })
    await finish(ours.ingestionJobId as string)
  })

  it('a retried start with its clientToken gets its own running job; without one it meets its own job', async () => {
    const token = 'kb-sync-retry-after-a-lost-answer-000000000001'
    // The answer to the first start is lost after the job was started.
    stack.faults.reset('StartIngestionJob', { phase: 'after-headers' })
    const once = new BedrockAgentClient({ ...stack.clientConfig, maxAttempts: 1 })
    await expect(once.send(new StartIngestionJobCommand({ ...kb, clientToken: token }))).rejects.toBeDefined()
    once.destroy()
    const running = (await stack.truth()).jobs.at(-1)
    expect(running?.status).toBe('STARTING')
    expect((await start(token)).ingestionJobId).toBe(running?.ingestionJobId)
    await expect(start()).rejects.toMatchObject({ name: 'ConflictException' })
    await finish(running?.ingestionJobId as string)
  })

  it('throttles on demand; the SDK retries ThrottlingException and succeeds', async () => {
    stack.faults.throttle('StartIngestionJob', 2)
    const job = await start()
    expect(job.status).toBe('STARTING')
    const starts = stack
      .calls()
      .filter((c) => c.operation === 'StartIngestionJob')
      .slice(-3)
    expect(starts.map((c) => c.status)).toEqual([429, 429, 202])
    await finish(job.ingestionJobId as string)
  })

  it('denies on demand with the IAM action and resource in the message', async () => {
    stack.faults.accessDenied('GetKnowledgeBase')
    await expect(
      agent.send(new GetKnowledgeBaseCommand({ knowledgeBaseId: kb.knowledgeBaseId }))
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringContaining(
        `is not authorized to perform: bedrock:GetKnowledgeBase on resource: arn:aws:bedrock:us-east-1:123456789012:knowledge-base/${kb.knowledgeBaseId}`
      )
    })
  })

  it('describes the knowledge base and its S3 data source', async () => {
    const { knowledgeBase } = await agent.send(new GetKnowledgeBaseCommand({ knowledgeBaseId: kb.knowledgeBaseId }))
    expect(knowledgeBase).toMatchObject({ knowledgeBaseId: kb.knowledgeBaseId, status: 'ACTIVE' })
    expect(knowledgeBase?.createdAt).toBeInstanceOf(Date)
    const { dataSource } = await agent.send(new GetDataSourceCommand(kb))
    expect(dataSource?.dataSourceConfiguration?.s3Configuration).toEqual({
      bucketArn: `arn:aws:s3:::${stack.ids.bucket}`,
      inclusionPrefixes: ['incidents/']
    })
  })
})

describe('Retrieve over bedrock-agent-runtime', () => {
  it('finds ingested documents by their words, and only after ingestion', async () => {
    doc('INC-R1', 'Checkout failed because the TLS certificate of the payment gateway expired', {
      incident_id: 'INC-R1',
      priority: 'P1',
      closed_at_epoch: 1700000000
    })
    doc('INC-R2', 'Disk full on the search cluster after debug logging', {
      incident_id: 'INC-R2',
      priority: 'P3',
      closed_at_epoch: 1800000000
    })
    expect((await stack.retrieve('expired certificate payment')).map((r) => r.location?.s3Location?.uri)).not.toContain(
      `s3://${stack.ids.bucket}/incidents/closed/INC-R1.json`
    )
    await finish((await start()).ingestionJobId as string)

    const hits = await stack.retrieve('expired certificate payment')
    expect(hits[0]?.location?.s3Location?.uri).toBe(`s3://${stack.ids.bucket}/incidents/closed/INC-R1.json`)
    expect(hits[0]?.score).toBeGreaterThan(0)
    expect(hits[0]?.content?.text).toContain('TLS certificate')
    expect(hits[0]?.metadata?.['priority']).toBe('P1')

    const filtered = await stack.retrieve('disk certificate search payment', {
      filter: { greaterThan: { key: 'closed_at_epoch', value: 1750000000 } }
    })
    expect(filtered.map((h) => h.metadata?.['incident_id'])).toEqual(['INC-R2'])
    expect(await stack.retrieve('zzzz qqqq')).toEqual([])
  })
})
