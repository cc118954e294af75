/**
 * Test doubles for the seams the pipeline exposes: a clock whose sleeps pass instantly (and are recorded), a
 * logger that keeps what it is told, and a RunInfo.
 */
import type { Clock } from '../../src/clock.js'
import type { RunInfo } from '../../src/inputs.js'
import type { Logger } from '../../src/logger.js'
import type { PhaseContext } from '../../src/pipeline/context.js'

export class FakeClock implements Clock {
  readonly sleeps: number[] = []
  constructor(
    public time = Date.UTC(2026, 10, 28, 12, 0, 0),
    private readonly randomValue = 0.5
  ) {}
  now(): number {
    return this.time
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms)
    this.time += Math.max(0, ms)
  }
  random(): number {
    return this.randomValue
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = []
  readonly warnings: string[] = []
  readonly groups: string[] = []
  info(message: string): void {
    this.lines.push(message)
  }
  debug(): void {}
  warning(message: string): void {
    this.warnings.push(message)
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.groups.push(name)
    return fn()
  }
}

export function phaseContext(
  clock = new FakeClock()
): PhaseContext & { logger: RecordingLogger; clock: FakeClock; warned: string[] } {
  const logger = new RecordingLogger()
  const warned: string[] = []
  return {
    logger,
    clock,
    warned,
    warn: (message: string) => {
      warned.push(message)
      logger.warning(message)
    }
  }
}

export const RUN: RunInfo = {
  repository: 'acme/incidents',
  runId: '4242',
  runAttempt: '1',
  serverUrl: 'https://github.com',
  job: 'sync',
  action: 'kb'
}

/** An AWS service error as the SDK would raise it. */
export function awsError(name: string, status: number, message = `${name} from the test`): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status },
    $fault: status >= 500 ? 'server' : 'client'
  })
}
