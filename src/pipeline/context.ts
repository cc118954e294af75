import type { Clock } from '../clock.js'
import type { Logger } from '../logger.js'

/** What every phase gets besides its clients: where to log, where to put warnings, and what time it is. */
export interface PhaseContext {
  logger: Logger
  clock: Clock
  /** Logs a warning annotation and keeps it for the job summary. */
  warn(message: string): void
}
