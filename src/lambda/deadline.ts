/**
 * The margin never takes more than this share of the time left at the start: a function whose timeout is shorter
 * than the configured margin (AWS's default is 3 s, the default margin 10 s) still spends most of it working.
 */
const MARGIN_SHARE = 0.25

// setTimeout fires at once for delays it cannot represent; beyond this no deadline timer is needed anyway.
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The time budget of one invocation. New work starts only while more than `marginMs` is left; work still running
 * when half the margin is left is aborted, so the handler answers before Lambda kills it.
 */
export class Deadline {
  /** What `getRemainingTimeInMillis` said when the invocation started. */
  readonly startMs: number
  readonly marginMs: number
  private isExpired = false
  private readonly controller = new AbortController()
  private readonly timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    readonly configuredMarginMs: number,
    private readonly remainingMs: () => number
  ) {
    this.startMs = Math.max(0, remainingMs())
    this.marginMs = Math.min(configuredMarginMs, Math.floor(this.startMs * MARGIN_SHARE))
    const abortIn = this.startMs - this.marginMs / 2
    if (abortIn <= 0) this.expire()
    else if (abortIn < MAX_TIMER_MS) this.timer = setTimeout(() => this.expire(), abortIn)
  }

  /** The configured margin did not fit in the time this invocation had. */
  get reduced(): boolean {
    return this.marginMs < this.configuredMarginMs
  }

  get expired(): boolean {
    return this.isExpired
  }

  /** Whether a new unit of work may start. */
  canStart(): boolean {
    return !this.expired && this.remainingMs() > this.marginMs
  }

  /** Runs `work` with a signal that is aborted if the deadline passes first. */
  run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return work(this.controller.signal)
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
  }

  private expire(): void {
    this.isExpired = true
    this.controller.abort(new Error('Lambda time budget exhausted'))
  }
}
