/**
 * What the terminal fronts (the CLI and the MCP server) hand the pipeline: the same RunDeps as the action's runner
 * adapter, with a terminal's answers. Credentials and region come from the SDK's default chain; role_to_assume is
 * assumed with GitHub OIDC inside a workflow (as the action does) and with sts:AssumeRole everywhere else.
 */
import { LambdaClient } from '@aws-sdk/client-lambda'
import { destroyClients } from '../aws/clients.js'
import { assumeRoleCredentials } from '../aws/credentials.js'
import { CREDENTIALS_BUDGET_MS } from '../budget.js'
import { systemClock } from '../clock.js'
import { stopCause } from '../deadline.js'
import { InputError, parseInputs, type InputName } from '../inputs.js'
import type { Logger } from '../logger.js'
import type { ProgressEvent } from '../pipeline/context.js'
import { connect, type RunDeps } from '../pipeline/run.js'
import { getIngestionStatus, type JobStatus } from '../pipeline/status.js'
import { runInfo } from '../run-info.js'
import type { InputSource } from './args.js'

export interface FrontOptions {
  source: InputSource
  env: NodeJS.ProcessEnv
  logger: Logger
  cancel: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  /** Where `::add-mask::` goes inside a workflow: stderr, as stdout carries only the result or the protocol. */
  stderr: { write(text: string): unknown }
}

export function frontDeps(options: FrontOptions): RunDeps {
  const { env, cancel } = options
  const inWorkflow = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL)
  return {
    readInput: options.source.read,
    inputLabel: options.source.label,
    env,
    run: runInfo(env),
    clock: systemClock,
    logger: options.logger,
    getIdToken: (audience) => githubIdToken(audience, env),
    mask: (secret) => {
      // The runner reads workflow commands on stderr too; outside a workflow there is no log to mask.
      if (env.GITHUB_ACTIONS === 'true') options.stderr.write(`::add-mask::${secret}\n`)
    },
    cancel,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    // Without assumeRole the pipeline does the action's OIDC exchange, which needs the runner's token endpoint.
    ...(inWorkflow
      ? {}
      : {
          assumeRole: (role, signal) =>
            assumeRoleCredentials({
              roleArn: role.roleArn,
              sessionName: role.sessionName,
              region: role.region,
              signal,
              cancel
            })
        })
  }
}

/**
 * The job's GitHub OIDC token, fetched as @actions/core does but without it: core writes `::debug::` and
 * `::add-mask::` to stdout, where a terminal front keeps only its result (or the MCP protocol).
 */
export async function githubIdToken(audience: string, env: NodeJS.ProcessEnv): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!url || !token) throw new Error('ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set')
  const response = await fetch(`${url}&audience=${encodeURIComponent(audience)}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    signal: AbortSignal.timeout(CREDENTIALS_BUDGET_MS)
  })
  // The body is not quoted: a token endpoint's answer is no text for a log.
  if (!response.ok) throw new Error(`the token endpoint answered HTTP ${response.status}`)
  const value = ((await response.json()) as { value?: unknown }).value
  if (typeof value !== 'string' || value === '') throw new Error('the token endpoint answered without a token')
  return value
}

/**
 * The region of the AWS profile (AWS_PROFILE or default, SSO sessions included), asked of the SDK's own region
 * provider, for when no flag or variable names one; undefined when the profile has none either.
 */
export async function profileRegion(
  source: InputSource,
  env: NodeJS.ProcessEnv
): Promise<{ value: string; label: string } | undefined> {
  if (source.read('aws_region')?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim()) return undefined
  const client = new LambdaClient({})
  try {
    const region = await client.config.region()
    return region ? { value: region, label: `The region of AWS profile '${env.AWS_PROFILE || 'default'}'` } : undefined
  } catch {
    return undefined
  } finally {
    client.destroy()
  }
}

export type StatusOutcome =
  | { kind: 'job'; job: JobStatus }
  | { kind: 'inputs'; problems: string[] }
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled'; signal: string }

/** One ingestion job (`jobId`, or the newest) with the run's inputs and credentials: `kb-sync status`, get_ingestion_status. */
export async function ingestionStatus(deps: RunDeps, jobId: string | undefined): Promise<StatusOutcome> {
  const cancel = deps.cancel ?? new AbortController().signal
  const cancelled = (): StatusOutcome | undefined => {
    const cause = stopCause(cancel)
    return cause?.name === 'Cancelled'
      ? { kind: 'cancelled', signal: (cause as { signalName?: string }).signalName ?? 'a signal' }
      : undefined
  }
  let config
  try {
    config = parseInputs(deps.readInput, deps.env, deps.run, deps.inputLabel)
  } catch (error) {
    if (error instanceof InputError) return { kind: 'inputs', problems: error.problems }
    throw error
  }
  const connected = await connect(config, deps, cancel)
  if (!connected.ok) return cancelled() ?? { kind: 'failed', message: connected.message }
  try {
    const answer = await getIngestionStatus(config, connected.clients.bedrock, jobId, cancel)
    return cancelled() ?? (answer.ok ? { kind: 'job', job: answer.job } : { kind: 'failed', message: answer.message })
  } finally {
    destroyClients(connected.clients)
  }
}

/** Inputs a command or tool fixes, named by what fixed them. */
export function fixedBy(
  what: string,
  values: Partial<Record<InputName, string>>
): Partial<Record<InputName, { value: string; label: string }>> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, { value: value as string, label: `${name} (set by ${what})` }])
  )
}
