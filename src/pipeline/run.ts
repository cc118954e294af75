/**
 * One kb-sync run, top to bottom: inputs → credentials → clients → (dry run | sync → ingestion) → RunResult.
 * Each step returns its part (or a typed failure) and only this function puts the parts together. It never throws:
 * every failure lands in the result, which the report turns into outputs, summary and exit code.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { createClients, type AwsClients, type ClientSettings } from '../aws/clients.js'
import { CredentialsError, errorMessage, errorName } from '../aws/errors.js'
import { putMetrics } from '../aws/metrics.js'
import { CREDENTIALS_BUDGET_MS, REPORT_BUDGET_MS } from '../budget.js'
import { metricsOf } from './metrics.js'
import type { Clock } from '../clock.js'
import { Cancelled, NEVER, raceSignal, startDeadline, stopCause } from '../deadline.js'
import {
  InputError,
  parseInputs,
  runUrl,
  type Config,
  type InputName,
  type InputReader,
  type RunInfo
} from '../inputs.js'
import type { AlertTarget } from '../report/alert.js'
import type { Logger } from '../logger.js'
import type { PhaseContext, ProgressEvent } from './context.js'
import {
  deriveStatus,
  emptyIngestionPhase,
  emptySyncPhase,
  type DryRunCheck,
  type Problem,
  type RunResult
} from './result.js'
import { LISTED_VALUES_LIMIT } from './rules.js'
import { runSyncPhase } from './sync.js'
import { listSome } from '../text.js'

export interface RunDeps {
  readInput: InputReader
  /** How messages name an input: the action says "Input 'x'", a terminal front names its flag. */
  inputLabel?: (name: InputName) => string
  env: NodeJS.ProcessEnv
  run: RunInfo
  clock: Clock
  logger: Logger
  /** GitHub OIDC token for an audience; the signal bounds the request. */
  getIdToken: (audience: string, signal?: AbortSignal) => Promise<string>
  /** Hides a secret from the logs (core.setSecret in the runner). */
  mask: (secret: string) => void
  /** Aborts when the run is cancelled (the runner's SIGINT/SIGTERM): every wait and call then stops at once. */
  cancel?: AbortSignal
  /** Builds the AWS clients; tests hand in stubbed ones. */
  createClients?: (settings: ClientSettings) => AwsClients | Promise<AwsClients>
  /**
   * How role_to_assume is assumed. The action exchanges the job's GitHub OIDC token (the default); a terminal
   * front outside GitHub assumes the role with the credentials of the default chain instead.
   */
  assumeRole?: (role: RoleRequest, signal: AbortSignal) => Promise<AwsCredentialIdentityProvider>
  /** Told of each batch and each status check while the run waits (a progress line, MCP notifications). */
  onProgress?: (event: ProgressEvent) => void
  /** Opens, comments on or closes the alert issue (alert_issue); the action passes the GitHub implementation. */
  updateAlertIssue?: (target: AlertTarget, result: RunResult, signal: AbortSignal) => Promise<string | undefined>
}

export interface RoleRequest {
  roleArn: string
  sessionName: string
  region: string
  audience: string
}

export type Connected = { ok: true; clients: AwsClients; source: string } | { ok: false; message: string }

export async function runKbSync(deps: RunDeps): Promise<RunResult> {
  const { result, config } = await runPipeline(deps)
  if (config?.alertIssue && !stopCause(deps.cancel ?? NEVER)) {
    const warning = deps.updateAlertIssue
      ? await deps.updateAlertIssue(
          {
            token: config.githubToken,
            repository: deps.run.repository,
            runUrl: runUrl(deps.run),
            knowledgeBaseId: config.knowledgeBaseId,
            dataSourceId: config.dataSourceId
          },
          result,
          startDeadline(deps.clock, REPORT_BUDGET_MS, deps.cancel ?? NEVER, 'the report step').signal
        )
      : 'alert_issue is set, but only the GitHub Action opens alert issues; nothing was done.'
    if (warning) {
      result.warnings.push(warning)
      deps.logger.warning(warning)
    }
  }
  return result
}

