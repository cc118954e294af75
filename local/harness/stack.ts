import {
  BedrockAgentRuntimeClient,
  RetrieveCommand,
  type KnowledgeBaseRetrievalResult,
  type RetrievalFilter
} from '@aws-sdk/client-bedrock-agent-runtime'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderDocument } from '../../src/lambda/document.js'
import { isPending } from '../../src/pending.js'
import {
  Bedrock,
  BedrockAgentService,
  BedrockRuntimeService,
  type IngestionJobView
} from '../services/bedrock/bedrock.js'
import { systemClock, type Clock } from '../services/clock.js'
import { ACCOUNT_ID } from '../services/common/ids.js'
import { DynamoService } from '../services/dynamodb.js'
import { Faults } from '../services/faults/faults.js'
import { Gateway, OIDC_PATH, type CallRecord } from '../services/gateway/gateway.js'
import { sampleIncidents, type SampleIncident, type SampleOptions } from './incidents.js'
import { LambdaRuntime, LambdaService, type FunctionConfig, type InvocationRecord } from '../services/lambda/runtime.js'
import type { MetadataValue } from '../services/bedrock/retrieval.js'
import { S3Service } from '../services/s3/service.js'
import { S3Store } from '../services/s3/store.js'
import { Identity } from '../services/identity/identity.js'
import { OidcService } from '../services/identity/oidc.js'
import { StsService } from '../services/identity/sts.js'

export { ManualClock, systemClock, type Clock } from '../services/clock.js'
export {
  rawPayload,
  type FunctionConfig,
  type InProcessHandler,
  type InvocationRecord,
  type LambdaContext
} from '../services/lambda/runtime.js'
export type { Faults } from '../services/faults/faults.js'
export type { S3Object, S3Store } from '../services/s3/store.js'
export type { CallRecord } from '../services/gateway/gateway.js'
export type { IngestionJobView, IngestionStatistics, JobStatus } from '../services/bedrock/bedrock.js'
export type { SampleIncident, SampleOptions } from './incidents.js'

export interface StackIds {
  region: string
  accountId: string
  knowledgeBaseId: string
  dataSourceId: string
  functionName: string
  table: string
  index: string
  bucket: string
  /** Where the Lambda writes documents. */
  prefix: string
  /** What the data source reads (contains `prefix`). */
  dataSourcePrefix: string
  /** The role the action assumes with GitHub OIDC. */
  roleArn: string
}

export interface StackOptions {
  /** The reference Lambda's module. Default: dist/lambda/index.js when built, else src/lambda/index.ts (via tsx). */
  lambdaHandlerPath?: string
  /** Its timeout (default 300 000 ms). */
  lambdaTimeoutMs?: number
  /** Extra environment for it (e.g. `{ BATCH_LIMIT: '10' }`). */
  lambdaEnv?: Record<string, string>
  /** Time of the simulated services (default: the system clock). */
  clock?: Clock
  /** How long an ingestion job takes, STARTING included (default 1500 ms). */
  jobDurationMs?: number
  /** Extra job time per document (default 0). */
  perDocumentMs?: number
  /** Documents over this size fail ingestion (default 50 MB, Bedrock's limit). */
  maxDocumentBytes?: number
  /** Least time between StartIngestionJob calls, as Bedrock's rate limit (default 0: off). */
  startIngestionIntervalMs?: number
  /** Refuse requests signed for another region (default true). */
  strictRegion?: boolean
  /** Interface and port of the gateway (default 127.0.0.1, a free port). */
  host?: string
  port?: number
  ids?: Partial<
    Pick<
      StackIds,
      'knowledgeBaseId' | 'dataSourceId' | 'functionName' | 'table' | 'index' | 'bucket' | 'prefix' | 'dataSourcePrefix'
    >
  >
  /** GitHub context of the OIDC token (default repository `octo-org/incident-analyzer`, run 4242 attempt 1). */
  github?: { repository?: string; runId?: string; runAttempt?: string; claims?: Record<string, unknown> }
  /** The role's trust: accepted audiences (default `sts.amazonaws.com`) and subjects (default `repo:<repository>:*`). */
  trust?: { audiences?: string[]; subjects?: string[] }
}

