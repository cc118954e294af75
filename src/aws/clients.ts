/**
 * AWS clients from the standard SDK configuration, so AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>, profiles and
 * the default credential chain all work as they do for any SDK program.
 */
import { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { StandardRetryStrategy } from '@smithy/core/retry'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { AwsCredentialIdentityProvider, RetryErrorInfo, StandardRetryToken } from '@smithy/types'

export interface AwsClients {
  lambda: LambdaClient
  bedrock: BedrockAgentClient
  dynamodb: DynamoDBClient
}

export interface ClientSettings {
  region: string
  syncTimeoutSeconds: number
  /** Omitted: the SDK's default credential chain. */
  credentials?: AwsCredentialIdentityProvider
}

const USER_AGENT: [string, string] = ['kb-sync', '1']
/** Most API answers take milliseconds; a stalled one must not hang the run until the job timeout. */
const API_REQUEST_TIMEOUT_MS = 60_000
const CONNECTION_TIMEOUT_MS = 10_000
/** Headroom for the answer of a Lambda that ran for exactly sync_timeout_seconds to travel back. */
const INVOKE_GRACE_MS = 2_000
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

export function createClients(settings: ClientSettings): AwsClients {
  const common = {
    region: settings.region,
    customUserAgent: [USER_AGENT],
    ...(settings.credentials ? { credentials: settings.credentials } : {})
  }
  const apiHandler = new NodeHttpHandler({
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: API_REQUEST_TIMEOUT_MS,
    throwOnRequestTimeout: true
  })
  return {
    lambda: new LambdaClient({
      ...common,
      retryStrategy: new InvokeRetryStrategy(),
      requestHandler: new NodeHttpHandler({
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        requestTimeout: settings.syncTimeoutSeconds * 1000 + INVOKE_GRACE_MS,
        throwOnRequestTimeout: true
      })
    }),
    bedrock: new BedrockAgentClient({ ...common, requestHandler: apiHandler }),
    dynamodb: new DynamoDBClient({ ...common, requestHandler: apiHandler })
  }
}

export function destroyClients(clients: AwsClients): void {
  clients.lambda.destroy()
  clients.bedrock.destroy()
  clients.dynamodb.destroy()
}
