import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  BedrockAgentClient,
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand,
  type IngestionJobStatistics
} from '@aws-sdk/client-bedrock-agent'
import { mockClient } from 'aws-sdk-client-mock'
import { clientToken, decide, runIngestionPhase } from '../src/pipeline/ingestion.js'
import { emptySyncPhase, type SyncPhase } from '../src/pipeline/result.js'
import { Cancelled } from '../src/deadline.js'
import { awsError, FakeClock, phaseContext, RUN } from './support/fakes.js'

const bedrockMock = mockClient(BedrockAgentClient)
const bedrock = new BedrockAgentClient({ region: 'us-east-1' })
/** The phase asks for its client; the stubbed one answers. */
const clients = { bedrock: async () => bedrock }

const CONFIG = {
  knowledgeBaseId: 'LPR1PEW0LN',
  dataSourceId: 'AJIJE6BWIV',
  region: 'us-east-1',
  ingestion: 'auto' as 'auto' | 'always' | 'never',
  waitForIngestion: true,
  ingestionTimeoutMs: 60 * 60_000,
  pollIntervalMs: 15_000,
  failOnDocumentFailures: true,
  description: 'Started by kb-sync for acme/incidents'
}

const STATS: IngestionJobStatistics = {
  numberOfDocumentsScanned: 5,
  numberOfMetadataDocumentsScanned: 5,
  numberOfNewDocumentsIndexed: 5,
  numberOfModifiedDocumentsIndexed: 0,
  numberOfMetadataDocumentsModified: 0,
  numberOfDocumentsDeleted: 0,
  numberOfDocumentsFailed: 0
}

const synced = (n: number): SyncPhase => ({
  ...emptySyncPhase(),
  ran: true,
  waited: true,
  invocations: 1,
  synced: n,
  processed: n
})
const job = (
  id: string,
  status: string,
  statistics: IngestionJobStatistics | undefined = STATS,
  failureReasons?: string[]
) => ({
  ingestionJobId: id,
  knowledgeBaseId: CONFIG.knowledgeBaseId,
  dataSourceId: CONFIG.dataSourceId,
  status: status as 'COMPLETE',
  statistics,
  failureReasons,
  startedAt: new Date(),
  updatedAt: new Date()
})

beforeEach(() => {
  bedrockMock.reset()
})

/** No job ran before; StartIngestionJob accepts MINE; GetIngestionJob answers `answer` when given. */
function arrangeOwnJob(answer?: ReturnType<typeof job>): void {
  bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
  bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
  if (answer) bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: answer })
}

describe('decide (ingestion: auto)', () => {
  const clean = { jobId: 'OLD', status: 'COMPLETE', statistics: { ...STATS } as never, failureReasons: [] }
  it('starts a job when this run synced incidents', () => {
    expect(decide('auto', synced(3), clean)).toMatchObject({ start: true, reason: 'this run synced 3 incidents' })
  })
  it('starts a job when the sync was off or not waited for', () => {
    expect(decide('auto', emptySyncPhase('sync: false'), clean).start).toBe(true)
    expect(decide('auto', { ...synced(0), waited: false }, clean).start).toBe(true)
  })
  it('heals a failed, stopped or missing last job', () => {
    expect(decide('auto', synced(0), { ...clean, status: 'FAILED' })).toMatchObject({
      start: true,
      reason: 'the last ingestion job (OLD) ended FAILED; healing it'
    })
    expect(decide('auto', synced(0), { ...clean, status: 'STOPPED' }).start).toBe(true)
    expect(decide('auto', synced(0), undefined)).toMatchObject({
      start: true,
      reason: 'the data source has never been ingested'
    })
    const withFailures = { ...clean, statistics: { ...STATS, numberOfDocumentsFailed: 2 } as never }
    expect(decide('auto', synced(0), withFailures).reason).toBe(
      'the last ingestion job (OLD) had 2 failed documents; healing it'
    )
  })
  it('skips when nothing synced and the last job completed cleanly', () => {
    expect(decide('auto', synced(0), clean)).toMatchObject({
      start: false,
      reason: 'nothing new was synced and the last ingestion job (OLD) completed cleanly'
    })
  })
  it('always starts with ingestion: always', () => {
    expect(decide('always', synced(0), clean).start).toBe(true)
  })
})

