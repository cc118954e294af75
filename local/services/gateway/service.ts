import type { AwsError, Call } from '../common/protocol.js'

/** One emulated service behind the gateway. */
export interface Service {
  /** Name in the call log: dynamodb, s3, lambda, bedrock-agent, bedrock-agent-runtime, sts, oidc. */
  readonly name: string
  handle(call: Call): Promise<void>
  /** Renders an error in the service's protocol (JSON with x-amzn-ErrorType, XML, ...). */
  sendError(call: Call, err: AwsError): void
}

/** How a service words the faults the gateway injects. */
export interface FaultStyle {
  service: string
  throttle(operation: string): AwsError
  denied(message: string): AwsError
  iamAction(operation: string): string
}
