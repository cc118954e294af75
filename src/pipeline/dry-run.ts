/**
 * Dry run (docs/behaviour.md, "Dry run"): every check that has no side effect, each reported on its own. No
 * Lambda runs, no job starts. All checks share one deadline, and a cancel stops them.
 */
import { GetDataSourceCommand, GetKnowledgeBaseCommand, ListIngestionJobsCommand } from '@aws-sdk/client-bedrock-agent'
import { InvokeCommand } from '@aws-sdk/client-lambda'
import type { AwsClients } from '../aws/clients.js'
import { describeAwsError, isTransient } from '../aws/errors.js'
import { DRY_RUN_BUDGET_MS } from '../budget.js'
import type { Clock } from '../clock.js'
import { startDeadline, stopCause } from '../deadline.js'
import type { Config } from '../inputs.js'
import { countBacklog } from './backlog.js'
import { retryDelay } from './backoff.js'
import type { PhaseContext } from './context.js'
import type { DryRunCheck } from './result.js'
import { ACTIVE_STATUSES } from './rules.js'

type Outcome = Omit<DryRunCheck, 'name'>

interface Check {
  name: string
  /** The permission the check exercises, named when it is refused. */
  iamAction: string
  target: string
  /** Why the check does not apply to this configuration. */
  skip: string | undefined
  run: (abortSignal: AbortSignal) => Promise<Outcome>
}

export interface DryRunResult {
  checks: DryRunCheck[]
  /** The pending incidents the backlog check counted; null when it did not. */
  backlog: number | null
}

export async function runDryRunChecks(config: Config, clients: AwsClients, ctx: PhaseContext): Promise<DryRunResult> {
  let backlog: number | null = null
  const kb = `knowledge base ${config.knowledgeBaseId}`
  const ds = `data source ${config.dataSourceId} of ${kb}`
  const ingestionOff = config.ingestion === 'never' ? 'ingestion: never' : undefined

  const checks: Check[] = [
    {
      name: 'Lambda can be invoked (DryRun)',
      iamAction: 'lambda:InvokeFunction',
      target: `function ${config.functionName}`,
      skip: config.sync ? undefined : 'sync: false',
      run: async (abortSignal) => {
        await (
          await clients.lambda()
        ).send(new InvokeCommand({ FunctionName: config.functionName, InvocationType: 'DryRun' }), {
          abortSignal
        })
        return ok(`lambda:InvokeFunction allowed on ${config.functionName}`)
      }
    },
    {
      name: 'Knowledge base exists',
      iamAction: 'bedrock:GetKnowledgeBase',
      target: kb,
      skip: ingestionOff,
      run: async (abortSignal) => {
        const answer = await (
          await clients.bedrock()
        ).send(new GetKnowledgeBaseCommand({ knowledgeBaseId: config.knowledgeBaseId }), { abortSignal })
        return readiness(answer.knowledgeBase?.name ?? config.knowledgeBaseId, answer.knowledgeBase?.status, [
          'ACTIVE',
          'UPDATING'
        ])
      }
    },
    {
      name: 'Data source exists',
      iamAction: 'bedrock:GetDataSource',
      target: ds,
      skip: ingestionOff,
      run: async (abortSignal) => {
        const answer = await (
          await clients.bedrock()
        ).send(
          new GetDataSourceCommand({ knowledgeBaseId: config.knowledgeBaseId, dataSourceId: config.dataSourceId }),
          { abortSignal }
        )
        return readiness(answer.dataSource?.name ?? config.dataSourceId, answer.dataSource?.status, ['AVAILABLE'])
      }
    },
    {
      name: 'Ingestion jobs can be listed',
      iamAction: 'bedrock:ListIngestionJobs',
      target: ds,
      skip: ingestionOff,
      run: async (abortSignal) => {
        const answer = await (
          await clients.bedrock()
        ).send(
          new ListIngestionJobsCommand({
            knowledgeBaseId: config.knowledgeBaseId,
            dataSourceId: config.dataSourceId,
            sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
            maxResults: 10
          }),
          { abortSignal }
        )
        const newest = answer.ingestionJobSummaries?.[0]
        if (!newest) return ok('no ingestion job yet')
        const running = ACTIVE_STATUSES.has(newest.status ?? '') ? ' (running now)' : ''
        return ok(`newest job ${newest.ingestionJobId} is ${newest.status}${running}`)
      }
    },
    {
      name: 'Backlog can be counted',
      iamAction: 'dynamodb:Query',
      target: `table ${config.backlogTable} index ${config.backlogIndex}`,
      skip: config.backlogTable === undefined ? 'backlog_table is empty' : undefined,
      run: async (abortSignal) => {
        const result = await countBacklog(
          await clients.dynamodb(),
          { table: config.backlogTable!, index: config.backlogIndex },
          abortSignal
        )
        if (abortSignal.aborted) throw abortSignal.reason
        backlog = result.count
        // An unreadable count never fails a real run, so it only warns here too.
        return result.count === null
          ? { status: 'warning', detail: result.warning }
          : ok(`${result.count} incidents pending in ${config.backlogTable}`)
      }
    }
  ]

  const deadline = startDeadline(
    ctx.clock,
    DRY_RUN_BUDGET_MS,
    ctx.cancel,
    `the dry run's ${DRY_RUN_BUDGET_MS / 60_000} minutes`
  )
  const results: DryRunCheck[] = []
  for (const check of checks) {
    if (stopCause(deadline.signal)?.name === 'Cancelled') break
    const outcome = await runCheck(check, config.region, deadline.signal, ctx.clock)
    results.push({ name: check.name, ...outcome })
    ctx.logger.info(`${outcome.status.toUpperCase().padEnd(7)} ${check.name}: ${outcome.detail}`)
    if (outcome.status === 'warning') ctx.warn(`${check.name}: ${outcome.detail}`)
  }
  return { checks: results, backlog }
}

/** Every check is free of side effects, so a throttled or transient failure is tried again while time is left. */
async function runCheck(check: Check, region: string, signal: AbortSignal, clock: Clock): Promise<Outcome> {
  if (check.skip) return { status: 'skipped', detail: check.skip }
  const describe = (error: unknown): string =>
    describeAwsError(error, { iamAction: check.iamAction, target: check.target, region })
  let last: unknown
  for (let attempt = 0; ; attempt++) {
    try {
      return await check.run(signal)
    } catch (error) {
      const cause = stopCause(signal)
      const lastSeen = last === undefined ? '' : ` (last: ${describe(last)})`
      if (cause) return { status: 'failed', detail: `not finished: ${cause.message}${lastSeen}` }
      if (!isTransient(error)) return { status: 'failed', detail: describe(error) }
      last = error
    }
    const wait = retryDelay(attempt, () => clock.random())
    try {
      await clock.sleep(wait, signal)
    } catch {
      return {
        status: 'failed',
        detail: `not finished: ${stopCause(signal)?.message ?? 'stopped'} (last: ${describe(last)})`
      }
    }
  }
}

/** A resource that exists but is not ready lets the run start and its ingestion job fail: worth a warning. */
function readiness(name: string, status: string | undefined, ready: string[]): Outcome {
  const state = status ?? 'UNKNOWN'
  return ready.includes(state)
    ? ok(`${name} is ${state}`)
    : { status: 'warning', detail: `${name} is ${state}; an ingestion job may not start` }
}

function ok(detail: string): Outcome {
  return { status: 'ok', detail }
}
