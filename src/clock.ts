/**
 * Time, sleep and randomness behind one seam, so the pipeline's waits, deadlines and backoff can be driven by a
 * fake in tests instead of the wall clock.
 */
export interface Clock {
  now(): number
  /** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts, so no wait outlives a cancel. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  random(): number
  /** A signal that aborts with `reason` once `ms` have passed on this clock. */
  timeout(ms: number, reason: Error): AbortSignal
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const onAbort = (): void => {
        clearTimeout(timer)
        reject(signal!.reason)
      }
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, ms)
      )
      signal?.addEventListener('abort', onAbort, { once: true })
    }),
  random: () => Math.random(),
  timeout: (ms, reason) => {
    const controller = new AbortController()
    // Unref'd: a deadline that has not come yet must not keep a finished run's process alive.
    setTimeout(() => controller.abort(reason), Math.max(0, Math.min(ms, 2 ** 31 - 1))).unref()
    return controller.signal
  }
}
