/**
 * GitHub OIDC → STS AssumeRoleWithWebIdentity, done by the action itself so the credentials live only inside
 * this step. Without role_to_assume the SDK's default credential chain is used instead. Outside GitHub Actions a
 * terminal front assumes role_to_assume with STS AssumeRole, signed by the default chain (a profile, SSO, keys).
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  type Credentials as StsCredentials,
  type STSClient
} from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { CREDENTIALS_BUDGET_MS } from '../budget.js'
import { NEVER, raceSignal, stopCause } from '../deadline.js'
import { createStsClient } from './clients.js'
import { TokenRequestError } from './github-oidc.js'
import { CredentialsError, errorMessage, errorName, isAccessDenied, isCredentialError } from './errors.js'

export { CredentialsError } from './errors.js'

export interface OidcRequest {
  roleArn: string
  sessionName: string
  audience: string
  region: string
  /** Fetches the GitHub OIDC token; the signal bounds the request. */
  getIdToken: (audience: string, signal?: AbortSignal) => Promise<string>
  /** False when the job has no ACTIONS_ID_TOKEN_REQUEST_URL, i.e. lacks `permissions: id-token: write`. */
  idTokenAvailable: boolean
  /** Hides a secret from the logs the moment it exists (core.setSecret in the runner). */
  mask: (secret: string) => void
  /** Bounds the first exchange (the credentials step's deadline, or the run's cancellation). */
  signal?: AbortSignal
  /** The run's cancellation; each later renewal is also bounded by the credentials budget. */
  cancel?: AbortSignal
  sts?: STSClient
}

/** Credentials are renewed this long before they expire, so no call is signed with a dying session. */
const RENEW_BEFORE_MS = 5 * 60_000

/**
 * Assumes the role now (so a refusal fails the run before any work), then hands out those credentials and renews
 * them with a fresh OIDC token when they near expiry: a long drain plus a long ingestion wait can outlast the
 * one-hour session that every role allows.
 */
export async function oidcCredentials(
  request: OidcRequest,
  now: () => number = Date.now
): Promise<AwsCredentialIdentityProvider> {
  return renewed((signal) => assumeRoleWithOidc(request, signal), request, now)
}

/** Gets credentials now, hands them out, and gets them again (one renewal at a time) when they near expiry. */
async function renewed(
  assume: (signal: AbortSignal) => Promise<AwsCredentialIdentity>,
  bounds: { signal?: AbortSignal; cancel?: AbortSignal },
  now: () => number
): Promise<AwsCredentialIdentityProvider> {
  let current = await assume(bounds.signal ?? NEVER)
  let renewing: Promise<AwsCredentialIdentity> | undefined
  return async () => {
    const expiresAt = current.expiration?.getTime() ?? Infinity
    if (expiresAt - now() > RENEW_BEFORE_MS) return current
    const bound = AbortSignal.any([bounds.cancel ?? NEVER, AbortSignal.timeout(CREDENTIALS_BUDGET_MS)])
    renewing ??= assume(bound).finally(() => (renewing = undefined))
    current = await renewing
    return current
  }
}

export async function assumeRoleWithOidc(request: OidcRequest, signal: AbortSignal): Promise<AwsCredentialIdentity> {
  if (!request.idTokenAvailable) {
    throw new CredentialsError(
      `role_to_assume is set but this job cannot request a GitHub OIDC token: add "permissions: id-token: write" to the job (or workflow) that runs kb-sync.`
    )
  }
  let token: string
  try {
    token = await raceSignal(request.getIdToken(request.audience, signal), signal)
  } catch (error) {
    if (stopCause(signal)) throw signal.reason
    throw new CredentialsError(tokenRequestFailure(request.audience, error))
  }
  request.mask(token)

  const sts = request.sts ?? (await createStsClient(request.region))
  try {
    const answer = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        WebIdentityToken: token,
        DurationSeconds: 3600
      }),
      { abortSignal: signal }
    )
    const credentials = sessionOf(answer.Credentials, `STS AssumeRoleWithWebIdentity for ${request.roleArn}`)
    request.mask(credentials.accessKeyId)
    request.mask(credentials.secretAccessKey)
    request.mask(credentials.sessionToken!)
    return credentials
  } catch (error) {
    if (error instanceof CredentialsError) throw error
    if (stopCause(signal)) throw signal.reason
    const aws = `${errorName(error)}: ${errorMessage(error)}`
    if (isAccessDenied(error) || errorName(error) === 'InvalidIdentityTokenException') {
      throw new CredentialsError(
        `sts:AssumeRoleWithWebIdentity was refused for ${request.roleArn}: check that the role's trust policy trusts the GitHub OIDC provider for this repository (token.actions.githubusercontent.com:sub) and the audience '${request.audience}' (${aws})`
      )
    }
    throw new CredentialsError(`sts:AssumeRoleWithWebIdentity for ${request.roleArn} failed (${aws})`)
  } finally {
    if (!request.sts) sts.destroy()
  }
}

