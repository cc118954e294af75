/**
 * Backoff schedules with "equal jitter": each wait is between half and all of its exponential step, so many
 * runners polling one account spread out while no wait ever exceeds its cap.
 */

/** The first status check comes within 1 s, and the gaps grow to `maxMs` (poll_interval_seconds). */
const FIRST_POLL_MS = 1_000
/** Retries of a failed call start at 0.5 s and stop growing at 20 s, like the SDK's own standard mode. */
const FIRST_RETRY_MS = 500
const MAX_RETRY_MS = 20_000

/**
 * Once the steps reach the cap, every wait is the cap itself: the jittered steps before have already spread the
 * runners out, and waits drawn below the cap would cost a long job a third more status checks (3/4 of the cap on
 * average) for no earlier answer (BENCHMARKS.md, "Polling an ingestion job").
 */
export function pollDelay(check: number, maxMs: number, random: () => number): number {
  const step = FIRST_POLL_MS * 2 ** check
  return step >= maxMs ? maxMs : jittered(step, random)
}

export function retryDelay(attempt: number, random: () => number): number {
  return jittered(Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt), random)
}

function jittered(step: number, random: () => number): number {
  return step / 2 + (step / 2) * random()
}
