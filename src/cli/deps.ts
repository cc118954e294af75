/**
 * What the terminal fronts (the CLI and the MCP server) hand the pipeline: the same RunDeps as the action's runner
 * adapter, with a terminal's answers. Credentials and region come from the SDK's default chain; role_to_assume is
 * assumed with GitHub OIDC inside a workflow (as the action does) and with sts:AssumeRole everywhere else.
 */
import { LambdaClient } from '@aws-sdk/client-lambda'
import { githubIdToken } from '../aws/github-oidc.js'
import { assumeRoleCredentials } from '../aws/credentials.js'
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
    getIdToken: (audience, signal) => githubIdToken(audience, env, signal),
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
    const answer = await getIngestionStatus(config, await connected.clients.bedrock(), jobId, cancel)
    return cancelled() ?? (answer.ok ? { kind: 'job', job: answer.job } : { kind: 'failed', message: answer.message })
  } finally {
    connected.clients.destroy()
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
