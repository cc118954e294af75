/**
 * Turns AWS SDK errors into sentences a person can act on, and says which ones are worth retrying. Which errors
 * are throttling or transient is the SDK's own rule (@smithy/core/retry), so kb-sync retries what the SDK would.
 */
import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry'
import type { SdkError } from '@smithy/types'

interface SdkErrorShape {
  name?: string
  message?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnrecognizedClientException'
])
const CREDENTIALS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'ExpiredToken'
])

/** Credentials could not be had: the message says why, in words a person can act on. */
export class CredentialsError extends Error {
  override name = 'CredentialsError'
}

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : { message: String(error) }
}

export function errorName(error: unknown): string {
  return shape(error).name ?? 'Error'
}

export function errorMessage(error: unknown): string {
  const { message, name } = shape(error)
  return message && message !== 'UnknownError' ? message : (name ?? String(error))
}

export function isThrottling(error: unknown): boolean {
  return typeof error === 'object' && error !== null && isThrottlingError(error as SdkError)
}

/** An account quota is used up: retrying soon cannot help, so it is reported at once with where to raise it. */
export function isQuotaExceeded(error: unknown): boolean {
  return errorName(error) === 'ServiceQuotaExceededException'
}

export function isAccessDenied(error: unknown): boolean {
  const e = shape(error)
  return ACCESS_DENIED.has(e.name ?? '') || e.$metadata?.httpStatusCode === 403
}

export function isNotFound(error: unknown): boolean {
  const e = shape(error)
  return e.name === 'ResourceNotFoundException' || e.name === 'ResourceNotFound' || e.$metadata?.httpStatusCode === 404
}

export function isConflict(error: unknown): boolean {
  const e = shape(error)
  return e.name === 'ConflictException' || e.$metadata?.httpStatusCode === 409
}

/** Throttling, 5xx answers, timeouts and dropped connections: worth another try while time is left. */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const sdkError = error as SdkError
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError)
}

export function isCredentialError(error: unknown): boolean {
  return CREDENTIALS.has(shape(error).name ?? '')
}

/**
 * One sentence for a failed AWS call: what was attempted, why it failed in terms of what to change, and AWS's own
 * words. `iamAction` is the permission the call needs, named when access is refused.
 */
export function describeAwsError(error: unknown, call: { iamAction: string; target: string; region?: string }): string {
  const aws = `${errorName(error)}: ${errorMessage(error)}`
  if (isAccessDenied(error)) {
    return `Access denied for ${call.iamAction} on ${call.target}: grant the role ${call.iamAction} on that resource (${aws})`
  }
  if (isNotFound(error)) {
    const where = call.region ? ` in region ${call.region}` : ''
    return `${call.target} was not found${where} (${call.iamAction}): check the id and the region (${aws})`
  }
  if (isCredentialError(error)) {
    return `No usable AWS credentials for ${call.iamAction}: set role_to_assume (with permissions: id-token: write) or configure credentials before this step, e.g. with aws-actions/configure-aws-credentials (${aws})`
  }
  if (isQuotaExceeded(error)) {
    const console = call.region
      ? `https://${call.region}.console.aws.amazon.com/servicequotas/home/services/bedrock/quotas`
      : 'the Service Quotas console (service: Amazon Bedrock)'
    return `${call.iamAction} on ${call.target} was refused because an account quota is used up; waiting will not help until other work ends. Raise the quota in ${console} (${aws})`
  }
  if (isThrottling(error)) {
    return `${call.iamAction} on ${call.target} was throttled and retries did not heal it (${aws})`
  }
  return `${call.iamAction} on ${call.target} failed (${aws})`
}