export interface Truth {
  incidents: Record<string, unknown>[]
  closedIds: string[]
  /** CLOSED and not synced, by the Lambda's own rule. */
  pendingIds: string[]
  /** `kb_sync_status.synced === true`. */
  syncedIds: string[]
  /** Every object in the bucket. */
  objects: { key: string; etag: string; size: number }[]
  /** Document keys (not sidecars) under the Lambda's prefix. */
  documentKeys: string[]
  /** What the knowledge base has ingested. */
  indexed: { key: string; uri: string; etag: string; metadata: Record<string, MetadataValue> }[]
  jobs: IngestionJobView[]
}

export interface RetrieveOptions {
  numberOfResults?: number
  filter?: RetrievalFilter
}

export interface Stack {
  /** The gateway's base URL: every service answers here. */
  readonly url: string
  /** Environment for the action (and any AWS SDK client) to use this stack. */
  readonly env: Record<string, string>
  readonly ids: StackIds
  readonly faults: Faults
  readonly clock: Clock
  /** SDK client configuration for tests: `new LambdaClient(stack.clientConfig)`. */
  readonly clientConfig: {
    region: string
    endpoint: string
    credentials: { accessKeyId: string; secretAccessKey: string }
  }
  /** The buckets, for tests that plant or inspect objects without going through S3's API. */
  readonly s3: S3Store
  /** Writes `n` sample incidents (a mix of statuses, priorities and services) or the given items. */
  seedIncidents(
    incidents: number | Record<string, unknown>[],
    options?: SampleOptions
  ): Promise<Record<string, unknown>[]>
  /** What is really there: DynamoDB, S3, the knowledge base's index and jobs. */
  truth(): Promise<Truth>
  /** bedrock-agent-runtime Retrieve against this stack's knowledge base. */
  retrieve(query: string, options?: RetrieveOptions): Promise<KnowledgeBaseRetrievalResult[]>
  /** Every request the gateway answered, in order. */
  calls(): CallRecord[]
  /** Every Lambda invocation that finished, in order. */
  invocations(): InvocationRecord[]
  /** Registers (or replaces) a function, e.g. an in-process handler returning odd shapes. */
  setFunction(name: string, config: FunctionConfig): void
  /** Changes a function's settings (timeout, env, ...). */
  configureFunction(name: string, changes: Partial<FunctionConfig>): void
  /** Waits until no Event invocation is running. */
  idle(): Promise<void>
  stop(): Promise<void>
}

