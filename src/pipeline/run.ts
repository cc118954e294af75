/**
 * One kb-sync run, top to bottom: inputs → credentials → clients → (dry run | sync → ingestion) → RunResult.
 * Never throws: every failure lands in the result, which the report turns into outputs, summary and exit code.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import { createClients, destroyClients, type AwsClients, type ClientSettings } from '../aws/clients.js'
import { CredentialsError, oidcCredentials } from '../aws/credentials.js'
import { errorMessage, errorName } from '../aws/errors.js'
import type { Clock } from '../clock.js'
import { InputError, parseInputs, type Config, type InputReader, type RunInfo } from '../inputs.js'
import type { Logger } from '../logger.js'
import type { PhaseContext } from './context.js'
import { runDryRunChecks } from './dry-run.js'
import { runIngestionPhase } from './ingestion.js'
import { deriveStatus, emptyIngestionPhase, emptySyncPhase, type Problem, type RunResult } from './result.js'
import { runSyncPhase } from './sync.js'

export interface RunDeps {
  readInput: InputReader
  env: NodeJS.ProcessEnv
  run: RunInfo
  clock: Clock
  logger: Logger
  /** GitHub OIDC token for an audience (core.getIDToken in the runner). */
  getIdToken: (audience: string) => Promise<string>
  /** Hides a secret from the logs (core.setSecret in the runner). */
  mask: (secret: string) => void
  /** Builds the AWS clients; tests hand in stubbed ones. */
  createClients?: (settings: ClientSettings) => AwsClients
}

export async function runKbSync(deps: RunDeps): Promise<RunResult> {
  const { clock, logger } = deps
  const result: RunResult = {
    status: 'failed',
    startedAt: clock.now(),
    durationMs: 0,
    dryRun: false,
    sync: emptySyncPhase('not reached'),
    ingestion: emptyIngestionPhase('not reached'),
    checks: [],
    problems: [],
    warnings: []
  }
  const ctx: PhaseContext = {
    logger,
    clock,
    warn: (message) => {
      result.warnings.push(message)
      logger.warning(message)
    }
  }
  const problem = (phase: Problem['phase'], message: string): void => {
    result.problems.push({ phase, message })
  }

  let clients: AwsClients | undefined
  try {
    const config = readConfig(deps, result, problem)
    if (!config) return finish(result, clock)

    clients = await logger.group('Credentials', () => connect(config, deps, result, problem))
    if (!clients) return finish(result, clock)

    if (config.dryRun) {
      const { checks, backlog } = await logger.group('Dry run', () => runDryRunChecks(config, clients!, ctx))
      result.checks.push(...checks)
      for (const check of checks) if (check.status === 'failed') problem('dry_run', `${check.name}: ${check.detail}`)
      result.sync = { ...emptySyncPhase('dry_run: true'), backlogBefore: backlog, backlogAfter: backlog }
      result.ingestion = emptyIngestionPhase('dry_run: true')
      return finish(result, clock)
    }

    const sync = await logger.group('Sync: DynamoDB → S3', () => runSyncPhase(config, clients!, ctx))
    result.sync = sync
    if (sync.error) problem('sync', sync.error.message)
    if (sync.failed > 0) {
      const ids =
        sync.failedIds.length > 0
          ? `: ${sync.failedIds.slice(0, 20).join(', ')}${sync.failedIds.length > 20 ? ', …' : ''}`
          : ''
      // A later batch of the same run may have picked a failed incident up again; say what is true now.
      const now =
        sync.backlogAfter === 0
          ? 'Later batches of this run synced them again; nothing is pending now.'
          : 'Incidents that failed stay pending, and the next run retries them.'
      problem('sync', `${sync.failed} incidents failed to sync to S3${ids}. ${now}`)
    }

    // Runs even after a sync error, so that what did sync becomes searchable.
    const ingestion = await logger.group('Ingestion: S3 → Knowledge Base', () =>
      runIngestionPhase(config, sync, clients!.bedrock, deps.run, ctx)
    )
    result.ingestion = ingestion
    if (ingestion.error) problem('ingestion', ingestion.error)
  } catch (error) {
    // Only a bug reaches here; keep the run's failure honest and the message useful.
    problem('run', `Unexpected ${errorName(error)}: ${errorMessage(error)}`)
  } finally {
    if (clients) destroyClients(clients)
  }
  return finish(result, clock)
}

function readConfig(
  deps: RunDeps,
  result: RunResult,
  problem: (phase: Problem['phase'], message: string) => void
): Config | undefined {
  try {
    const config = parseInputs(deps.readInput, deps.env, deps.run)
    Object.assign(result, {
      dryRun: config.dryRun,
      knowledgeBaseId: config.knowledgeBaseId,
      dataSourceId: config.dataSourceId,
      functionName: config.functionName,
      region: config.region
    })
    if (config.dryRun)
      result.checks.push({ name: 'Inputs are valid', status: 'ok', detail: 'every input passed validation' })
    return config
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const message of error.problems) problem('inputs', message)
    result.sync = emptySyncPhase('inputs are invalid')
    result.ingestion = emptyIngestionPhase('inputs are invalid')
    return undefined
  }
}

/** Gets credentials (OIDC or the default chain), proves they resolve, and builds the clients. */
async function connect(
  config: Config,
  deps: RunDeps,
  result: RunResult,
  problem: (phase: Problem['phase'], message: string) => void
): Promise<AwsClients | undefined> {
  const build = deps.createClients ?? createClients
  let credentials: AwsCredentialIdentityProvider | undefined
  let source: string
  try {
    if (config.roleToAssume) {
      credentials = await oidcCredentials({
        roleArn: config.roleToAssume,
        sessionName: config.roleSessionName,
        audience: config.audience,
        region: config.region,
        getIdToken: deps.getIdToken,
        idTokenAvailable: Boolean(deps.env.ACTIONS_ID_TOKEN_REQUEST_URL),
        mask: deps.mask
      })
      source = `assumed ${config.roleToAssume} with GitHub OIDC (session ${config.roleSessionName})`
    } else {
      source = 'the default AWS credential chain'
    }
    const clients = build({ region: config.region, syncTimeoutSeconds: config.syncTimeoutSeconds, credentials })
    if (!credentials) await resolveDefaultCredentials(clients)
    deps.logger.info(`Credentials: ${source}; region ${config.region}`)
    if (config.dryRun) result.checks.push({ name: 'Credentials', status: 'ok', detail: source })
    return clients
  } catch (error) {
    const message = error instanceof CredentialsError ? error.message : `${errorMessage(error)}`
    problem('credentials', message)
    if (config.dryRun) result.checks.push({ name: 'Credentials', status: 'failed', detail: message })
    result.sync = emptySyncPhase('no credentials')
    result.ingestion = emptyIngestionPhase('no credentials')
    return undefined
  }
}

/** Fails early, with a sentence that says what to do, when the default chain has nothing to offer. */
async function resolveDefaultCredentials(clients: AwsClients): Promise<void> {
  try {
    await clients.lambda.config.credentials()
  } catch (error) {
    destroyClients(clients)
    throw new CredentialsError(
      `No AWS credentials found: set role_to_assume (and give the job "permissions: id-token: write"), or configure credentials before this step, e.g. with aws-actions/configure-aws-credentials (${errorName(error)}: ${errorMessage(error)})`
    )
  }
}

function finish(result: RunResult, clock: Clock): RunResult {
  result.durationMs = Math.max(0, clock.now() - result.startedAt)
  result.status = deriveStatus(result)
  return result
}
