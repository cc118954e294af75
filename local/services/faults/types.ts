import type { IncomingHttpHeaders } from 'node:http'

/**
 * Fault hooks: tests make the local services misbehave the way AWS does, one call or one job at a time.
 *
 * Operations are named as in the AWS API (`StartIngestionJob`, `Invoke`, `Query`, `PutObject`,
 * `AssumeRoleWithWebIdentity`, ...) or with a service prefix when a name is ambiguous (`dynamodb:Query`); the prefix
 * is the call log's service name or the signing name (`bedrock-agent:` and `bedrock:` both work). `*` and
 * `service:*` match every operation. The OIDC token endpoint is the operation `GetIDToken`; GitHub's REST API has
 * `ListIssues`, `GetIssue`, `CreateIssue`, `UpdateIssue`, `ListIssueComments` and `CreateIssueComment`.
 */

/** Where a transport fault strikes: before anything is sent, or once the status line and headers are out. */
export type Phase = 'before-headers' | 'after-headers'

/** A call as fault predicates see it. */
export interface FaultRequest {
  /**
   * Service name as in the call log: dynamodb, s3, lambda, bedrock-agent, bedrock-agent-runtime, sts, oidc,
   * cloudwatch, github.
   */
  service: string
  operation: string
  /**
   * What the call is about: the S3 object key; the DynamoDB item key (its attribute values joined by `|`, empty for
   * Query/Scan); the Lambda function name; the last id of a Bedrock path (job, data source or knowledge base); the
   * STS role ARN; the OIDC audience; the CloudWatch namespace; the GitHub repository (`owner/name`, `owner/name#7`
   * for one issue).
   */
  key: string
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The request body as text (already read). */
  body: string
  accessKeyId?: string
  /** Set when one of the stack's Lambda execution environments made the call (its id). */
  environment?: string
}

export type CallMatcher = (key: string, request: FaultRequest) => boolean

/** Which calls an operation fault applies to. */
export interface CallFilter {
  /** How many calls it applies to (default 1; `accessDenied`: until `clear()`). */
  times?: number
  /** Lets this many matching calls through first (the fault applies to call `skip + 1` onwards). */
  skip?: number
  /** Only calls this accepts count (neither applied to nor skipped otherwise). */
  match?: CallMatcher
}

export interface ErrorSpec {
  status: number
  code: string
  message?: string
  /** Extra members of the error body (e.g. Lambda's `Reason`). */
  fields?: Record<string, unknown>
  headers?: Record<string, string>
}

export type OperationFault =
  | { kind: 'throttle' }
  | { kind: 'accessDenied' }
  | { kind: 'serviceQuota' }
  | {
      kind: 'error'
      status: number
      code: string
      message: string
      fields?: Record<string, unknown>
      headers?: Record<string, string>
    }
  | { kind: 'delay'; ms: number }
  | { kind: 'hold'; gate: GateControl }
  | { kind: 'stall'; phase: Phase; ms?: number; bytes: number }
  | { kind: 'reset'; phase: Phase; bytes: number }
  | { kind: 'crashAfter'; outcome: 'crash' | 'timeout' }

/** What an operation fault returns: how often it struck, and the first call it struck. */
export interface FaultHandle {
  /** Calls it has applied to so far. */
  readonly hits: number
  /** Calls it will still apply to. */
  readonly remaining: number
  /** Resolves with the first call it applies to (never rejects). */
  readonly reached: Promise<FaultRequest>
  /** Disarms what is left of it. */
  cancel(): void
}

/** A `hold`: calls wait until the test releases them. */
export interface Gate extends FaultHandle {
  /** Calls held and not yet released. */
  readonly waiting: number
  /** Lets every held call go on (and disarms the rest of the gate). */
  release(): void
}

/** @internal The part of a gate a held call waits on. */
export interface GateControl {
  opened: Promise<void>
  enter(): void
  leave(): void
}

export interface JobFate {
  kind: 'fail' | 'stick' | 'stop'
  reasons: string[]
  /** Fraction of the job's documents processed when it fails. */
  atFraction: number
  /** `stop`: ms after the start when someone else stops it; undefined = halfway through its run. */
  afterMs?: number
}

export interface LambdaFault {
  kind: 'timeout' | 'error'
  afterMs: number
  errorType: string
  errorMessage: string
  handled: boolean
  /** `timeout`: the handler runs, and is cut off after `afterMs`. */
  run?: boolean
}

/** @internal A job the stack starts itself, as another user would. */
export interface ForeignJob {
  description: string
  resolve(job: unknown): void
  reject(err: unknown): void
}

/** @internal What the Lambda runtime tells the gateway about its execution environments. */
export interface Environments {
  /** The environment a session token was handed to, if any. */
  idOf(sessionToken: string): string | undefined
  /** Ends an environment at once; its running invocation answers as a runtime exit or as a timeout. */
  crash(id: string, outcome: 'crash' | 'timeout'): Promise<void>
}
