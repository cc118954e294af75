import type { KnowledgeBaseRetrievalResult, RetrievalFilter } from '@aws-sdk/client-bedrock-agent-runtime'
import type { MetadataValue } from '../services/bedrock/retrieval.js'
import type { DocumentOperationView } from '../services/bedrock/documents.js'
import type { IngestionJobView } from '../services/bedrock/model.js'
import type { Clock } from '../services/clock.js'
import type { MetricPoint } from '../services/cloudwatch/metrics.js'
import type { Faults } from '../services/faults/faults.js'
import type { CallRecord } from '../services/gateway/gateway.js'
import type { IssueRecord, IssueSeed, IssuesPermission } from '../services/github/issues.js'
import type { FunctionConfig, InvocationRecord } from '../services/lambda/types.js'
import type { S3Store } from '../services/s3/store.js'
import type { SampleOptions } from './incidents.js'

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
  /**
   * How long a document sent by name (IngestKnowledgeBaseDocuments, DeleteKnowledgeBaseDocuments) takes to be
   * INDEXED, FAILED or gone, STARTING (DELETING) for its first fifth (default 500 ms).
   */
  documentDurationMs?: number
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
  /**
   * GitHub context of the OIDC token (default repository `octo-org/incident-analyzer`, run 4242 attempt 1), the
   * token the REST API accepts (default a random `ghs_` token) and its permissions (default `issues: write`).
   */
  github?: {
    repository?: string
    runId?: string
    runAttempt?: string
    claims?: Record<string, unknown>
    token?: string
    permissions?: { issues?: IssuesPermission }
  }
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
  /**
   * Every object in the bucket. `sequence` is the store's write counter at its last write: unchanged means not
   * written again, even with the same bytes.
   */
  objects: { key: string; etag: string; size: number; lastModified: string; sequence: number }[]
  /** The Lambda's document keys (not sidecars) under its prefix: marked as its own, or at an incident's key. */
  documentKeys: string[]
  /** Objects under the prefix that are not the Lambda's (no marker, not at an incident's key). */
  foreignKeys: string[]
  /**
   * How S3 differs from the table, one line each, empty when it mirrors it: a document or sidecar of an incident
   * that is not CLOSED or does not exist, content that is not the incident's current rendering, a document without
   * its sidecar (or the reverse), a CLOSED incident marked synced without its document.
   */
  mirrorProblems: string[]
  /** What the knowledge base has ingested, and whether a job or direct ingestion (by name) last put it there. */
  indexed: {
    key: string
    uri: string
    etag: string
    metadata: Record<string, MetadataValue>
    via: 'job' | 'direct'
  }[]
  jobs: IngestionJobView[]
  /** Every document sent by name (IngestKnowledgeBaseDocuments, DeleteKnowledgeBaseDocuments), in order. */
  documents: DocumentOperationView[]
}

export interface RetrieveOptions {
  numberOfResults?: number
  filter?: RetrievalFilter
}

/** The stack's GitHub REST API (issues), as tests see it. */
export interface StackGitHub {
  /** `GITHUB_API_URL`: the gateway URL plus `/_github/api`. */
  readonly apiUrl: string
  /** The token the API accepts, as `Authorization: token …` or `Bearer …`: pass it as the `github_token` input. */
  readonly token: string
  /** Issues and pull requests (with their comments and state history) of one repository, or of all, oldest first. */
  issues(repository?: string): IssueRecord[]
  /** Opens an issue or pull request as someone did before the run (closed, commented on, as `seed` says). */
  addIssue(repository: string, seed: IssueSeed): IssueRecord
  /** What the token may do with issues: `write` (default), `read` or `none`; beyond it → 403. */
  setPermissions(permissions: { issues?: IssuesPermission }): void
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
  /** Every data point CloudWatch accepted (PutMetricData), in the order they arrived. */
  metrics(): MetricPoint[]
  /** GitHub's REST API for issues: the token, the issues and comments written, the token's permissions. */
  readonly github: StackGitHub
  /** Registers (or replaces) a function, e.g. an in-process handler returning odd shapes. */
  setFunction(name: string, config: FunctionConfig): void
  /** Changes a function's settings (timeout, env, ...). */
  configureFunction(name: string, changes: Partial<FunctionConfig>): void
  /** Waits until no Event invocation is running. */
  idle(): Promise<void>
  stop(): Promise<void>
}
