/**
 * Time, sleep and randomness behind one seam, so the pipeline's waits and backoff can be driven by a fake in
 * tests instead of the wall clock.
 */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
  random(): number
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random()
}
