/**
 * Test doubles for the seams the pipeline exposes: a clock whose sleeps pass instantly (and are recorded), a
 * logger that keeps what it is told, and a RunInfo.
 */
import type { BedrockAgentClient } from '@aws-sdk/client-bedrock-agent'
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import type { AwsClients } from '../../src/aws/clients.js'
import type { Clock } from '../../src/clock.js'
import type { RunInfo } from '../../src/inputs.js'
import type { Logger } from '../../src/logger.js'
import type { PhaseContext } from '../../src/pipeline/context.js'

/**
 * A clock whose sleeps pass at once (and are recorded). Deadlines set with `timeout` fire as a sleep carries the
 * time past them, so a sleep that a deadline interrupts ends at the deadline, as it would on the wall clock.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = []
  private timers: { at: number; fire: () => void }[] = []
  constructor(
    public time = Date.UTC(2026, 10, 28, 12, 0, 0),
    private readonly randomValue = 0.5
  ) {}
  now(): number {
    return this.time
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason
    this.sleeps.push(ms)
    const until = this.time + Math.max(0, ms)
    for (const timer of [...this.timers].sort((a, b) => a.at - b.at)) {
      if (timer.at > until) break
      this.time = Math.max(this.time, timer.at)
      this.timers = this.timers.filter((t) => t !== timer)
      timer.fire()
      if (signal?.aborted) throw signal.reason
    }
    this.time = until
  }
  random(): number {
    return this.randomValue
  }
  timeout(ms: number, reason: Error): AbortSignal {
    const controller = new AbortController()
    this.timers.push({ at: this.time + ms, fire: () => controller.abort(reason) })
    return controller.signal
  }
  /** Moves time on without a sleep (time spent in a call), firing the deadlines it passes. */
  advance(ms: number): void {
    const until = this.time + ms
    for (const timer of [...this.timers].sort((a, b) => a.at - b.at)) {
      if (timer.at > until) break
      this.timers = this.timers.filter((t) => t !== timer)
      timer.fire()
    }
    this.time = until
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
  clock = new FakeClock(),
  cancel: AbortSignal = new AbortController().signal
): PhaseContext & { logger: RecordingLogger; clock: FakeClock; warned: string[] } {
  const logger = new RecordingLogger()
  const warned: string[] = []
  return {
    logger,
    clock,
    warned,
    cancel,
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
  action: 'kb',
  repositoryVisibility: 'private'
}

/** An AWS service error as the SDK would raise it. */
export function awsError(name: string, status: number, message = `${name} from the test`): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status },
    $fault: status >= 500 ? 'server' : 'client'
  })
}

/** AwsClients over ready clients (stubbed by aws-sdk-client-mock), as a phase asks for them. */
export function stubClients(
  clients: { lambda?: LambdaClient; bedrock?: BedrockAgentClient; dynamodb?: DynamoDBClient },
  credentials: AwsCredentialIdentityProvider = async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' })
): AwsClients {
  const missing = (name: string) => async (): Promise<never> => {
    throw new Error(`the test gave no ${name} client`)
  }
  return {
    lambda: clients.lambda ? async () => clients.lambda! : missing('lambda'),
    bedrock: clients.bedrock ? async () => clients.bedrock! : missing('bedrock'),
    dynamodb: clients.dynamodb ? async () => clients.dynamodb! : missing('dynamodb'),
    credentials,
    destroy: () => {
      clients.lambda?.destroy()
      clients.bedrock?.destroy()
      clients.dynamodb?.destroy()
    }
  }
}