describe('clientToken', () => {
  it('is 33-256 letters, digits and single hyphens, stable for a run and distinct across runs', () => {
    const token = clientToken(CONFIG, RUN, 0)
    expect(token).toMatch(/^[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*$/)
    expect(token.length).toBeGreaterThanOrEqual(33)
    expect(token.length).toBeLessThanOrEqual(256)
    expect(clientToken(CONFIG, RUN, 999)).toBe(token)
    expect(clientToken(CONFIG, { ...RUN, runAttempt: '2' }, 0)).not.toBe(token)
    expect(clientToken(CONFIG, { ...RUN, runId: '4243' }, 0)).not.toBe(token)
    expect(clientToken({ ...CONFIG, dataSourceId: 'OTHER00000' }, RUN, 0)).not.toBe(token)
    expect(clientToken(CONFIG, { ...RUN, action: 'kb2' }, 0)).not.toBe(token)
  })
})

describe('runIngestionPhase', () => {
  it('skips everything with ingestion: never', async () => {
    const phase = await runIngestionPhase({ ...CONFIG, ingestion: 'never' }, synced(5), clients, RUN, phaseContext())
    expect(phase).toMatchObject({ outcome: 'skipped', reason: 'ingestion: never', job: undefined })
    expect(bedrockMock.calls()).toHaveLength(0)
  })

  it('starts a job with the description and client token, and follows it to COMPLETE', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('OLD', 'COMPLETE')] })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('NEW', 'STARTING', undefined) })
    bedrockMock
      .on(GetIngestionJobCommand)
      .resolvesOnce({ ingestionJob: job('NEW', 'IN_PROGRESS', { ...STATS, numberOfNewDocumentsIndexed: 2 }) })
      .resolves({ ingestionJob: job('NEW', 'COMPLETE') })
    const ctx = phaseContext()
    const phase = await runIngestionPhase(CONFIG, synced(5), clients, RUN, ctx)

    expect(phase).toMatchObject({ outcome: 'completed', reason: 'this run synced 5 incidents', statusChecks: 2 })
    expect(phase.job).toEqual({ jobId: 'NEW', status: 'COMPLETE', statistics: STATS, failureReasons: [] })
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)[0]!.args[0].input).toEqual({
      knowledgeBaseId: 'LPR1PEW0LN',
      dataSourceId: 'AJIJE6BWIV',
      clientToken: clientToken(CONFIG, RUN, 0),
      description: 'Started by kb-sync for acme/incidents'
    })
    expect(bedrockMock.commandCalls(ListIngestionJobsCommand)[0]!.args[0].input).toMatchObject({
      sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' }
    })
    expect(ctx.logger.lines).toContain(
      'Job NEW: IN_PROGRESS after 0.8s (scanned 5, metadata scanned 5, new 2, modified 0, metadata modified 0, deleted 0, failed 0)'
    )
  })

  it('checks first within 2 s and backs off to poll_interval_seconds, never waiting longer', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('NEW', 'STARTING', undefined) })
    const inProgress = { ingestionJob: job('NEW', 'IN_PROGRESS') }
    let get = bedrockMock.on(GetIngestionJobCommand)
    for (let i = 0; i < 9; i++) get = get.resolvesOnce(inProgress)
    get.resolves({ ingestionJob: job('NEW', 'COMPLETE') })
    const clock = new FakeClock(0, 1) // random() = 1: the top of every jitter range
    const phase = await runIngestionPhase(
      { ...CONFIG, pollIntervalMs: 10_000 },
      synced(1),
      clients,
      RUN,
      phaseContext(clock)
    )

    expect(phase.outcome).toBe('completed')
    expect(clock.sleeps[0]).toBeLessThanOrEqual(2_000)
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(10_000)
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000])
  })

  it('spreads the waits with jitter', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('NEW', 'STARTING', undefined) })
    bedrockMock
      .on(GetIngestionJobCommand)
      .resolvesOnce({ ingestionJob: job('NEW', 'IN_PROGRESS') })
      .resolves({ ingestionJob: job('NEW', 'COMPLETE') })
    const clock = new FakeClock(0, 0) // random() = 0: the bottom of every jitter range
    await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext(clock))
    expect(clock.sleeps).toEqual([500, 1_000])
  })

  it('polls at the cap itself once the steps reach it, so a long job costs about one check per cap', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('NEW', 'STARTING', undefined) })
    let get = bedrockMock.on(GetIngestionJobCommand)
    for (let i = 0; i < 6; i++) get = get.resolvesOnce({ ingestionJob: job('NEW', 'IN_PROGRESS') })
    get.resolves({ ingestionJob: job('NEW', 'COMPLETE') })
    const clock = new FakeClock(0, 0) // random() = 0: the bottom of every jitter range
    await runIngestionPhase({ ...CONFIG, pollIntervalMs: 5_000 }, synced(1), clients, RUN, phaseContext(clock))
    expect(clock.sleeps).toEqual([500, 1_000, 2_000, 5_000, 5_000, 5_000, 5_000])
  })

  it('waits for a job that is already running before starting its own', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('RUNNING', 'IN_PROGRESS')] })
    bedrockMock
      .on(GetIngestionJobCommand, { ingestionJobId: 'RUNNING' })
      .resolvesOnce({ ingestionJob: job('RUNNING', 'IN_PROGRESS') })
      .resolves({ ingestionJob: job('RUNNING', 'COMPLETE') })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    bedrockMock
      .on(GetIngestionJobCommand, { ingestionJobId: 'MINE' })
      .resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const phase = await runIngestionPhase(CONFIG, synced(2), clients, RUN, phaseContext())

    expect(phase.outcome).toBe('completed')
    expect(phase.waitedFor.map((j) => [j.jobId, j.status])).toEqual([['RUNNING', 'COMPLETE']])
    expect(phase.job?.jobId).toBe('MINE')
    const order = bedrockMock.calls().map((c) => {
      const command = c.args[0] as { input: { ingestionJobId?: string }; constructor: { name: string } }
      return `${command.constructor.name}${command.input.ingestionJobId ? `:${command.input.ingestionJobId}` : ''}`
    })
    expect(order).toEqual([
      'ListIngestionJobsCommand',
      'GetIngestionJobCommand:RUNNING',
      'GetIngestionJobCommand:RUNNING',
      'StartIngestionJobCommand',
      'GetIngestionJobCommand:MINE'
    ])
    expect(bedrockMock.commandCalls(GetIngestionJobCommand, { ingestionJobId: 'RUNNING' })).toHaveLength(2)
  })

  it('still waits for a running job when not waiting for its own, then returns once ours is accepted', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('RUNNING', 'STARTING')] })
    bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: job('RUNNING', 'COMPLETE') })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    const phase = await runIngestionPhase(
      { ...CONFIG, waitForIngestion: false },
      synced(2),
      clients,
      RUN,
      phaseContext()
    )
    expect(phase).toMatchObject({ outcome: 'started', job: { jobId: 'MINE', status: 'STARTING' } })
    expect(bedrockMock.commandCalls(GetIngestionJobCommand).map((c) => c.args[0].input.ingestionJobId)).toEqual([
      'RUNNING'
    ])
  })

  it('on a ConflictException waits for the job that won the race, then starts with the same token', async () => {
    bedrockMock
      .on(ListIngestionJobsCommand)
      .resolvesOnce({ ingestionJobSummaries: [job('OLD', 'COMPLETE')] })
      .resolves({ ingestionJobSummaries: [job('RACER', 'IN_PROGRESS'), job('OLD', 'COMPLETE')] })
    bedrockMock
      .on(StartIngestionJobCommand)
      .rejectsOnce(awsError('ConflictException', 409, 'a job is already running'))
      .resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    bedrockMock
      .on(GetIngestionJobCommand, { ingestionJobId: 'RACER' })
      .resolves({ ingestionJob: job('RACER', 'COMPLETE') })
    bedrockMock
      .on(GetIngestionJobCommand, { ingestionJobId: 'MINE' })
      .resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())

    expect(phase.outcome).toBe('completed')
    expect(phase.waitedFor.map((j) => j.jobId)).toEqual(['RACER'])
    const tokens = bedrockMock.commandCalls(StartIngestionJobCommand).map((c) => c.args[0].input.clientToken)
    expect(tokens).toHaveLength(2)
    expect(tokens[0]).toBe(tokens[1])
  })

  it('waits out StartIngestionJob throttling', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock
      .on(StartIngestionJobCommand)
      .rejectsOnce(awsError('ThrottlingException', 429))
      .rejectsOnce(awsError('ThrottlingException', 429))
      .resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const clock = new FakeClock(0, 0.5)
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext(clock))
    expect(phase.outcome).toBe('completed')
    // Backing off beyond the SDK's own quick retries, towards the API's one call per 10 s.
    expect(clock.sleeps.slice(0, 2)).toEqual([750, 1_500])
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(3)
  })

  it('gives up on a start that stays throttled, with a last try at the deadline', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock.on(StartIngestionJobCommand).rejects(awsError('ThrottlingException', 429, 'Rate exceeded'))
    const clock = new FakeClock(0, 1)
    const phase = await runIngestionPhase(
      { ...CONFIG, ingestionTimeoutMs: 30_000 },
      synced(1),
      clients,
      RUN,
      phaseContext(clock)
    )
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toMatch(
      /^Gave up after ingestion_timeout_minutes = 0\.5: bedrock:StartIngestionJob on knowledge base LPR1PEW0LN data source AJIJE6BWIV was throttled/
    )
    expect(clock.time).toBe(30_000)
  })

  it('takes the newest job as the one to judge, whatever order the list comes in', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({
      ingestionJobSummaries: [
        { ...job('OLDER', 'FAILED'), startedAt: new Date(1_000) },
        { ...job('NEWER', 'COMPLETE'), startedAt: new Date(2_000) }
      ]
    })
    const phase = await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())
    expect(phase).toMatchObject({
      outcome: 'skipped',
      reason: 'nothing new was synced and the last ingestion job (NEWER) completed cleanly'
    })
  })

  it('keeps polling through throttling and 5xx answers while time is left', async () => {
    arrangeOwnJob()
    bedrockMock
      .on(GetIngestionJobCommand)
      .rejectsOnce(awsError('ThrottlingException', 429))
      .rejectsOnce(awsError('InternalServerException', 500))
      .resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())
    expect(phase.outcome).toBe('completed')
    expect(phase.error).toBeUndefined()
  })

  it('fails a FAILED job with its failure reasons', async () => {
    arrangeOwnJob()
    bedrockMock
      .on(GetIngestionJobCommand)
      .resolves({ ingestionJob: job('MINE', 'FAILED', STATS, ['Embedding model throttled', 'S3 access denied']) })
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toBe('Ingestion job MINE FAILED: Embedding model throttled; S3 access denied')
    expect(phase.job?.failureReasons).toEqual(['Embedding model throttled', 'S3 access denied'])
  })

  it('fails a STOPPED job', async () => {
    arrangeOwnJob(job('MINE', 'STOPPED'))
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())
    expect(phase).toMatchObject({ outcome: 'failed', error: 'Ingestion job MINE ended STOPPED before it finished' })
  })

  it('fails on failed documents unless they are allowed, then only warns', async () => {
    const failedDocs = { ...STATS, numberOfDocumentsFailed: 3 }
    arrangeOwnJob(job('MINE', 'COMPLETE', failedDocs))

    const strict = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())
    expect(strict.outcome).toBe('failed')
    expect(strict.error).toMatch(
      /^Ingestion job MINE completed, but 3 documents failed to ingest\. Set fail_on_document_failures: false/
    )

    const ctx = phaseContext()
    const lenient = await runIngestionPhase({ ...CONFIG, failOnDocumentFailures: false }, synced(1), clients, RUN, ctx)
    expect(lenient.outcome).toBe('completed')
    expect(lenient.error).toBeUndefined()
    expect(ctx.warned).toEqual(['Ingestion job MINE completed, but 3 documents failed to ingest'])
  })

  it('times out with the job id and its last status, leaving the job running', async () => {
    arrangeOwnJob(job('MINE', 'IN_PROGRESS'))
    const clock = new FakeClock(0)
    const phase = await runIngestionPhase(
      { ...CONFIG, ingestionTimeoutMs: 30_000 },
      synced(1),
      clients,
      RUN,
      phaseContext(clock)
    )
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toMatch(
      /^Timed out after ingestion_timeout_minutes = 0\.5: ingestion job MINE \(started by this run\) is still IN_PROGRESS\. The job was left running/
    )
    expect(phase.job).toMatchObject({ jobId: 'MINE', status: 'IN_PROGRESS' })
    expect(clock.time).toBe(30_000)
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(1)
  })

  it('counts time spent waiting for a running job against the same timeout', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('RUNNING', 'IN_PROGRESS')] })
    bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: job('RUNNING', 'IN_PROGRESS') })
    const clock = new FakeClock(0)
    const phase = await runIngestionPhase(
      { ...CONFIG, ingestionTimeoutMs: 60_000 },
      synced(1),
      clients,
      RUN,
      phaseContext(clock)
    )
    expect(phase.error).toMatch(/ingestion job RUNNING \(already running\) is still IN_PROGRESS/)
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(0)
    expect(clock.time).toBe(60_000)
  })

  it('skips, with the reason, when nothing synced and the last job was clean', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('OLD', 'COMPLETE')] })
    const phase = await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())
    expect(phase).toMatchObject({
      outcome: 'skipped',
      reason: 'nothing new was synced and the last ingestion job (OLD) completed cleanly',
      job: undefined
    })
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(0)
  })

  it('heals a failed last job with a new one', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('OLD', 'FAILED')] })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const phase = await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())
    expect(phase).toMatchObject({
      outcome: 'completed',
      reason: 'the last ingestion job (OLD) ended FAILED; healing it'
    })
  })

  it('decides on a running job by how it ends', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('RUNNING', 'IN_PROGRESS')] })
    bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: job('RUNNING', 'COMPLETE') })
    const phase = await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())
    expect(phase).toMatchObject({ outcome: 'skipped', job: { jobId: 'RUNNING', status: 'COMPLETE' } })
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(0)
  })

  it('names bedrock:StartIngestionJob when access is denied', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock
      .on(StartIngestionJobCommand)
      .rejects(awsError('AccessDeniedException', 403, 'User is not authorized to perform: bedrock:StartIngestionJob'))
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toMatch(
      /^Access denied for bedrock:StartIngestionJob on knowledge base LPR1PEW0LN data source AJIJE6BWIV: grant the role/
    )
  })

  it('says to check the id and region when the knowledge base is not found', async () => {
    bedrockMock.on(ListIngestionJobsCommand).rejects(awsError('ResourceNotFoundException', 404, 'KB not found'))
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext())
    expect(phase.error).toBe(
      'knowledge base LPR1PEW0LN data source AJIJE6BWIV was not found in region us-east-1 (bedrock:ListIngestionJobs): check the id and the region (ResourceNotFoundException: KB not found)'
    )
  })

  it('fails at once, naming the quota, when StartIngestionJob meets a used-up account quota', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    bedrockMock
      .on(StartIngestionJobCommand)
      .rejects(awsError('ServiceQuotaExceededException', 402, 'Concurrent ingestion jobs per account exceeded'))
    const clock = new FakeClock(0)
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext(clock))
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toBe(
      'bedrock:StartIngestionJob on knowledge base LPR1PEW0LN data source AJIJE6BWIV was refused because an account quota is used up; waiting will not help until other work ends. Raise the quota in https://us-east-1.console.aws.amazon.com/servicequotas/home/services/bedrock/quotas (ServiceQuotaExceededException: Concurrent ingestion jobs per account exceeded)'
    )
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(1)
    expect(clock.time).toBe(0)
  })

  it('stops at once when the run is cancelled, leaving the job it follows running', async () => {
    arrangeOwnJob()
    const cancel = new AbortController()
    let checks = 0
    bedrockMock.on(GetIngestionJobCommand).callsFake(async () => {
      if (++checks === 2) cancel.abort(new Cancelled('SIGINT'))
      return { ingestionJob: job('MINE', 'IN_PROGRESS') }
    })
    const clock = new FakeClock(0)
    const phase = await runIngestionPhase(CONFIG, synced(1), clients, RUN, phaseContext(clock, cancel.signal))
    expect(phase).toMatchObject({
      outcome: 'cancelled',
      job: { jobId: 'MINE', status: 'IN_PROGRESS' },
      leftRunning: { jobId: 'MINE', status: 'IN_PROGRESS' },
      statusChecks: 2
    })
    expect(phase.error).toBeUndefined()
    expect(checks).toBe(2)
  })

  it('starts nothing once cancelled, even in the middle of waiting for a job that was already running', async () => {
    const cancel = new AbortController()
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('THEIRS', 'IN_PROGRESS')] })
    bedrockMock.on(GetIngestionJobCommand).callsFake(async () => {
      cancel.abort(new Cancelled('SIGTERM'))
      return { ingestionJob: job('THEIRS', 'IN_PROGRESS') }
    })
    const phase = await runIngestionPhase(
      CONFIG,
      synced(1),
      clients,
      RUN,
      phaseContext(new FakeClock(0), cancel.signal)
    )
    expect(phase).toMatchObject({ outcome: 'cancelled', leftRunning: { jobId: 'THEIRS' } })
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(0)
  })

  it('gives up a phase whose calls keep failing when its time runs out, naming the last error', async () => {
    bedrockMock.on(ListIngestionJobsCommand).rejects(awsError('InternalServerException', 500, 'try later'))
    const clock = new FakeClock(0)
    const phase = await runIngestionPhase(
      { ...CONFIG, ingestionTimeoutMs: 60_000 },
      synced(1),
      clients,
      RUN,
      phaseContext(clock)
    )
    expect(phase.outcome).toBe('failed')
    expect(phase.error).toBe(
      'Gave up after ingestion_timeout_minutes = 1: bedrock:ListIngestionJobs on knowledge base LPR1PEW0LN data source AJIJE6BWIV failed (InternalServerException: try later)'
    )
    expect(clock.time).toBe(60_000)
  })
})

