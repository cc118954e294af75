/** Direct ingestion: the changed documents by name, followed to indexed, deleted or failed. */
import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  BedrockAgentClient,
  DeleteKnowledgeBaseDocumentsCommand,
  GetIngestionJobCommand,
  GetKnowledgeBaseDocumentsCommand,
  IngestKnowledgeBaseDocumentsCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
  type KnowledgeBaseDocumentDetail
} from '@aws-sdk/client-bedrock-agent'
import { mockClient } from 'aws-sdk-client-mock'
import { Cancelled } from '../src/deadline.js'
import { DIRECT_MAX_DOCUMENTS } from '../src/pipeline/documents.js'
import { decide, runIngestionPhase } from '../src/pipeline/ingestion.js'
import { emptySyncPhase, type JobSnapshot, type SyncPhase } from '../src/pipeline/result.js'
import { buildOutputs, resultDocument } from '../src/report/outputs.js'
import { awsError, FakeClock, phaseContext, RUN } from './support/fakes.js'

const bedrockMock = mockClient(BedrockAgentClient)
const bedrock = new BedrockAgentClient({ region: 'us-east-1' })
/** The phase asks for its client; the stubbed one answers. */
const clients = { bedrock: async () => bedrock }

const CONFIG = {
  knowledgeBaseId: 'LPR1PEW0LN',
  dataSourceId: 'AJIJE6BWIV',
  region: 'us-east-1',
  ingestion: 'direct' as 'auto' | 'always' | 'never' | 'direct',
  waitForIngestion: true,
  ingestionTimeoutMs: 60 * 60_000,
  pollIntervalMs: 15_000,
  failOnDocumentFailures: true,
  description: 'test'
}
const uri = (n: number) => `s3://bucket/incidents/closed/INC-${n}.json`
const CLEAN: JobSnapshot = {
  jobId: 'OLD',
  status: 'COMPLETE',
  statistics: {
    numberOfDocumentsScanned: 1,
    numberOfMetadataDocumentsScanned: 1,
    numberOfNewDocumentsIndexed: 1,
    numberOfModifiedDocumentsIndexed: 0,
    numberOfMetadataDocumentsModified: 0,
    numberOfDocumentsDeleted: 0,
    numberOfDocumentsFailed: 0
  },
  failureReasons: []
}

function changed(written: string[], removed: string[] = []): SyncPhase {
  return {
    ...emptySyncPhase(),
    ran: true,
    waited: true,
    invocations: 1,
    synced: written.length,
    processed: written.length,
    removed: removed.length,
    documents: { written, removed }
  }
}

const detail = (u: string, status: string, statusReason?: string): KnowledgeBaseDocumentDetail => ({
  knowledgeBaseId: CONFIG.knowledgeBaseId,
  dataSourceId: CONFIG.dataSourceId,
  status: status as 'INDEXED',
  identifier: { dataSourceType: 'S3', s3: { uri: u } },
  ...(statusReason ? { statusReason } : {})
})

/** Bedrock accepts every call; a document reports `final` from its first status check on. */
function arrange(
  final: (u: string, action: 'ingest' | 'delete') => string = (_, a) => (a === 'delete' ? 'NOT_FOUND' : 'INDEXED')
) {
  bedrockMock.on(ListIngestionJobsCommand).resolves({
    ingestionJobSummaries: [
      {
        ...CLEAN,
        ingestionJobId: 'OLD',
        knowledgeBaseId: 'K',
        dataSourceId: 'D',
        status: 'COMPLETE',
        startedAt: new Date(),
        updatedAt: new Date()
      }
    ]
  })
  const actions = new Map<string, 'ingest' | 'delete'>()
  bedrockMock.on(IngestKnowledgeBaseDocumentsCommand).callsFake(async (input) => {
    const uris = (input.documents ?? []).map(
      (d: { content: { s3: { s3Location: { uri: string } } } }) => d.content.s3.s3Location.uri
    )
    for (const u of uris) actions.set(u, 'ingest')
    return { documentDetails: uris.map((u: string) => detail(u, 'STARTING')) }
  })
  bedrockMock.on(DeleteKnowledgeBaseDocumentsCommand).callsFake(async (input) => {
    const uris = (input.documentIdentifiers ?? []).map((d: { s3: { uri: string } }) => d.s3.uri)
    for (const u of uris) actions.set(u, 'delete')
    return { documentDetails: uris.map((u: string) => detail(u, 'DELETING')) }
  })
  bedrockMock.on(GetKnowledgeBaseDocumentsCommand).callsFake(async (input) => ({
    documentDetails: (input.documentIdentifiers ?? []).map((d: { s3: { uri: string } }) =>
      detail(d.s3.uri, final(d.s3.uri, actions.get(d.s3.uri)!))
    )
  }))
}