/** 10 s of a 5-minute function; a short test timeout keeps the same proportion. */
function safetyMargin(timeoutMs: number): number {
  return Math.min(10_000, Math.floor(timeoutMs / 10))
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

function defaultHandlerPath(): string {
  const dist = join(ROOT, 'dist', 'lambda', 'index.js')
  return existsSync(dist) ? dist : join(ROOT, 'src', 'lambda', 'index.ts')
}

/** Starts the stack: one gateway port for every service, DynamoDB table, bucket, knowledge base and function. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const region = 'us-east-1'
  const clock = options.clock ?? systemClock
  const faults = new Faults()
  const ids: StackIds = {
    region,
    accountId: ACCOUNT_ID,
    knowledgeBaseId: 'LOCALKB001',
    dataSourceId: 'LOCALDS001',
    functionName: 'incident-kb-batch-sync',
    table: 'incidents',
    index: 'status-priority-index',
    bucket: 'incident-analyzer-dev-incidents-dev',
    prefix: 'incidents/closed/',
    dataSourcePrefix: 'incidents/',
    roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/kb-sync-github-actions`,
    ...options.ids
  }
  const repository = options.github?.repository ?? 'octo-org/incident-analyzer'
  const runId = options.github?.runId ?? '4242'
  const runAttempt = options.github?.runAttempt ?? '1'
  const identity = new Identity(
    clock,
    { requestToken: randomBytes(24).toString('hex'), repository, runId, runAttempt, claims: options.github?.claims },
    {
      roleArn: ids.roleArn,
      audiences: options.trust?.audiences ?? ['sts.amazonaws.com'],
      subjects: options.trust?.subjects ?? [`repo:${repository}:*`]
    }
  )
  const principalOf = identity.principalOf

  const store = new S3Store()
  store.createBucket(ids.bucket)
  const bedrock = new Bedrock(
    store,
    clock,
    faults,
    {
      jobDurationMs: options.jobDurationMs ?? 1500,
      perDocumentMs: options.perDocumentMs ?? 0,
      maxDocumentBytes: options.maxDocumentBytes ?? 50 * 1024 * 1024,
      startIntervalMs: options.startIngestionIntervalMs ?? 0
    },
    region
  )
  bedrock.addKnowledgeBase(
    ids.knowledgeBaseId,
    'incident-analyzer-dev-incidents-kb',
    `arn:aws:iam::${ACCOUNT_ID}:role/incident-kb-service-role`
  )
  bedrock.addDataSource(ids.knowledgeBaseId, ids.dataSourceId, 'incidents-s3', ids.bucket, [ids.dataSourcePrefix])

  const dynamo = new DynamoService(faults, principalOf, region)
  const runtime = new LambdaRuntime(region, faults)
  const gateway = new Gateway(
    {
      dynamodb: dynamo,
      s3: new S3Service(store, faults, principalOf),
      lambda: new LambdaService(runtime, faults, principalOf),
      bedrockAgent: new BedrockAgentService(bedrock, faults, principalOf),
      bedrockRuntime: new BedrockRuntimeService(bedrock, faults, principalOf),
      sts: new StsService(identity, faults),
      oidc: new OidcService(identity, faults)
    },
    { region, strictRegion: options.strictRegion ?? true, host: options.host ?? '127.0.0.1', port: options.port ?? 0 }
  )

  await dynamo.start()
  try {
    await gateway.start()
    await dynamo.createIncidentsTable(ids.table, ids.index)
  } catch (err) {
    await gateway.stop()
    await dynamo.stop()
    throw err
  }
  const url = gateway.url

  // The function's own identity, as Lambda gives it an execution role: its calls show up under that role.
  const lambdaKey = 'ASIALAMBDAEXECROLE01'
  identity.registerCredentials(
    lambdaKey,
    `arn:aws:iam::${ACCOUNT_ID}:role/incident-kb-batch-sync-role`,
    ids.functionName
  )
  const timeoutMs = options.lambdaTimeoutMs ?? 300_000
  runtime.register(ids.functionName, {
    handlerPath: options.lambdaHandlerPath ?? defaultHandlerPath(),
    timeoutMs,
    memoryMb: 512,
    qualifiers: { '1': '1', live: '1' },
    env: {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: lambdaKey,
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SESSION_TOKEN: 'local',
      AWS_ENDPOINT_URL: url,
      AWS_ENDPOINT_URL_DYNAMODB: url,
      AWS_ENDPOINT_URL_S3: url,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_NAME: ids.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${ids.functionName}`,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      TABLE_NAME: ids.table,
      STATUS_INDEX: ids.index,
      BUCKET_NAME: ids.bucket,
      KEY_PREFIX: ids.prefix,
      BATCH_LIMIT: '50',
      CONCURRENCY: '8',
      SAFETY_MARGIN_MS: String(safetyMargin(timeoutMs)),
      ...options.lambdaEnv
    }
  })

  const env: Record<string, string> = {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: 'AKIALOCALDEVELOPER01',
    AWS_SECRET_ACCESS_KEY: 'local-secret-access-key',
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT_URL_LAMBDA: url,
    AWS_ENDPOINT_URL_BEDROCK_AGENT: url,
    AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME: url,
    AWS_ENDPOINT_URL_DYNAMODB: url,
    AWS_ENDPOINT_URL_S3: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_EC2_METADATA_DISABLED: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: `${url}${OIDC_PATH}?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: identity.oidc.requestToken,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: repository.split('/')[0] ?? repository,
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: runAttempt,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKFLOW: 'kb-sync',
    GITHUB_EVENT_NAME: 'workflow_dispatch'
  }
  const clientConfig = {
    region,
    endpoint: url,
    credentials: { accessKeyId: 'AKIALOCALTESTCLIENT1', secretAccessKey: 'local-secret-access-key' }
  }

  let seq = 1
  let runtimeClient: BedrockAgentRuntimeClient | undefined
  let stopped = false

  const stack: Stack = {
    url,
    env,
    ids,
    faults,
    clock,
    clientConfig,
    s3: store,
    async seedIncidents(incidents, seedOptions = {}) {
      const items: Record<string, unknown>[] =
        typeof incidents === 'number' ? sampleIncidents(incidents, seq, seedOptions) : incidents
      if (typeof incidents === 'number') seq += incidents
      await dynamo.putItems(ids.table, items)
      // Items seeded as already synced get their document too, so S3 agrees with the table.
      for (const item of items as SampleIncident[]) {
        if (item.kb_sync_status?.synced === true) {
          const doc = renderDocument(item, ids.prefix)
          store.put(ids.bucket, doc.metadataKey, doc.metadata, 'application/json')
          store.put(ids.bucket, doc.key, doc.body, 'application/json')
        }
      }
      return items
    },
    async truth() {
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
        documentKeys: objects
          .map((o) => o.key)
          .filter((k) => k.startsWith(ids.prefix) && !k.endsWith('.metadata.json')),
        indexed: bedrock
          .indexed()
          .map((d) => ({ key: d.key, uri: d.uri, etag: d.etag, metadata: d.metadata }))
          .sort((a, b) => a.key.localeCompare(b.key)),
        jobs: bedrock.allJobs()
      }
    },
    async retrieve(query, retrieveOptions = {}) {
      runtimeClient ??= new BedrockAgentRuntimeClient(clientConfig)
      const res = await runtimeClient.send(
        new RetrieveCommand({
          knowledgeBaseId: ids.knowledgeBaseId,
          retrievalQuery: { text: query },
          retrievalConfiguration: {
            vectorSearchConfiguration: {
              numberOfResults: retrieveOptions.numberOfResults ?? 5,
              filter: retrieveOptions.filter
            }
          }
        })
      )
      return res.retrievalResults ?? []
    },
    calls: () => [...gateway.calls],
    invocations: () => [...runtime.invocations],
    setFunction: (name, config) => runtime.register(name, config),
    configureFunction: (name, changes) => {
      // The reference Lambda keeps its safety margin in proportion to its timeout, unless told otherwise: a 10 s
      // margin left over from 5 minutes would make a function with a 2 s timeout give up before its first item.
      const keepsProportion =
        name === ids.functionName &&
        changes.timeoutMs !== undefined &&
        changes.env?.SAFETY_MARGIN_MS === undefined &&
        options.lambdaEnv?.SAFETY_MARGIN_MS === undefined
      runtime.configure(
        name,
        keepsProportion
          ? { ...changes, env: { ...changes.env, SAFETY_MARGIN_MS: String(safetyMargin(changes.timeoutMs ?? 0)) } }
          : changes
      )
    },
    idle: () => runtime.idle(),
    async stop() {
      if (stopped) return
      stopped = true
      runtimeClient?.destroy()
      await runtime.stop()
      await runtime.idle()
      await gateway.stop()
      await dynamo.stop()
    }
  }
  return stack
}