describe('decide after a batch that failed', () => {
  it('ingests, since a failed or cut-off batch may have changed documents it never counted', () => {
    const clean = { jobId: 'OLD', status: 'COMPLETE', statistics: undefined, failureReasons: [] }
    const failed = { ...synced(0), error: { kind: 'function_error' as const, message: 'boom' } }
    expect(decide('auto', failed, clean)).toMatchObject({
      start: true,
      mode: 'job',
      reason: 'a batch failed or was cut off, so what it changed in S3 is unknown'
    })
    expect(decide('auto', { ...synced(0), inFlightBatch: 2 }, clean).start).toBe(true)
  })
})

describe('a job an earlier run did not wait for', () => {
  const MARK = ' (kb-sync: not waited for)'
  const marked = (id: string, status: string, failureReasons?: string[], statistics = STATS) => ({
    ...job(id, status, statistics, failureReasons),
    description: `Started by kb-sync for acme/incidents${MARK}`
  })

  it('is marked when this run does not wait, and auto starts a full job then, so the next run can tell', async () => {
    arrangeOwnJob()
    const phase = await runIngestionPhase(
      { ...CONFIG, waitForIngestion: false },
      synced(1),
      clients,
      RUN,
      phaseContext()
    )
    expect(phase).toMatchObject({ outcome: 'started', mode: 'job' })
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)[0]!.args[0].input.description).toBe(
      `Started by kb-sync for acme/incidents${MARK}`
    )
  })

  it('fails this run with its failure reasons when it failed, then heals it with a new job', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [marked('OLD', 'FAILED')] })
    bedrockMock.on(GetIngestionJobCommand, { ingestionJobId: 'OLD' }).resolves({
      ingestionJob: marked('OLD', 'FAILED', ['S3 access denied'])
    })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    bedrockMock
      .on(GetIngestionJobCommand, { ingestionJobId: 'MINE' })
      .resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const phase = await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())
    expect(phase.earlier).toMatchObject({
      verdict: 'failed',
      message: 'The ingestion job an earlier run started without waiting for it (OLD) ended FAILED: S3 access denied'
    })
    expect(phase).toMatchObject({
      outcome: 'completed',
      job: { jobId: 'MINE' },
      reason: 'the last ingestion job (OLD) ended FAILED; healing it'
    })
  })

  it('reports a clean one without failing, and warns on failed documents when they are allowed', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [marked('OLD', 'COMPLETE')] })
    const clean = await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())
    expect(clean).toMatchObject({ outcome: 'skipped', earlier: { verdict: 'ok' } })
    expect(clean.earlier?.message).toMatch(
      /^The ingestion job an earlier run started without waiting for it \(OLD\) completed \(scanned 5/
    )

    bedrockMock.reset()
    const withFailures = { ...STATS, numberOfDocumentsFailed: 2 }
    bedrockMock
      .on(ListIngestionJobsCommand)
      .resolves({ ingestionJobSummaries: [marked('OLD', 'COMPLETE', undefined, withFailures)] })
    bedrockMock.on(StartIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'STARTING', undefined) })
    bedrockMock.on(GetIngestionJobCommand).resolves({ ingestionJob: job('MINE', 'COMPLETE') })
    const ctx = phaseContext()
    const lenient = await runIngestionPhase({ ...CONFIG, failOnDocumentFailures: false }, synced(0), clients, RUN, ctx)
    expect(lenient.earlier?.verdict).toBe('warning')
    expect(ctx.warned).toEqual([
      'The ingestion job an earlier run started without waiting for it (OLD) completed, but 2 documents failed to ingest'
    ])
  })

  it('is not reported when it is not the newest job, or when its run waited', async () => {
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [job('OLD', 'COMPLETE')] })
    expect((await runIngestionPhase(CONFIG, synced(0), clients, RUN, phaseContext())).earlier).toBeUndefined()
  })
})
