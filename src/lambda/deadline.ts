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
 *
 * Every unit of work (the backlog query, one incident) gets its own AbortSignal rather than one shared by all
 * calls in flight: the SDK adds an abort listener per request, and a signal shared by `CONCURRENCY` requests
 * crosses Node's listener limit (10) and logs MaxListenersExceededWarning on every invocation.
 */
export class Deadline {
  /** What `getRemainingTimeInMillis` said when the invocation started. */
  readonly startMs: number
  readonly marginMs: number
  private isExpired = false
  private readonly inFlight = new Set<AbortController>()
  private readonly timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    readonly configuredMarginMs: number,
    private readonly remainingMs: () => number
  ) {
    this.startMs = Math.max(0, remainingMs())
    this.marginMs = Math.min(configuredMarginMs, Math.floor(this.startMs * MARGIN_SHARE))
    const abortIn = this.startMs - this.marginMs / 2
    if (abortIn <= 0) this.isExpired = true
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

  /**
   * Runs `work` with a signal of its own, aborted if the deadline passes first. The signal is dropped when `work`
   * settles, so the deadline holds only what is in flight.
   */
  async run<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController()
    if (this.expired) controller.abort(exhausted())
    else this.inFlight.add(controller)
    try {
      return await work(controller.signal)
    } finally {
      this.inFlight.delete(controller)
    }
  }

  /**
   * Work that must run even once the deadline has passed, such as storing how far the invocation got: then it gets
   * a quarter of the margin (a quarter is still left when the deadline aborts work), so the answer still comes in
   * time.
   */
  async runLast<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (!this.expired) return this.run(work)
    return work(AbortSignal.timeout(Math.max(1, Math.floor(this.marginMs / 4))))
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
  }

  private expire(): void {
    this.isExpired = true
    const reason = exhausted()
    for (const controller of this.inFlight) controller.abort(reason)
    this.inFlight.clear()
  }
}

function exhausted(): Error {
  return new Error('Lambda time budget exhausted')
}