export interface AssumeRoleRequest {
  roleArn: string
  sessionName: string
  region: string
  /** Bounds the first call (the credentials step's deadline, or the run's cancellation). */
  signal?: AbortSignal
  /** The run's cancellation; each later renewal is also bounded by the credentials budget. */
  cancel?: AbortSignal
  /** Omitted: an STS client on the default credential chain, with the same timeouts as every other client. */
  sts?: STSClient
}

/**
 * role_to_assume outside GitHub Actions: STS AssumeRole signed by the default credential chain (AWS_PROFILE, SSO,
 * environment keys), renewed like the OIDC session so a long run never signs with expired credentials. The
 * permission is the caller's own (sts:AssumeRole on the role), and the role's trust policy must trust the caller.
 */
export async function assumeRoleCredentials(
  request: AssumeRoleRequest,
  now: () => number = Date.now
): Promise<AwsCredentialIdentityProvider> {
  return renewed((signal) => assumeRole(request, signal), request, now)
}

export async function assumeRole(request: AssumeRoleRequest, signal: AbortSignal): Promise<AwsCredentialIdentity> {
  const sts = request.sts ?? (await createStsClient(request.region))
  try {
    const answer = await sts.send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        // One hour is also the most a chained role session (from SSO or another role) may ask for.
        DurationSeconds: 3600
      }),
      { abortSignal: signal }
    )
    return sessionOf(answer.Credentials, `STS AssumeRole for ${request.roleArn}`)
  } catch (error) {
    if (error instanceof CredentialsError) throw error
    if (stopCause(signal)) throw signal.reason
    const aws = `${errorName(error)}: ${errorMessage(error)}`
    if (errorName(error) === 'CredentialsProviderError' || isCredentialError(error)) {
      throw new CredentialsError(
        `No usable AWS credentials to call sts:AssumeRole for ${request.roleArn}: sign in first (aws sso login, AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) (${aws})`
      )
    }
    if (isAccessDenied(error)) {
      throw new CredentialsError(
        `sts:AssumeRole was refused for ${request.roleArn}: your identity needs sts:AssumeRole on that role, and the role's trust policy must trust your identity (${aws})`
      )
    }
    throw new CredentialsError(`sts:AssumeRole for ${request.roleArn} failed (${aws})`)
  } finally {
    if (!request.sts) sts.destroy()
  }
}

/**
 * Why the token request failed, and where to look. Only a refusal (401, 403), or a request that could not be made
 * at all, points at the job's permissions; a rate limit or a 5xx does not, and a dropped connection points at the
 * network.
 */
function tokenRequestFailure(audience: string, error: unknown): string {
  const failed = `Could not get a GitHub OIDC token for audience '${audience}'`
  const text = errorMessage(error)
  const request = error instanceof TokenRequestError ? error : undefined
  // The runner gave no token URL: the request could not be made at all.
  const notMade = request !== undefined && request.status === undefined && /not set$/.test(text)
  if (notMade || request?.status === 401 || request?.status === 403) {
    return `${failed}: ${text}. Check that the job has "permissions: id-token: write".`
  }
  if (request?.status !== undefined) return `${failed}: ${text}. Try the run again later.`
  return `${failed}: GitHub's token endpoint could not be reached (${text}). Check the runner's network.`
}

/** A session's credentials from STS's answer; an answer without all three parts is an error, never a half session. */
function sessionOf(c: StsCredentials | undefined, call: string): AwsCredentialIdentity {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
    throw new CredentialsError(`${call} returned no credentials.`)
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    ...(c.Expiration ? { expiration: c.Expiration } : {})
  }
}