async function runPipeline(deps: RunDeps): Promise<{ result: RunResult; config: Config | undefined }> {
  const { clock, logger } = deps
  const cancel = deps.cancel ?? NEVER
  const startedAt = clock.now()
  const warnings: string[] = []
  const problems: Problem[] = []
  const ctx: PhaseContext = {
    logger,
    clock,
    cancel,
    ...(deps.onProgress ? { progress: deps.onProgress } : {}),
    warn: (message) => {
      warnings.push(message)
      logger.warning(message)
    }
  }
  let result: RunResult = {
    status: 'failed',
    startedAt,
    durationMs: 0,
    dryRun: false,
    sync: emptySyncPhase('not reached'),
    ingestion: emptyIngestionPhase('not reached'),
    checks: [],
    problems,
    warnings,
    showLogTail: false
  }
  let config: Config | undefined
  const finish = (during: string): { result: RunResult; config: Config | undefined } => {
    const cause = stopCause(cancel)
    if (cause instanceof Cancelled) result.cancelled = { signal: cause.signalName, during }
    result.durationMs = Math.max(0, clock.now() - startedAt)
    result.status = deriveStatus(result)
    return { result, config }
  }

  try {
    config = parseInputs(deps.readInput, deps.env, deps.run, deps.inputLabel)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const message of error.problems) problems.push({ phase: 'inputs', message })
    result.sync = emptySyncPhase('inputs are invalid')
    result.ingestion = emptyIngestionPhase('inputs are invalid')
    return finish('inputs')
  }
  result = {
    ...result,
    dryRun: config.dryRun,
    knowledgeBaseId: config.knowledgeBaseId,
    dataSourceId: config.dataSourceId,
    functionName: config.functionName,
    region: config.region,
    showLogTail: config.showLogTail
  }
  const checks: DryRunCheck[] = config.dryRun
    ? [{ name: 'Inputs are valid', status: 'ok', detail: 'every input passed validation' }]
    : []
  result.checks = checks

  const connected = await logger.group('Credentials', () => connect(config!, deps, cancel))
  if (!connected.ok) {
    if (stopCause(cancel)) return finish('credentials')
    problems.push({ phase: 'credentials', message: connected.message })
    if (config.dryRun) checks.push({ name: 'Credentials', status: 'failed', detail: connected.message })
    result.sync = emptySyncPhase('no credentials')
    result.ingestion = emptyIngestionPhase('no credentials')
    return finish('credentials')
  }
  if (config.dryRun) checks.push({ name: 'Credentials', status: 'ok', detail: connected.source })
  const { clients } = connected

  let during = 'sync'
  try {
    if (config.dryRun) {
      during = 'dry_run'
      const { runDryRunChecks } = await import('./dry-run.js')
      const dryRun = await logger.group('Dry run', () => runDryRunChecks(config, clients, ctx))
      checks.push(...dryRun.checks)
      for (const check of dryRun.checks) {
        if (check.status === 'failed') problems.push({ phase: 'dry_run', message: `${check.name}: ${check.detail}` })
      }
      result.sync = { ...emptySyncPhase('dry_run: true'), backlogBefore: dryRun.backlog, backlogAfter: dryRun.backlog }
      result.ingestion = emptyIngestionPhase('dry_run: true')
      return finish(during)
    }

    const sync = await logger.group('Sync: DynamoDB → S3', () => runSyncPhase(config, clients, ctx))
    result.sync = sync
    if (sync.error) problems.push({ phase: 'sync', message: sync.error.message })
    if (sync.failed > 0) problems.push({ phase: 'sync', message: failedIncidentsMessage(sync) })
    if (sync.stopReason === 'deadline' && sync.inFlightBatch !== undefined) {
      problems.push({
        phase: 'sync',
        message: `The sync phase ran out of time while batch ${sync.inFlightBatch} was running; the Lambda may still finish it.`
      })
    }
    if (cancel.aborted) {
      result.ingestion = emptyIngestionPhase('the run was cancelled')
      return finish(during)
    }

    // Runs even after a sync error, so that what did sync becomes searchable.
    during = 'ingestion'
    const { runIngestionPhase } = await import('./ingestion.js')
    const ingestion = await logger.group('Ingestion: S3 → Knowledge Base', () =>
      runIngestionPhase(config, sync, clients, deps.run, ctx)
    )
    result.ingestion = ingestion
    if (ingestion.earlier?.verdict === 'failed')
      problems.push({ phase: 'ingestion', message: ingestion.earlier.message })
    if (ingestion.error) problems.push({ phase: 'ingestion', message: ingestion.error })

    if (config.metricsNamespace && !cancel.aborted) {
      const warning = await publishMetrics(config.metricsNamespace, config, clients, result, deps.clock, cancel)
      if (warning) ctx.warn(warning)
    }
  } catch (error) {
    // Only a bug reaches here; keep the run's failure honest and the message useful.
    problems.push({ phase: 'run', message: `Unexpected ${errorName(error)}: ${errorMessage(error)}` })
  } finally {
    clients.destroy()
  }
  return finish(during)
}

