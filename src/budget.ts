/**
 * How long each part of a run may take at most. These are the deadlines the code enforces (every AWS call and
 * every wait of a phase is aborted when its time is up), so a workflow's `timeout-minutes` can be derived from the
 * inputs: above `runBudgetMs`, the action — not the runner's kill — ends a slow run and still reports.
 */
import type { Config } from './inputs.js'

/** Getting credentials: the OIDC token, STS, or resolving the default chain. */
export const CREDENTIALS_BUDGET_MS = 60_000
/** Headroom for the answer of a Lambda that ran for exactly sync_timeout_seconds to travel back. */
export const INVOKE_GRACE_MS = 2_000
/** The sync phase's own calls besides the invocations: backlog counts and an Event invocation. */
export const SYNC_OVERHEAD_MS = 120_000
/** The checks of a dry run, all together. */
export const DRY_RUN_BUDGET_MS = 120_000
/** After the phases: writing the report and anything published with it. */
export const REPORT_BUDGET_MS = 60_000

type BudgetSettings = Pick<
  Config,
  'sync' | 'waitForSync' | 'maxSyncBatches' | 'syncTimeoutSeconds' | 'ingestion' | 'ingestionTimeoutMs' | 'dryRun'
>

/** The longest one synchronous invocation may take before the action stops waiting for its answer. */
export function invokeBudgetMs(config: Pick<Config, 'syncTimeoutSeconds'>): number {
  return config.syncTimeoutSeconds * 1000 + INVOKE_GRACE_MS
}

/** The sync phase's deadline: every batch may use its whole sync_timeout_seconds, plus the counts around them. */
export function syncPhaseBudgetMs(config: Omit<BudgetSettings, 'ingestion' | 'ingestionTimeoutMs' | 'dryRun'>): number {
  if (!config.sync || !config.waitForSync) return SYNC_OVERHEAD_MS
  return config.maxSyncBatches * invokeBudgetMs(config) + SYNC_OVERHEAD_MS
}

/** The ingestion phase's deadline: ingestion_timeout_minutes, waiting for a job that was already running included. */
export function ingestionPhaseBudgetMs(config: Pick<Config, 'ingestion' | 'ingestionTimeoutMs'>): number {
  return config.ingestion === 'never' ? 0 : config.ingestionTimeoutMs
}

/** The longest a whole run can take with this configuration. */
export function runBudgetMs(config: BudgetSettings): number {
  if (config.dryRun) return CREDENTIALS_BUDGET_MS + DRY_RUN_BUDGET_MS + REPORT_BUDGET_MS
  return CREDENTIALS_BUDGET_MS + syncPhaseBudgetMs(config) + ingestionPhaseBudgetMs(config) + REPORT_BUDGET_MS
}
