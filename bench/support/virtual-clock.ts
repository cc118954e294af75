/**
 * One clock for the pipeline and the stack: the pipeline's waits move it on instead of sleeping, and the stack's
 * jobs and documents are a function of it. A 600 s job then takes milliseconds to follow, and every status check
 * lands exactly where the pipeline's backoff put it.
 */
import type { Clock } from '../../src/clock.js'

export class VirtualClock implements Clock {
  private timers: { at: number; fire: () => void }[] = []

  constructor(
    private time: number,
    readonly random: () => number
  ) {}

  now(): number {
    return this.time
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason
    this.advance(Math.max(0, ms))
    // A turn of the event loop, so answers already on their way are read before time moves again.
    await new Promise((resolve) => setImmediate(resolve))
    if (signal?.aborted) throw signal.reason
  }

  timeout(ms: number, reason: Error): AbortSignal {
    const controller = new AbortController()
    this.timers.push({ at: this.time + ms, fire: () => controller.abort(reason) })
    return controller.signal
  }

  advance(ms: number): void {
    const until = this.time + ms
    const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)
    this.timers = this.timers.filter((t) => t.at > until)
    for (const timer of due) {
      this.time = Math.max(this.time, timer.at)
      timer.fire()
    }
    this.time = until
  }
}
