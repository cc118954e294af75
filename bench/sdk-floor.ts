/**
 * The floor of any program that calls AWS with the SDK: one Lambda client, one Invoke, nothing else. The start-up
 * bench bundles it as it bundles the action, so "how far from the floor" is measured, not assumed.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda'

const lambda = new LambdaClient({ maxAttempts: 1 })
lambda.send(new InvokeCommand({ FunctionName: 'floor', Payload: new TextEncoder().encode('{}') })).catch(() => {
  process.exitCode = 1
})
