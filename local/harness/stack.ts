import { BedrockAgentRuntimeClient, RetrieveCommand } from '@aws-sdk/client-bedrock-agent-runtime'
import { randomBytes } from 'node:crypto'
import { BedrockAgentService } from '../services/bedrock/agent-service.js'
import { Bedrock } from '../services/bedrock/bedrock.js'
import { BedrockRuntimeService } from '../services/bedrock/runtime-service.js'
import { systemClock, type Clock } from '../services/clock.js'
import { MetricStore } from '../services/cloudwatch/metrics.js'
import { CloudWatchService } from '../services/cloudwatch/service.js'
import { ACCOUNT_ID } from '../services/common/ids.js'
import { DynamoService } from '../services/dynamodb.js'
import { Faults } from '../services/faults/faults.js'
import { Gateway, GITHUB_API_PATH, type Routes } from '../services/gateway/gateway.js'
import { copyIssue, IssueTracker } from '../services/github/issues.js'
import { GitHubService } from '../services/github/service.js'
import { Identity } from '../services/identity/identity.js'
import { OidcService } from '../services/identity/oidc.js'
import { StsService } from '../services/identity/sts.js'
import { LambdaRuntime } from '../services/lambda/runtime.js'
import { LambdaService } from '../services/lambda/service.js'
import type { FunctionConfig } from '../services/lambda/types.js'
import { S3Service } from '../services/s3/service.js'
import { S3Store } from '../services/s3/store.js'
import {
  actionEnvironment,
  defaultHandlerPath,
  githubRun,
  githubToken,
  LAMBDA_ACCESS_KEY,
  lambdaEnvironment,
  safetyMargin,
  stackIds,
  testClientConfig
} from './config.js'
import { sampleIncidents } from './incidents.js'
import { readTruth, seed } from './truth.js'
import type { Stack, StackGitHub, StackIds, StackOptions } from './types.js'

export { ManualClock, systemClock, type Clock } from '../services/clock.js'
export { rawPayload } from '../services/lambda/types.js'
export type { FunctionConfig, InProcessHandler, InvocationRecord, LambdaContext } from '../services/lambda/types.js'
export type { Faults } from '../services/faults/faults.js'
export type { CallMatcher } from '../services/faults/types.js'
export type { S3Object, S3Store } from '../services/s3/store.js'
export type { CallRecord } from '../services/gateway/gateway.js'
export type { MetricPoint } from '../services/cloudwatch/metrics.js'
export type {
  IssueComment,
  IssueRecord,
  IssueSeed,
  IssueState,
  IssueStateChange,
  IssuesPermission,
  StateReason
} from '../services/github/issues.js'
export type { IngestionJobView, IngestionStatistics, JobStatus } from '../services/bedrock/model.js'
export type { DocumentOperationView } from '../services/bedrock/documents.js'
export type { SampleIncident, SampleOptions } from './incidents.js'
export type { RetrieveOptions, Stack, StackGitHub, StackIds, StackOptions, Truth } from './types.js'

/** The services of one stack, before they are started. */
interface Parts {
  options: StackOptions
  ids: StackIds
  clock: Clock
  faults: Faults
  identity: Identity
  store: S3Store
  bedrock: Bedrock
  dynamo: DynamoService
  runtime: LambdaRuntime
  metrics: MetricStore
  issues: IssueTracker
  /** The token the GitHub API accepts. */
  githubToken: string
  gateway: Gateway
}

/** Starts the stack: one gateway port for every service, DynamoDB table, bucket, knowledge base and function. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const parts = assemble(options)
  await startServers(parts)
  registerReferenceFunction(parts)
  return stackHandle(parts)
}

function assemble(options: StackOptions): Parts {
  const clock = options.clock ?? systemClock
  const faults = new Faults()
  const ids = stackIds(options)
  const identity = createIdentity(clock, ids, options)
  const store = new S3Store()
  store.createBucket(ids.bucket)
  const bedrock = createKnowledgeBase(store, clock, faults, ids, options)
  const dynamo = new DynamoService(faults, identity.principalOf, ids.region)
  const runtime = new LambdaRuntime(ids.region, faults)
  const metrics = new MetricStore()
  const issues = new IssueTracker(clock)
  issues.permissions = { issues: options.github?.permissions?.issues ?? 'write' }
  const services = { clock, faults, identity, store, bedrock, dynamo, runtime, metrics, issues }
  const token = githubToken(options)
  const gateway = new Gateway(routes({ ...services, githubToken: token }), {
    region: ids.region,
    strictRegion: options.strictRegion ?? true,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0
  })
  return { options, ids, ...services, githubToken: token, gateway }
}

/** GitHub's token endpoint and STS, trusting the tokens of the configured run for the stack's role. */
function createIdentity(clock: Clock, ids: StackIds, options: StackOptions): Identity {
  const run = githubRun(options)
  const requestToken = randomBytes(24).toString('hex')
  return new Identity(
    clock,
    { requestToken, ...run, claims: options.github?.claims },
    {
      roleArn: ids.roleArn,
      audiences: options.trust?.audiences ?? ['sts.amazonaws.com'],
      subjects: options.trust?.subjects ?? [`repo:${run.repository}:*`]
    }
  )
}