beforeEach(() => {
  bedrockMock.reset()
})

describe('decide: a full job or the documents directly', () => {
  it('goes direct when the Lambda listed a few changes and the last full job was clean', () => {
    expect(decide('direct', changed([uri(1)]), CLEAN)).toMatchObject({ start: true, mode: 'direct' })
    expect(decide('auto', changed([uri(1)], [uri(2)]), CLEAN)).toMatchObject({ start: true, mode: 'direct' })
  })

  it('falls back to a full job, saying why, when direct ingestion cannot be trusted with the changes', () => {
    const unlisted = { ...changed([uri(1)]), documents: undefined }
    expect(decide('direct', unlisted, CLEAN)).toMatchObject({
      mode: 'job',
      fallback: 'the Lambda does not list the documents it writes (synced_documents, removed_documents)'
    })
    expect(decide('direct', emptySyncPhase('sync: false'), CLEAN).fallback).toBe(
      'the changed documents are unknown (the sync was off or not waited for)'
    )
    const many = Array.from({ length: DIRECT_MAX_DOCUMENTS + 1 }, (_, i) => uri(i))
    expect(decide('direct', changed(many), CLEAN).fallback).toBe(
      `${DIRECT_MAX_DOCUMENTS + 1} documents changed, more than direct ingestion takes (${DIRECT_MAX_DOCUMENTS}); one scan is cheaper`
    )
    expect(decide('direct', changed([uri(1)]), { ...CLEAN, status: 'FAILED' }).fallback).toBe(
      'the last full job (OLD) did not end cleanly; a full job heals it'
    )
    expect(decide('direct', changed([uri(1)]), undefined).fallback).toBe(
      'the data source has never had a full ingestion job'
    )
    expect(
      decide(
        'direct',
        { ...changed([uri(1)]), documents: undefined, error: { kind: 'function_error', message: 'x' } },
        CLEAN
      ).fallback
    ).toBe('a batch failed or was cut off, so it may have written documents it did not list')
  })

  it('falls back when the lists are shorter than the counts: a listed-nothing answer must not pass for no change', () => {
    const underlisted = { ...changed([uri(1)]), synced: 3 }
    expect(decide('direct', underlisted, CLEAN)).toMatchObject({
      start: true,
      mode: 'job',
      fallback: 'the Lambda listed 1 changed documents but counted 3, so its lists are incomplete'
    })
    const emptyLists = { ...changed([]), synced: 2 }
    expect(decide('direct', emptyLists, CLEAN)).toMatchObject({ start: true, mode: 'job' })
    const removedUnlisted = { ...changed([uri(1)]), removed: 1 }
    expect(decide('auto', removedUnlisted, CLEAN).fallback).toBe(
      'the Lambda listed 1 changed documents but counted 2, so its lists are incomplete'
    )
    // Listing a document twice (written by two batches) is no shortfall.
    expect(decide('direct', { ...changed([uri(1), uri(1)]), synced: 2 }, CLEAN).mode).toBe('direct')
  })

  it('skips when nothing changed, and a full job is what always means', () => {
    expect(decide('direct', changed([]), CLEAN)).toMatchObject({ start: false, mode: 'job' })
    expect(decide('always', changed([uri(1)]), CLEAN)).toMatchObject({ start: true, mode: 'job' })
  })
})

