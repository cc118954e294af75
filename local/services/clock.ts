/** Time as the simulated services see it (ingestion job progress, timestamps, token lifetimes). */
export interface Clock {
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/**
 * A clock that moves only when told: tests drive ingestion jobs through their states without waiting. Job
 * states are computed from the clock on every request, so advancing it is all it takes.
 */
export class ManualClock implements Clock {
  constructor(private ms = Date.parse('2025-10-01T12:00:00.000Z')) {}
  now(): number {
    return this.ms
  }
  advance(ms: number): void {
    this.ms += ms
  }
  set(ms: number): void {
    this.ms = ms
  }
}