/** One knowledge base with one S3 data source over the bucket's data source prefix. */
function createKnowledgeBase(
  store: S3Store,
  clock: Clock,
  faults: Faults,
  ids: StackIds,
  options: StackOptions
): Bedrock {
  const bedrock = new Bedrock(
    store,
    clock,
    faults,
    {
      jobDurationMs: options.jobDurationMs ?? 1500,
      perDocumentMs: options.perDocumentMs ?? 0,
      maxDocumentBytes: options.maxDocumentBytes ?? 50 * 1024 * 1024,
      startIntervalMs: options.startIngestionIntervalMs ?? 0,
      documentDurationMs: options.documentDurationMs ?? 500
    },
    ids.region
  )
  const serviceRole = `arn:aws:iam::${ACCOUNT_ID}:role/incident-kb-service-role`
  bedrock.addKnowledgeBase(ids.knowledgeBaseId, 'incident-analyzer-dev-incidents-kb', serviceRole)
  bedrock.addDataSource(ids.knowledgeBaseId, ids.dataSourceId, 'incidents-s3', ids.bucket, [ids.dataSourcePrefix])
  return bedrock
}

function routes(p: Omit<Parts, 'options' | 'ids' | 'gateway'>): Routes {
  const principalOf = p.identity.principalOf
  return {
    dynamodb: p.dynamo,
    s3: new S3Service(p.store, p.faults, principalOf),
    lambda: new LambdaService(p.runtime, p.faults, principalOf),
    bedrockAgent: new BedrockAgentService(p.bedrock, p.faults, principalOf),
    bedrockRuntime: new BedrockRuntimeService(p.bedrock, p.faults, principalOf),
    sts: new StsService(p.identity, p.faults),
    oidc: new OidcService(p.identity, p.faults),
    cloudwatch: new CloudWatchService(p.metrics, p.clock, p.faults, principalOf),
    github: new GitHubService(p.issues, p.githubToken, p.faults, principalOf)
  }
}

/** dynalite, then the gateway, then the table; what started is stopped again if a later step fails. */
async function startServers({ dynamo, gateway, ids }: Parts): Promise<void> {
  await dynamo.start()
  try {
    await gateway.start()
    await dynamo.createIncidentsTable(ids.table, ids.index)
  } catch (err) {
    await gateway.stop()
    await dynamo.stop()
    throw err
  }
}

/** The batch-sync Lambda, in its own execution environments, with an execution role of its own. */
function registerReferenceFunction({ identity, runtime, ids, gateway, options }: Parts): void {
  const roleArn = `arn:aws:iam::${ACCOUNT_ID}:role/incident-kb-batch-sync-role`
  identity.registerCredentials(LAMBDA_ACCESS_KEY, roleArn, ids.functionName)
  const timeoutMs = options.lambdaTimeoutMs ?? 300_000
  runtime.register(ids.functionName, {
    handlerPath: options.lambdaHandlerPath ?? defaultHandlerPath(),
    timeoutMs,
    memoryMb: 512,
    qualifiers: { '1': '1', live: '1' },
    env: { ...lambdaEnvironment(ids, gateway.url, timeoutMs), ...options.lambdaEnv }
  })
}

/**
 * The reference Lambda keeps its safety margin in proportion to its timeout, unless told otherwise: a 10 s margin
 * left over from 5 minutes would make a function with a 2 s timeout give up before its first item.
 */
function withProportionalMargin(
  { ids, options }: Parts,
  name: string,
  changes: Partial<FunctionConfig>
): Partial<FunctionConfig> {
  const keepsProportion =
    name === ids.functionName &&
    changes.timeoutMs !== undefined &&
    changes.env?.SAFETY_MARGIN_MS === undefined &&
    options.lambdaEnv?.SAFETY_MARGIN_MS === undefined
  if (!keepsProportion) return changes
  return { ...changes, env: { ...changes.env, SAFETY_MARGIN_MS: String(safetyMargin(changes.timeoutMs ?? 0)) } }
}

/** What tests see of the GitHub API: its address and token, the issues written, the token's permissions. */
function githubHandle({ issues, githubToken: token }: Parts, url: string): StackGitHub {
  return {
    apiUrl: `${url}${GITHUB_API_PATH}`,
    token,
    issues: (repository) => issues.list(repository),
    addIssue: (repository, seed) => copyIssue(issues.create(repository, seed)),
    setPermissions: (permissions) => {
      issues.permissions = { issues: permissions.issues ?? issues.permissions.issues }
    }
  }
}

function stackHandle(parts: Parts): Stack {
  const { ids, faults, clock, store, gateway, runtime, identity, dynamo, metrics } = parts
  const url = gateway.url
  const clientConfig = testClientConfig(url)
  let seq = 1
  let runtimeClient: BedrockAgentRuntimeClient | undefined
  let stopped = false
  return {
    url,
    env: actionEnvironment(ids, url, githubRun(parts.options), identity.oidc.requestToken),
    ids,
    faults,
    clock,
    clientConfig,
    s3: store,
    async seedIncidents(incidents, seedOptions = {}) {
      const items = typeof incidents === 'number' ? sampleIncidents(incidents, seq, seedOptions) : incidents
      if (typeof incidents === 'number') seq += incidents
      await seed(parts, items)
      return items
    },
    truth: () => readTruth(parts),
    async retrieve(query, { numberOfResults = 5, filter } = {}) {
      runtimeClient ??= new BedrockAgentRuntimeClient(clientConfig)
      const res = await runtimeClient.send(
        new RetrieveCommand({
          knowledgeBaseId: ids.knowledgeBaseId,
          retrievalQuery: { text: query },
          retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults, filter } }
        })
      )
      return res.retrievalResults ?? []
    },
    calls: () => [...gateway.calls],
    invocations: () => [...runtime.invocations],
    metrics: () => metrics.all(),
    github: githubHandle(parts, url),
    setFunction: (name, config) => runtime.register(name, config),
    configureFunction: (name, changes) => runtime.configure(name, withProportionalMargin(parts, name, changes)),
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
}
