/**
 * What the terminal shows while a run works, on stderr (stdout is for the result). On a terminal: one status line
 * rewritten in place (the phase, batch n/max, the job's status, the time so far, the statistics so far), with
 * headings, warnings and, with --verbose, the pipeline's log printed above it. Elsewhere (a pipe, a file, a CI log)
 * the same facts as plain lines, one per batch and per status check.
 */
import type { Logger } from '../logger.js'
import type { ProgressEvent } from '../pipeline/context.js'
import { formatStatistics } from '../pipeline/result.js'
import { terminalText } from '../text.js'
import type { Style } from './terminal.js'

export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** One progress event in words: the progress line, a plain line, an MCP progress message. */
export function describeProgress(event: ProgressEvent): string {
  if (event.phase === 'sync') {
    const more = event.hasMore === true ? ', more to do' : event.hasMore === false ? ', drained' : ''
    return `sync: batch ${event.batch}/${event.maxBatches} synced ${event.synced} (${event.totalSynced} so far${more})`
  }
  if (event.phase === 'documents') {
    return `ingestion: ${event.done} of ${event.total} documents settled after ${seconds(event.elapsedMs)}`
  }
  return terminalText(
    `ingestion: job ${event.jobId} (${event.role}) ${event.status} after ${seconds(event.elapsedMs)}: ${formatStatistics(event.statistics)}`,
    1_000
  )
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

/** m:ss, or h:mm:ss past an hour. */
export function clockTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const s = String(total % 60).padStart(2, '0')
  const m = Math.floor(total / 60) % 60
  const h = Math.floor(total / 3600)
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

export interface ReporterOptions {
  stream: ProgressStream
  style: Style
  /** Also print the pipeline's info and debug lines. */
  verbose: boolean
  now?: () => number
}

/** The terminal front's Logger and onProgress, writing to one stream. */
export class TerminalReporter {
  private readonly live: boolean
  private readonly now: () => number
  private readonly startedAt: number
  private phase = 'Starting'
  private detail = ''
  private shown = false
  private heading: string | undefined
  private ticker: NodeJS.Timeout | undefined

  constructor(private readonly options: ReporterOptions) {
    this.live = options.stream.isTTY === true
    this.now = options.now ?? Date.now
    this.startedAt = this.now()
    if (this.live) {
      // The clock on the line moves even while one batch or one job takes minutes between two events.
      this.ticker = setInterval(() => this.draw(), 1_000)
      this.ticker.unref()
    }
  }

  readonly logger: Logger = {
    info: (message) => {
      if (this.options.verbose) this.line(terminalText(message))
    },
    debug: (message) => {
      if (this.options.verbose) this.line(this.options.style.dim(terminalText(message)))
    },
    warning: (message) => this.line(`${this.options.style.yellow('warning:')} ${terminalText(message)}`),
    group: async (name, fn) => {
      // The last state of the phase before stays on screen, under its heading; the live line moves on.
      if (this.live && this.detail) this.line(`  ${this.detail}`)
      this.phase = terminalText(name, 200)
      this.detail = ''
      // Said only before the first line of the phase, so a phase with nothing to say leaves no empty heading.
      this.heading = this.options.style.bold(`▸ ${this.phase}`)
      return fn()
    }
  }

  readonly onProgress = (event: ProgressEvent): void => {
    if (event.phase === 'sync') {
      this.detail = `batch ${event.batch}/${event.maxBatches} · ${event.totalSynced} synced`
    } else if (event.phase === 'documents') {
      this.detail = `${event.done}/${event.total} documents settled`
    } else {
      this.detail = terminalText(`job ${event.jobId} ${event.status} · ${formatStatistics(event.statistics)}`, 1_000)
    }
    if (this.live) {
      if (!this.flushHeading()) this.draw()
    } else {
      this.line(`  ${describeProgress(event)}`)
    }
  }

  /** A line of our own (a signal received, a note), printed like the log. */
  note(message: string): void {
    this.line(message)
  }

  /** Clears the live line for good: the result follows. */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker)
    this.ticker = undefined
    this.clear()
  }

  private line(text: string): void {
    this.flushHeading()
    this.clear()
    this.options.stream.write(`${text}\n`)
    if (this.live && this.ticker) this.draw()
  }

  /** Prints the phase's heading if it is still due (the live line is drawn again after it); says whether it did. */
  private flushHeading(): boolean {
    const heading = this.heading
    if (heading === undefined) return false
    this.heading = undefined
    this.line(heading)
    return true
  }

  private clear(): void {
    if (!this.shown) return
    this.options.stream.write('\r\u001b[2K')
    this.shown = false
  }

  private draw(): void {
    if (!this.live) return
    const elapsed = clockTime(this.now() - this.startedAt)
    const parts = [this.phase, elapsed, ...(this.detail ? [this.detail] : [])]
    // One row only (the statistics are cut first): a line that wraps could no longer be rewritten in place.
    // Two columns spare for the terminal's own echo of ^C, which would otherwise wrap the line it cannot clear.
    const width = Math.max(20, (this.options.stream.columns ?? 80) - 3)
    let text = parts.join(' · ')
    if ([...text].length > width) text = `${[...text].slice(0, width - 1).join('')}…`
    this.options.stream.write(`\r\u001b[2K${this.options.style.cyan(text)}`)
    this.shown = true
  }
}
