import type { Clock } from '../clock.js'
import type { Logger } from '../logger.js'

/** What every phase gets besides its clients: where to log, where to put warnings, what time it is, and the run's cancellation. */
export interface PhaseContext {
  logger: Logger
  clock: Clock
  /** Logs a warning annotation and keeps it for the job summary. */
  warn(message: string): void
  /** Aborts when the runner cancels the run; each phase's deadline signal follows it. */
  cancel: AbortSignal
}
