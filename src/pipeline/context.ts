import type { Clock } from '../clock.js'
import type { Logger } from '../logger.js'
import type { Statistics } from './result.js'

/** What a front can show while a run waits: a batch finished, or a job's status was checked. */
export type ProgressEvent =
  | {
      phase: 'sync'
      batch: number
      maxBatches: number
      synced: number
      totalSynced: number
      hasMore: boolean | undefined
    }
  | {
      phase: 'ingestion'
      jobId: string
      /** Whose job: this run's, or one that was already running and must end first. */
      role: string
      status: string
      elapsedMs: number
      statistics: Statistics | undefined
    }
  | { phase: 'documents'; done: number; total: number; elapsedMs: number }

/** What every phase gets besides its clients: where to log, where to put warnings, what time it is, and the run's cancellation. */
export interface PhaseContext {
  logger: Logger
  clock: Clock
  /** Logs a warning annotation and keeps it for the job summary. */
  warn(message: string): void
  /** Aborts when the runner cancels the run; each phase's deadline signal follows it. */
  cancel: AbortSignal
  /** Told of each finished batch and each status check, for live progress (a terminal line, MCP notifications). */
  progress?: (event: ProgressEvent) => void
}
