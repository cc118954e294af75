import type { AwsError, Call } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import { applyFaults, type FaultContext } from './apply-faults.js'

/** One emulated service behind the gateway. */
export interface Service {
  /** Name in the call log: dynamodb, s3, lambda, bedrock-agent, bedrock-agent-runtime, sts, oidc, cloudwatch, github. */
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

/** The ARN an access key acts as, for IAM-worded denials. */
export type PrincipalOf = (accessKeyId?: string) => string

/** A service the fault hooks reach: every call passes `admit` once its operation is known, before it runs. */
export abstract class FaultedService implements Service {
  abstract readonly name: string

  constructor(
    protected readonly faults: Faults,
    private readonly style: FaultStyle,
    protected readonly principalOf: PrincipalOf
  ) {}

  abstract handle(call: Call): Promise<void>
  abstract sendError(call: Call, err: AwsError): void

  /** Applies the armed faults: throws the error a fault answers with, or returns when the call may go on. */
  protected async admit(call: Call, operation: string, target: Omit<FaultContext, 'principalOf'>): Promise<void> {
    const error = await applyFaults(this.faults, call, this.style, operation, {
      principalOf: this.principalOf,
      ...target
    })
    if (error) throw error
  }
}
