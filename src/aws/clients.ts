/**
 * AWS clients from the standard SDK configuration, so AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, profiles and
 * the default credential chain all work as they do for any SDK program.
 *
 * Every client has timeouts on both halves of a response: `requestTimeout` until the headers arrive and
 * `socketTimeout` for a socket that goes quiet afterwards (a body that stalls after its headers). The phase
 * deadline, passed to each call as an abort signal, bounds whatever the retries add on top.
 */
import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { STSClient } from '@aws-sdk/client-sts'
import { StandardRetryStrategy } from '@smithy/core/retry'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { AwsCredentialIdentityProvider, RetryErrorInfo, StandardRetryToken } from '@smithy/types'
import { invokeBudgetMs } from '../budget.js'

/**
 * The run's clients, each built (and its SDK package loaded) the first time a phase asks for it: a run that never
 * ingests never loads the Bedrock client, and the first request goes out before the other clients load.
 */
export interface AwsClients {
  lambda(): Promise<LambdaClient>
  bedrock(): Promise<BedrockAgentClient>
  dynamodb(): Promise<DynamoDBClient>
  /** The one credentials provider every client signs with. */
  credentials: AwsCredentialIdentityProvider
  destroy(): void
}

export interface ClientSettings {
  region: string
  syncTimeoutSeconds: number
  /** Omitted: the SDK's default credential chain. */
  credentials?: AwsCredentialIdentityProvider
}

export const USER_AGENT: [string, string] = ['kb-sync', '1']
/** Most API answers take milliseconds; a stalled one is given up and retried long before a phase deadline. */
const API_TIMEOUT_MS = 30_000
const CONNECTION_TIMEOUT_MS = 10_000
const INVOKE_MAX_ATTEMPTS = 3

/**
 * A Lambda invocation must never be re-sent once the function may have started: a read timeout or a 5xx would
 * make the SDK run the batch again. Only answers that prove the function did not run are retried: throttling
 * (429) and a refused connection.
 */
export class InvokeRetryStrategy extends StandardRetryStrategy {
  constructor() {
    super(INVOKE_MAX_ATTEMPTS)
  }

  override async refreshRetryTokenForRetry(
    token: StandardRetryToken,
    info: RetryErrorInfo
  ): Promise<StandardRetryToken> {
    const code = (info.error as { code?: string } | undefined)?.code
    if (info.errorType !== 'THROTTLING' && code !== 'ECONNREFUSED') {
      throw new Error('Lambda invocations are retried only when the function cannot have run')
    }
    return super.refreshRetryTokenForRetry(token, info)
  }
}

/** The handler of the API clients: a stalled answer is given up long before a phase deadline. */
export function apiHandler(): NodeHttpHandler {
  return httpHandler(API_TIMEOUT_MS)
}

function httpHandler(timeoutMs: number): NodeHttpHandler {
  return new NodeHttpHandler({
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    throwOnRequestTimeout: true
  })
}

export async function createClients(settings: ClientSettings): Promise<AwsClients> {
  // One provider for all clients: the default chain is resolved once, whichever client signs first.
  let credentials = settings.credentials
  if (credentials === undefined) {
    const { defaultProvider } = await import('@aws-sdk/credential-provider-node')
    credentials = defaultProvider()
  }
  const common = { region: settings.region, customUserAgent: [USER_AGENT], credentials }
  const api = apiHandler()
  const built: { destroy(): void }[] = []
  const lazily = <T extends { destroy(): void }>(make: () => Promise<T>): (() => Promise<T>) => {
    let client: Promise<T> | undefined
    return () =>
      (client ??= make().then((made) => {
        built.push(made)
        return made
      }))
  }
  return {
    credentials,
    lambda: lazily(async () => {
      const { LambdaClient } = await import('@aws-sdk/client-lambda')
      return new LambdaClient({
        ...common,
        retryStrategy: new InvokeRetryStrategy(),
        // A synchronous invocation sends nothing back until the function ends: both timeouts are its whole budget.
        requestHandler: httpHandler(invokeBudgetMs(settings))
      })
    }),
    bedrock: lazily(async () => {
      const { BedrockAgentClient } = await import('@aws-sdk/client-bedrock-agent')
      return new BedrockAgentClient({ ...common, requestHandler: api })
    }),
    dynamodb: lazily(async () => {
      const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb')
      return new DynamoDBClient({ ...common, requestHandler: api })
    }),
    destroy: () => {
      for (const client of built) client.destroy()
    }
  }
}

/** The STS client of the OIDC exchange: the same timeouts, so a stalled STS cannot hold the credentials step. */
export async function createStsClient(region: string): Promise<STSClient> {
  const { STSClient } = await import('@aws-sdk/client-sts')
  return new STSClient({ region, customUserAgent: [USER_AGENT], requestHandler: apiHandler() })
}
