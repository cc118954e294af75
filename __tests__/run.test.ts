import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  BedrockAgentClient,
  GetDataSourceCommand,
  GetIngestionJobCommand,
  GetKnowledgeBaseCommand,
  ListIngestionJobsCommand,
  StartIngestionJobCommand
} from '@aws-sdk/client-bedrock-agent'
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb'
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { Uint8ArrayBlobAdapter } from '@smithy/core/serde'
import { mockClient } from 'aws-sdk-client-mock'
import type { AwsClients, ClientSettings } from '../src/aws/clients.js'
import type { InputName } from '../src/inputs.js'
import { Cancelled } from '../src/deadline.js'
import { runKbSync } from '../src/pipeline/run.js'
import { buildOutputs } from '../src/report/outputs.js'
import { awsError, FakeClock, RecordingLogger, RUN, stubClients } from './support/fakes.js'

const lambdaMock = mockClient(LambdaClient)
const bedrockMock = mockClient(BedrockAgentClient)
const dynamoMock = mockClient(DynamoDBClient)
const stsMock = mockClient(STSClient)
const cloudwatchMock = mockClient(CloudWatchClient)

const STATS = {
  numberOfDocumentsScanned: 10,
  numberOfMetadataDocumentsScanned: 10,
  numberOfNewDocumentsIndexed: 10,
  numberOfModifiedDocumentsIndexed: 0,
  numberOfMetadataDocumentsModified: 0,
  numberOfDocumentsDeleted: 0,
  numberOfDocumentsFailed: 0
}
const ENV = { AWS_REGION: 'us-east-1', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/?x=1' }

function harness(inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv = ENV) {
  const all: Partial<Record<InputName, string>> = {
    knowledge_base_id: 'LPR1PEW0LN',
    data_source_id: 'AJIJE6BWIV',
    ...inputs
  }
  const masked: string[] = []
  const built: ClientSettings[] = []
  const logger = new RecordingLogger()
  const clock = new FakeClock(0)
  const deps = {
    readInput: (name: InputName) => all[name],
    env,
    run: RUN,
    clock,
    logger,
    getIdToken: async (audience: string) => `oidc-token-for-${audience}`,
    mask: (secret: string) => void masked.push(secret),
    createClients: (settings: ClientSettings): AwsClients => {
      built.push(settings)
      const credentials = async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' })
      return stubClients(
        {
          lambda: new LambdaClient({ region: settings.region, credentials }),
          bedrock: new BedrockAgentClient({ region: settings.region, credentials }),
          dynamodb: new DynamoDBClient({ region: settings.region, credentials })
        },
        settings.credentials ?? credentials
      )
    }
  }
  return { deps, masked, built, logger, clock }
}

const encode = (value: unknown) => Uint8ArrayBlobAdapter.fromString(JSON.stringify(value))

beforeEach(() => {
  lambdaMock.reset()
  bedrockMock.reset()
  dynamoMock.reset()
  stsMock.reset()
  cloudwatchMock.reset()
  cloudwatchMock.on(PutMetricDataCommand).resolves({})
})

/** No job ran before; ours is accepted as `id` and ends COMPLETE with STATS. */
function jobCompletes(id: string): void {
  bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
  bedrockMock
    .on(StartIngestionJobCommand)
    .resolves({ ingestionJob: { ingestionJobId: id, status: 'STARTING' } as never })
  bedrockMock
    .on(GetIngestionJobCommand)
    .resolves({ ingestionJob: { ingestionJobId: id, status: 'COMPLETE', statistics: STATS } as never })
}

function happyAws(): void {
  dynamoMock.on(QueryCommand).resolvesOnce({ Count: 10 }).resolves({ Count: 0 })
  lambdaMock.on(InvokeCommand).resolves({
    StatusCode: 200,
    Payload: encode({ successfully_synced: 10, failed: 0, total_processed: 10, has_more: false })
  })
  jobCompletes('JOB1')
}

describe('runKbSync', () => {
  it('runs the whole pipeline and reports it in the sync_and_ingest shape', async () => {
    happyAws()
    const { deps, logger } = harness({})
    const result = await runKbSync(deps)
    const outputs = buildOutputs(result)

    expect(result.problems).toEqual([])
    expect(outputs).toMatchObject({
      status: 'completed',
      synced_count: '10',
      sync_failed_count: '0',
      processed_count: '10',
      sync_batches: '1',
      backlog_remaining: '0',
      ingestion_job_id: 'JOB1',
      ingestion_status: 'COMPLETE'
    })
    expect(JSON.parse(outputs.statistics)).toEqual(STATS)
    expect(JSON.parse(outputs.result)).toEqual({
      status: 'completed',
      sync_phase: {
        successfully_synced: 10,
        failed: 0,
        total_processed: 10,
        updated: 0,
        removed: 0,
        batches: 1,
        backlog_before: 10,
        backlog_after: 0
      },
      ingestion_phase: {
        mode: 'job',
        fallback_reason: 'the Lambda does not list the documents it writes (synced_documents, removed_documents)',
        job_id: 'JOB1',
        status: 'COMPLETE',
        statistics: STATS,
        failure_reasons: []
      },
      total_duration_seconds: Number(outputs.duration_seconds)
    })
    expect(logger.groups).toEqual(['Credentials', 'Sync: DynamoDB → S3', 'Ingestion: S3 → Knowledge Base'])
  })

  it('reports a cancelled run as cancelled, with what it knows and the job it left running', async () => {
    happyAws()
    const cancel = new AbortController()
    bedrockMock.on(GetIngestionJobCommand).callsFake(async () => {
      cancel.abort(new Cancelled('SIGINT'))
      return { ingestionJob: { ingestionJobId: 'JOB1', status: 'IN_PROGRESS' } as never }
    })
    const { deps } = harness({})
    const result = await runKbSync({ ...deps, cancel: cancel.signal })
    const outputs = buildOutputs(result)

    expect(result.cancelled).toEqual({ signal: 'SIGINT', during: 'ingestion' })
    expect(result.ingestion.leftRunning).toMatchObject({ jobId: 'JOB1', status: 'IN_PROGRESS' })
    expect(outputs).toMatchObject({
      status: 'cancelled',
      synced_count: '10',
      ingestion_job_id: 'JOB1',
      ingestion_status: 'IN_PROGRESS'
    })
  })

  it('starts no ingestion job once the run is cancelled during the sync', async () => {
    happyAws()
    const cancel = new AbortController()
    lambdaMock.on(InvokeCommand).callsFake(async () => {
      cancel.abort(new Cancelled('SIGTERM'))
      return { StatusCode: 200, Payload: encode({ successfully_synced: 10, failed: 0, total_processed: 10 }) }
    })
    const { deps } = harness({})
    const result = await runKbSync({ ...deps, cancel: cancel.signal })
    expect(result.status).toBe('cancelled')
    expect(result.cancelled).toEqual({ signal: 'SIGTERM', during: 'sync' })
    expect(result.ingestion).toMatchObject({ outcome: 'skipped', reason: 'the run was cancelled' })
    expect(bedrockMock.calls()).toHaveLength(0)
  })

  it('publishes the run as metrics in its namespace, by knowledge base and data source', async () => {
    happyAws()
    const { deps } = harness({ metrics_namespace: 'Team/KB' })
    const result = await runKbSync(deps)
    expect(result.status).toBe('completed')
    const calls = cloudwatchMock.commandCalls(PutMetricDataCommand)
    expect(calls).toHaveLength(1)
    const input = calls[0]!.args[0].input
    expect(input.Namespace).toBe('Team/KB')
    expect(Object.fromEntries((input.MetricData ?? []).map((d) => [d.MetricName, d.Value]))).toEqual({
      IngestionJobsStarted: 1,
      IngestionJobsCompleted: 1,
      IngestionJobsFailed: 0,
      DocumentsIndexed: 10,
      DocumentsFailed: 0,
      BacklogRemaining: 0,
      RunFailed: 0
    })
    expect(input.MetricData?.[0]?.Dimensions).toEqual([
      { Name: 'KnowledgeBaseId', Value: 'LPR1PEW0LN' },
      { Name: 'DataSourceId', Value: 'AJIJE6BWIV' }
    ])
  })

  it('only warns when the metrics cannot be published, and publishes none with an empty namespace', async () => {
    happyAws()
    cloudwatchMock.on(PutMetricDataCommand).rejects(awsError('AccessDeniedException', 403, 'not authorized'))
    const { deps } = harness({})
    const result = await runKbSync(deps)
    expect(result.status).toBe('completed')
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^Metrics were not published \(the run's outcome stands\): Access denied for cloudwatch:PutMetricData/
      )
    ])

    cloudwatchMock.resetHistory()
    happyAws()
    await runKbSync(harness({ metrics_namespace: '' }).deps)
    expect(cloudwatchMock.commandCalls(PutMetricDataCommand)).toHaveLength(0)
  })

  it('fails on bad input before any AWS call, listing each problem', async () => {
    const { deps, built } = harness({ knowledge_base_id: 'nope', max_sync_batches: 'lots' })
    const result = await runKbSync(deps)
    expect(result.status).toBe('failed')
    expect(result.problems.map((p) => p.phase)).toEqual(['inputs', 'inputs'])
    expect(built).toHaveLength(0)
    expect(buildOutputs(result)).toMatchObject({
      status: 'failed',
      sync_batches: '0',
      ingestion_job_id: '',
      backlog_remaining: ''
    })
  })

  it('assumes the role with the GitHub OIDC token and masks every secret', async () => {
    happyAws()
    stsMock.on(AssumeRoleWithWebIdentityCommand).resolves({
      Credentials: {
        AccessKeyId: 'ASIAOIDC',
        SecretAccessKey: 'oidc-secret',
        SessionToken: 'oidc-session',
        Expiration: new Date(3_600_000)
      }
    })
    const { deps, masked, built } = harness({
      role_to_assume: 'arn:aws:iam::123456789012:role/kb-sync',
      audience: 'sts.amazonaws.com'
    })
    const result = await runKbSync(deps)

    expect(result.status).toBe('completed')
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand)[0]!.args[0].input).toEqual({
      RoleArn: 'arn:aws:iam::123456789012:role/kb-sync',
      RoleSessionName: 'kb-sync-4242',
      WebIdentityToken: 'oidc-token-for-sts.amazonaws.com',
      DurationSeconds: 3600
    })
    expect(masked).toEqual(['oidc-token-for-sts.amazonaws.com', 'ASIAOIDC', 'oidc-secret', 'oidc-session'])
    expect(await built[0]!.credentials!()).toMatchObject({
      accessKeyId: 'ASIAOIDC',
      secretAccessKey: 'oidc-secret',
      sessionToken: 'oidc-session'
    })
  })

  it('names the missing id-token: write permission', async () => {
    const { deps } = harness({ role_to_assume: 'arn:aws:iam::123456789012:role/kb-sync' }, { AWS_REGION: 'us-east-1' })
    const result = await runKbSync(deps)
    expect(result.status).toBe('failed')
    expect(result.problems).toEqual([
      { phase: 'credentials', message: expect.stringContaining('add "permissions: id-token: write"') }
    ])
    expect(lambdaMock.calls()).toHaveLength(0)
  })

  it('names sts:AssumeRoleWithWebIdentity when the trust policy refuses', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(awsError('AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity'))
    const { deps } = harness({ role_to_assume: 'arn:aws:iam::123456789012:role/kb-sync' })
    const result = await runKbSync(deps)
    expect(result.problems[0]?.message).toMatch(
      /^sts:AssumeRoleWithWebIdentity was refused for arn:aws:iam::123456789012:role\/kb-sync: check that the role's trust policy/
    )
  })

  it('still ingests what synced after a sync error, and fails at the end', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 0 })
    lambdaMock
      .on(InvokeCommand)
      .resolvesOnce({
        StatusCode: 200,
        Payload: encode({ successfully_synced: 50, failed: 0, total_processed: 50, has_more: true })
      })
      .resolves({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: encode({ errorType: 'Error', errorMessage: 'S3 down' })
      })
    jobCompletes('JOB2')
    const { deps } = harness({})
    const result = await runKbSync(deps)

    expect(result.status).toBe('failed')
    expect(result.ingestion.outcome).toBe('completed')
    expect(result.problems).toEqual([
      { phase: 'sync', message: 'Batch 2: the Lambda incident-kb-batch-sync failed (Unhandled) with Error: S3 down' }
    ])
    expect(buildOutputs(result)).toMatchObject({
      status: 'failed',
      synced_count: '50',
      sync_batches: '2',
      ingestion_job_id: 'JOB2',
      ingestion_status: 'COMPLETE'
    })
  })

  it('fails when incidents failed to sync, after ingesting the ones that did', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 2 })
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: encode({
        successfully_synced: 8,
        failed: 2,
        total_processed: 10,
        has_more: false,
        failed_ids: ['INC-1', 'INC-2']
      })
    })
    jobCompletes('JOB3')
    const result = await runKbSync(harness({}).deps)
    expect(result.status).toBe('failed')
    expect(result.problems).toEqual([
      {
        phase: 'sync',
        message:
          '2 incidents failed to sync to S3: INC-1, INC-2. Incidents that failed stay pending, and the next run retries them.'
      }
    ])
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(1)
  })

  it('says so when later batches of the run synced the failed incidents after all', async () => {
    dynamoMock.on(QueryCommand).resolvesOnce({ Count: 60 }).resolves({ Count: 0 })
    lambdaMock
      .on(InvokeCommand)
      .resolvesOnce({
        StatusCode: 200,
        Payload: encode({
          successfully_synced: 49,
          failed: 1,
          total_processed: 50,
          has_more: true,
          failed_ids: ['INC-7']
        })
      })
      .resolves({
        StatusCode: 200,
        Payload: encode({ successfully_synced: 11, failed: 0, total_processed: 11, has_more: false })
      })
    jobCompletes('JOB4')
    const result = await runKbSync(harness({}).deps)
    expect(result.status).toBe('failed')
    expect(result.problems).toEqual([
      {
        phase: 'sync',
        message:
          '1 incidents failed to sync to S3: INC-7. Later batches of this run synced them again; nothing is pending now.'
      }
    ])
  })

  it('reports skipped when nothing needed doing', async () => {
    dynamoMock.on(QueryCommand).resolves({ Count: 0 })
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      Payload: encode({ successfully_synced: 0, failed: 0, total_processed: 0, has_more: false })
    })
    bedrockMock
      .on(ListIngestionJobsCommand)
      .resolves({ ingestionJobSummaries: [{ ingestionJobId: 'OLD', status: 'COMPLETE', statistics: STATS } as never] })
    const result = await runKbSync(harness({}).deps)
    expect(result.status).toBe('skipped')
    expect(buildOutputs(result)).toMatchObject({
      status: 'skipped',
      synced_count: '0',
      ingestion_job_id: '',
      statistics: ''
    })
  })

  it('reports started when the job is not waited for', async () => {
    happyAws()
    const result = await runKbSync(harness({ wait_for_ingestion: 'false' }).deps)
    expect(buildOutputs(result)).toMatchObject({
      status: 'started',
      ingestion_job_id: 'JOB1',
      ingestion_status: 'STARTING'
    })
    expect(bedrockMock.commandCalls(GetIngestionJobCommand)).toHaveLength(0)
  })

  it('dry run checks everything and starts nothing', async () => {
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 204 })
    bedrockMock
      .on(GetKnowledgeBaseCommand)
      .resolves({ knowledgeBase: { name: 'incidents-kb', status: 'ACTIVE' } as never })
    bedrockMock
      .on(GetDataSourceCommand)
      .resolves({ dataSource: { name: 'incidents-s3', status: 'AVAILABLE' } as never })
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    dynamoMock.on(QueryCommand).resolves({ Count: 4 })
    const result = await runKbSync(harness({ dry_run: 'true' }).deps)

    expect(result.status).toBe('dry_run')
    expect(buildOutputs(result)).toMatchObject({ status: 'dry_run', backlog_remaining: '4', sync_batches: '0' })
    expect(result.checks.map((c) => [c.name, c.status])).toEqual([
      ['Inputs are valid', 'ok'],
      ['Credentials', 'ok'],
      ['Lambda can be invoked (DryRun)', 'ok'],
      ['Knowledge base exists', 'ok'],
      ['Data source exists', 'ok'],
      ['Ingestion jobs can be listed', 'ok'],
      ['Backlog can be counted', 'ok']
    ])
    expect(lambdaMock.commandCalls(InvokeCommand).map((c) => c.args[0].input.InvocationType)).toEqual(['DryRun'])
    expect(bedrockMock.commandCalls(StartIngestionJobCommand)).toHaveLength(0)
  })

  it('dry run warns about a knowledge base or data source that is not ready', async () => {
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 204 })
    bedrockMock
      .on(GetKnowledgeBaseCommand)
      .resolves({ knowledgeBase: { name: 'incidents-kb', status: 'FAILED' } as never })
    bedrockMock.on(GetDataSourceCommand).resolves({ dataSource: { name: 'incidents-s3', status: 'DELETING' } as never })
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    dynamoMock.on(QueryCommand).resolves({ Count: 0 })
    const result = await runKbSync(harness({ dry_run: 'true' }).deps)
    expect(result.status).toBe('dry_run')
    expect(result.checks.filter((c) => c.status === 'warning')).toEqual([
      {
        name: 'Knowledge base exists',
        status: 'warning',
        detail: 'incidents-kb is FAILED; an ingestion job may not start'
      },
      {
        name: 'Data source exists',
        status: 'warning',
        detail: 'incidents-s3 is DELETING; an ingestion job may not start'
      }
    ])
    expect(result.warnings).toHaveLength(2)
  })

  it('dry run fails when a check fails, naming the refused permission', async () => {
    lambdaMock.on(InvokeCommand).rejects(awsError('AccessDeniedException', 403))
    bedrockMock.on(GetKnowledgeBaseCommand).resolves({ knowledgeBase: { name: 'kb', status: 'ACTIVE' } as never })
    bedrockMock.on(GetDataSourceCommand).resolves({ dataSource: { name: 'ds', status: 'AVAILABLE' } as never })
    bedrockMock.on(ListIngestionJobsCommand).resolves({ ingestionJobSummaries: [] })
    dynamoMock.on(QueryCommand).resolves({ Count: 0 })
    const result = await runKbSync(harness({ dry_run: 'true' }).deps)
    expect(result.status).toBe('failed')
    expect(result.problems).toEqual([
      {
        phase: 'dry_run',
        message: expect.stringMatching(
          /^Lambda can be invoked \(DryRun\): Access denied for lambda:InvokeFunction on function incident-kb-batch-sync/
        )
      }
    ])
  })
})
