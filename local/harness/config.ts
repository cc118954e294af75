import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ACCOUNT_ID } from '../services/common/ids.js'
import { GITHUB_API_PATH, OIDC_PATH } from '../services/gateway/gateway.js'
import type { StackIds, StackOptions } from './types.js'

export const REGION = 'us-east-1'

/** The access key of the reference Lambda's execution role: its calls show up under that role. */
export const LAMBDA_ACCESS_KEY = 'ASIALAMBDAEXECROLE01'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** The names the seed and the team's stacks use, unless the options rename them. */
export function stackIds(options: StackOptions): StackIds {
  return {
    region: REGION,
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
}

/** A token in the shape of the Actions token (an installation token). */
export function githubToken(options: StackOptions): string {
  return options.github?.token ?? `ghs_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`
}

/** The GitHub run the OIDC token describes. */
export function githubRun(options: StackOptions): { repository: string; runId: string; runAttempt: string } {
  return {
    repository: options.github?.repository ?? 'octo-org/incident-analyzer',
    runId: options.github?.runId ?? '4242',
    runAttempt: options.github?.runAttempt ?? '1'
  }
}

/** 10 s of a 5-minute function; a short test timeout keeps the same proportion. */
export function safetyMargin(timeoutMs: number): number {
  return Math.min(10_000, Math.floor(timeoutMs / 10))
}

/** The built Lambda when there is one, else its TypeScript source (run through tsx). */
export function defaultHandlerPath(): string {
  const dist = join(ROOT, 'dist', 'lambda', 'index.js')
  return existsSync(dist) ? dist : join(ROOT, 'src', 'lambda', 'index.ts')
}

/** The reference Lambda's environment: what Lambda's runtime sets, the function's settings, AWS at the gateway. */
export function lambdaEnvironment(ids: StackIds, url: string, timeoutMs: number): Record<string, string> {
  return {
    AWS_REGION: ids.region,
    AWS_DEFAULT_REGION: ids.region,
    AWS_ACCESS_KEY_ID: LAMBDA_ACCESS_KEY,
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
    SAFETY_MARGIN_MS: String(safetyMargin(timeoutMs))
  }
}

/** `stack.env`: every SDK client at the gateway, and the GitHub run the action believes it is in. */
export function actionEnvironment(
  ids: StackIds,
  url: string,
  run: ReturnType<typeof githubRun>,
  requestToken: string
): Record<string, string> {
  return {
    AWS_REGION: ids.region,
    AWS_DEFAULT_REGION: ids.region,
    AWS_ACCESS_KEY_ID: 'AKIALOCALDEVELOPER01',
    AWS_SECRET_ACCESS_KEY: 'local-secret-access-key',
    AWS_ENDPOINT_URL: url,
    AWS_ENDPOINT_URL_LAMBDA: url,
    AWS_ENDPOINT_URL_BEDROCK_AGENT: url,
    AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME: url,
    AWS_ENDPOINT_URL_DYNAMODB: url,
    AWS_ENDPOINT_URL_S3: url,
    AWS_ENDPOINT_URL_STS: url,
    AWS_ENDPOINT_URL_CLOUDWATCH: url,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_EC2_METADATA_DISABLED: 'true',
    ACTIONS_ID_TOKEN_REQUEST_URL: `${url}${OIDC_PATH}?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
    GITHUB_REPOSITORY: run.repository,
    GITHUB_REPOSITORY_OWNER: run.repository.split('/')[0] ?? run.repository,
    GITHUB_RUN_ID: run.runId,
    GITHUB_RUN_ATTEMPT: run.runAttempt,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: `${url}${GITHUB_API_PATH}`,
    GITHUB_WORKFLOW: 'kb-sync',
    GITHUB_EVENT_NAME: 'workflow_dispatch'
  }
}

/** What a test's own SDK clients use: the gateway, with an identity of their own in the call log. */
export function testClientConfig(url: string): {
  region: string
  endpoint: string
  credentials: { accessKeyId: string; secretAccessKey: string }
} {
  return {
    region: REGION,
    endpoint: url,
    credentials: { accessKeyId: 'AKIALOCALTESTCLIENT1', secretAccessKey: 'local-secret-access-key' }
  }
}