describe('runIngestionPhase with direct ingestion', () => {
  it('ingests the written documents with their sidecars ten a call, removes the removed ones, and follows them', async () => {
    arrange()
    const written = Array.from({ length: 23 }, (_, i) => uri(i))
    const phase = await runIngestionPhase(CONFIG, changed(written, [uri(99)]), clients, RUN, phaseContext())

    expect(phase).toMatchObject({ outcome: 'completed', mode: 'direct' })
    expect(phase.direct).toMatchObject({ deleted: [uri(99)], failed: [], unfinished: [] })
    expect(phase.direct?.indexed).toHaveLength(23)
    const ingests = bedrockMock.commandCalls(IngestKnowledgeBaseDocumentsCommand).map((c) => c.args[0].input)
    expect(ingests.map((i) => i.documents?.length)).toEqual([10, 10, 3])
    expect(ingests[0]!.documents![0]).toEqual({
      content: { dataSourceType: 'S3', s3: { s3Location: { uri: uri(0) } } },
      metadata: { type: 'S3_LOCATION', s3Location: { uri: `${uri(0)}.metadata.json` } }
    })
    const tokens = ingests.map((i) => i.clientToken)
    expect(new Set(tokens).size).toBe(3)
    for (const token of tokens) expect(token).toMatch(/^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/)
    expect(bedrockMock.commandCalls(DeleteKnowledgeBaseDocumentsCommand)[0]!.args[0].input.documentIdentifiers).toEqual(
      [{ dataSourceType: 'S3', s3: { uri: uri(99) } }]
    )
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(0)

    const outputs = buildOutputs({
      status: 'completed',
      startedAt: 0,
      durationMs: 0,
      dryRun: false,
      sync: changed(written, [uri(99)]),
      ingestion: phase,
      checks: [],
      problems: [],
      warnings: [],
      showLogTail: false
    })
    expect(JSON.parse(outputs.statistics)).toEqual({
      numberOfDocumentsIndexed: 23,
      numberOfDocumentsDeleted: 1,
      numberOfDocumentsFailed: 0
    })
    expect(outputs.ingestion_status).toBe('COMPLETE')
  })

  it('sends the same tokens again on a retry, so a call Bedrock already took is not taken twice', async () => {
    arrange()
    const first = await runIngestionPhase(CONFIG, changed([uri(1)]), clients, RUN, phaseContext())
    const token = bedrockMock.commandCalls(IngestKnowledgeBaseDocumentsCommand)[0]!.args[0].input.clientToken
    bedrockMock.resetHistory()
    await runIngestionPhase(CONFIG, changed([uri(1)]), clients, RUN, phaseContext())
    expect(first.outcome).toBe('completed')
    expect(bedrockMock.commandCalls(IngestKnowledgeBaseDocumentsCommand)[0]!.args[0].input.clientToken).toBe(token)
  })

  describe('failed documents', () => {
    /** Document 2 fails directly with Bedrock's reason; a full job then ends with `failedInJob` failed documents. */
    function arrangeFailure(failedInJob: number) {
      arrange()
      bedrockMock.on(GetKnowledgeBaseDocumentsCommand).callsFake(async (input) => ({
        documentDetails: (input.documentIdentifiers ?? []).map((d: { s3: { uri: string } }) =>
          d.s3.uri === uri(2) ? detail(d.s3.uri, 'FAILED', 'File is <corrupt>') : detail(d.s3.uri, 'INDEXED')
        )
      }))
      const retry = {
        ingestionJobId: 'RETRY',
        knowledgeBaseId: CONFIG.knowledgeBaseId,
        dataSourceId: CONFIG.dataSourceId,
        startedAt: new Date(),
        updatedAt: new Date()
      }
      bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: { ...retry, status: 'STARTING' } })
      bedrockMock.on(GetIngestionJobCommand, { ingestionJobId: 'RETRY' }).resolves({
        ingestionJob: {
          ...retry,
          status: 'COMPLETE',
          statistics: {
            ...CLEAN.statistics,
            numberOfNewDocumentsIndexed: 1 - failedInJob,
            numberOfDocumentsFailed: failedInJob
          },
          ...(failedInJob > 0 ? { failureReasons: [`${uri(2)}: File is <corrupt>`] } : {})
        }
      })
    }
    const failure = `Direct ingestion: 1 documents failed: ${uri(2)}: FAILED (File is <corrupt>)`

    it('are retried at once by a full job, which the run passes on when it indexes them', async () => {
      arrangeFailure(0)
      const ctx = phaseContext()
      const phase = await runIngestionPhase(CONFIG, changed([uri(1), uri(2)]), clients, RUN, ctx)

      expect(phase).toMatchObject({
        outcome: 'completed',
        mode: 'job',
        fallbackReason: '1 documents failed in direct ingestion, so a full job retried them',
        job: { jobId: 'RETRY', status: 'COMPLETE' }
      })
      expect(phase.direct?.failed).toEqual([
        { uri: uri(2), action: 'ingest', status: 'FAILED', reason: 'File is <corrupt>' }
      ])
      expect(ctx.warned).toEqual([`${failure}. A full ingestion job retries them.`])
      expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(1)
      const result = {
        status: 'completed' as const,
        startedAt: 0,
        durationMs: 0,
        dryRun: false,
        sync: changed([uri(1), uri(2)]),
        ingestion: phase,
        checks: [],
        problems: [],
        warnings: [],
        showLogTail: false
      }
      // The job's outcome is the ingestion's: its status, statistics and id are the outputs.
      expect(buildOutputs(result)).toMatchObject({ ingestion_job_id: 'RETRY', ingestion_status: 'COMPLETE' })
      expect(JSON.parse(buildOutputs(result).statistics)).toMatchObject({ numberOfDocumentsFailed: 0 })
    })

    it('fail the run when the job fails them again, naming them, unless failed documents are allowed', async () => {
      arrangeFailure(1)
      const strict = await runIngestionPhase(CONFIG, changed([uri(1), uri(2)]), clients, RUN, phaseContext())
      expect(strict).toMatchObject({ outcome: 'failed', mode: 'job', job: { jobId: 'RETRY' } })
      expect(strict.error).toContain('RETRY')
      expect(strict.error).toContain(`${uri(2)}: File is <corrupt>`)
      expect(strict.error).toContain('Set fail_on_document_failures: false')

      bedrockMock.reset()
      arrangeFailure(1)
      const ctx = phaseContext()
      const lenient = await runIngestionPhase(
        { ...CONFIG, failOnDocumentFailures: false },
        changed([uri(1), uri(2)]),
        clients,
        RUN,
        ctx
      )
      expect(lenient.outcome).toBe('completed')
      expect(ctx.warned).toHaveLength(2)
    })
  })

  it('waits for a job that started on the data source meanwhile, then sends the documents again', async () => {
    arrange()
    bedrockMock
      .on(IngestKnowledgeBaseDocumentsCommand)
      .rejectsOnce(awsError('ConflictException', 409, 'an ingestion job is running'))
      .callsFake(async (input) => ({
        documentDetails: (input.documents ?? []).map((d: { content: { s3: { s3Location: { uri: string } } } }) =>
          detail(d.content.s3.s3Location.uri, 'STARTING')
        )
      }))
    bedrockMock
      .on(ListIngestionJobsCommand)
      .resolvesOnce({
        ingestionJobSummaries: [
          {
            ingestionJobId: 'OLD',
            knowledgeBaseId: 'K',
            dataSourceId: 'D',
            status: 'COMPLETE',
            startedAt: new Date(1),
            updatedAt: new Date(),
            statistics: CLEAN.statistics!
          }
        ]
      })
      .resolves({
        ingestionJobSummaries: [
          {
            ingestionJobId: 'THEIRS',
            knowledgeBaseId: 'K',
            dataSourceId: 'D',
            status: 'IN_PROGRESS',
            startedAt: new Date(2),
            updatedAt: new Date()
          }
        ]
      })
    bedrockMock.on(GetIngestionJobCommand).resolves({
      ingestionJob: {
        ingestionJobId: 'THEIRS',
        knowledgeBaseId: 'K',
        dataSourceId: 'D',
        status: 'COMPLETE',
        startedAt: new Date(),
        updatedAt: new Date()
      }
    })
    const phase = await runIngestionPhase(CONFIG, changed([uri(1)]), clients, RUN, phaseContext())
    expect(phase).toMatchObject({
      outcome: 'completed',
      mode: 'direct',
      waitedFor: [{ jobId: 'THEIRS', status: 'COMPLETE' }]
    })
    const calls = bedrockMock.commandCalls(IngestKnowledgeBaseDocumentsCommand)
    expect(calls).toHaveLength(2)
    expect(calls[1]!.args[0].input.clientToken).toBe(calls[0]!.args[0].input.clientToken)
  })

  it('rides out throttling, and fails at once on a used-up quota', async () => {
    arrange()
    bedrockMock
      .on(IngestKnowledgeBaseDocumentsCommand)
      .rejectsOnce(awsError('ThrottlingException', 429))
      .callsFake(async () => ({ documentDetails: [detail(uri(1), 'STARTING')] }))
    const throttled = await runIngestionPhase(CONFIG, changed([uri(1)]), clients, RUN, phaseContext())
    expect([throttled.outcome, throttled.error]).toEqual(['completed', undefined])

    bedrockMock
      .on(IngestKnowledgeBaseDocumentsCommand)
      .rejects(awsError('ServiceQuotaExceededException', 402, 'too many concurrent requests'))
    const clock = new FakeClock(0)
    const quota = await runIngestionPhase(CONFIG, changed([uri(1)]), clients, RUN, phaseContext(clock))
    expect(quota.outcome).toBe('failed')
    expect(quota.error).toMatch(
      /^bedrock:IngestKnowledgeBaseDocuments on knowledge base LPR1PEW0LN data source AJIJE6BWIV was refused because an account quota is used up/
    )
    expect(clock.time).toBe(0)
  })

  it('times out naming the documents still in progress, and returns at once when not waiting', async () => {
    arrange(() => 'IN_PROGRESS')
    const clock = new FakeClock(0)
    const phase = await runIngestionPhase(
      { ...CONFIG, ingestionTimeoutMs: 60_000 },
      changed([uri(1)]),
      clients,
      RUN,
      phaseContext(clock)
    )
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toContain(
      `Timed out after ingestion_timeout_minutes = 1: 1 documents are still being processed (${uri(1)} IN_PROGRESS). Bedrock goes on with them`
    )
    expect(clock.time).toBe(60_000)

    const started = await runIngestionPhase(
      { ...CONFIG, waitForIngestion: false },
      changed([uri(1)]),
      clients,
      RUN,
      phaseContext()
    )
    expect(started).toMatchObject({ outcome: 'started', mode: 'direct' })
    expect(
      resultDocument({
        status: 'started',
        startedAt: 0,
        durationMs: 0,
        dryRun: false,
        sync: changed([uri(1)]),
        ingestion: started,
        checks: [],
        problems: [],
        warnings: [],
        showLogTail: false
      }).ingestion_phase
    ).toMatchObject({ mode: 'direct', status: 'STARTING' })
  })

  it('stops at once when the run is cancelled', async () => {
    const cancel = new AbortController()
    arrange(() => {
      cancel.abort(new Cancelled('SIGINT'))
      return 'IN_PROGRESS'
    })
    const phase = await runIngestionPhase(
      CONFIG,
      changed([uri(1)]),
      clients,
      RUN,
      phaseContext(new FakeClock(0), cancel.signal)
    )
    expect(phase).toMatchObject({ outcome: 'cancelled', mode: 'direct' })
    expect(phase.direct?.unfinished).toHaveLength(1)
  })
})