/** The run's metrics, from the result as it stands once both phases are done; never fails the run. */
async function publishMetrics(
  namespace: string,
  config: Config,
  clients: AwsClients,
  result: RunResult,
  clock: Clock,
  cancel: AbortSignal
): Promise<string | undefined> {
  const deadline = startDeadline(clock, REPORT_BUDGET_MS, cancel, 'the report step')
  const data = metricsOf({ ...result, status: deriveStatus(result) })
  return putMetrics(
    {
      region: config.region,
      credentials: clients.credentials,
      namespace,
      dimensions: { KnowledgeBaseId: config.knowledgeBaseId, DataSourceId: config.dataSourceId }
    },
    data,
    new Date(clock.now()),
    deadline.signal
  )
}

function failedIncidentsMessage(sync: RunResult['sync']): string {
  const ids = sync.failedIds.length > 0 ? `: ${listSome(sync.failedIds, LISTED_VALUES_LIMIT)}` : ''
  // A later batch of the same run may have picked a failed incident up again; say what is true now.
  const now =
    sync.backlogAfter === 0
      ? 'Later batches of this run synced them again; nothing is pending now.'
      : 'Incidents that failed stay pending, and the next run retries them.'
  return `${sync.failed} incidents failed to sync to S3${ids}. ${now}`
}

/**
 * Gets credentials (OIDC, deps.assumeRole or the default chain) within the credentials budget, proves they resolve,
 * builds the clients. Exported for the fronts that ask one question without a run (`kb-sync status`).
 */
export async function connect(config: Config, deps: RunDeps, cancel: AbortSignal): Promise<Connected> {
  const build = deps.createClients ?? createClients
  const deadline = startDeadline(deps.clock, CREDENTIALS_BUDGET_MS, cancel, 'the credentials step (1 minute)')
  let credentials: AwsCredentialIdentityProvider | undefined
  let source: string
  try {
    if (config.roleToAssume) {
      const role: RoleRequest = {
        roleArn: config.roleToAssume,
        sessionName: config.roleSessionName,
        audience: config.audience,
        region: config.region
      }
      if (deps.assumeRole) {
        credentials = await deps.assumeRole(role, deadline.signal)
        source = `assumed ${config.roleToAssume} (session ${config.roleSessionName})`
      } else {
        const { oidcCredentials } = await import('../aws/credentials.js')
        credentials = await oidcCredentials({
          ...role,
          getIdToken: deps.getIdToken,
          idTokenAvailable: Boolean(deps.env.ACTIONS_ID_TOKEN_REQUEST_URL),
          mask: deps.mask,
          signal: deadline.signal,
          cancel
        })
        source = `assumed ${config.roleToAssume} with GitHub OIDC (session ${config.roleSessionName})`
      }
    } else {
      source = 'the default AWS credential chain'
    }
  } catch (error) {
    return { ok: false, message: credentialsMessage(error, deadline.signal) }
  }
  const clients = await build({ region: config.region, syncTimeoutSeconds: config.syncTimeoutSeconds, credentials })
  if (!credentials) {
    try {
      await raceSignal(clients.credentials(), deadline.signal)
    } catch (error) {
      clients.destroy()
      if (stopCause(deadline.signal)) return { ok: false, message: credentialsMessage(error, deadline.signal) }
      return {
        ok: false,
        message: `No AWS credentials found: set role_to_assume (and give the job "permissions: id-token: write"), or configure credentials before this step, e.g. with aws-actions/configure-aws-credentials (${errorName(error)}: ${errorMessage(error)})`
      }
    }
  }
  deps.logger.info(`Credentials: ${source}; region ${config.region}`)
  return { ok: true, clients, source }
}

function credentialsMessage(error: unknown, signal: AbortSignal): string {
  const cause = stopCause(signal)
  if (cause?.name === 'DeadlineExceeded')
    return `Credentials were not obtained within ${CREDENTIALS_BUDGET_MS / 1000} s (${errorMessage(error)}); check the network path to STS and GitHub's token endpoint.`
  return error instanceof CredentialsError ? error.message : errorMessage(error)
}
