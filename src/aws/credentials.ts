/**
 * GitHub OIDC → STS AssumeRoleWithWebIdentity, done by the action itself so the credentials live only inside
 * this step. Without role_to_assume the SDK's default credential chain is used instead.
 */
import { AssumeRoleWithWebIdentityCommand, type STSClient } from '@aws-sdk/client-sts'
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types'
import { CREDENTIALS_BUDGET_MS } from '../budget.js'
import { NEVER, raceSignal, stopCause } from '../deadline.js'
import { createStsClient } from './clients.js'
import { errorMessage, errorName, isAccessDenied } from './errors.js'

export interface OidcRequest {
  roleArn: string
  sessionName: string
  audience: string
  region: string
  /** Fetches the GitHub OIDC token (core.getIDToken in the runner). */
  getIdToken: (audience: string) => Promise<string>
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

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CredentialsError'
  }
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
  let current = await assumeRoleWithOidc(request, request.signal ?? NEVER)
  let renewing: Promise<AwsCredentialIdentity> | undefined
  return async () => {
    const expiresAt = current.expiration?.getTime() ?? Infinity
    if (expiresAt - now() > RENEW_BEFORE_MS) return current
    const bound = AbortSignal.any([request.cancel ?? NEVER, AbortSignal.timeout(CREDENTIALS_BUDGET_MS)])
    renewing ??= assumeRoleWithOidc(request, bound).finally(() => (renewing = undefined))
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
    token = await raceSignal(request.getIdToken(request.audience), signal)
  } catch (error) {
    if (stopCause(signal)) throw signal.reason
    throw new CredentialsError(tokenRequestFailure(request.audience, error))
  }
  request.mask(token)

  const sts = request.sts ?? createStsClient(request.region)
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
    const c = answer.Credentials
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
      throw new CredentialsError(`STS AssumeRoleWithWebIdentity for ${request.roleArn} returned no credentials.`)
    }
    request.mask(c.AccessKeyId)
    request.mask(c.SecretAccessKey)
    request.mask(c.SessionToken)
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
      ...(c.Expiration ? { expiration: c.Expiration } : {})
    }
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

/**
 * Why the token request failed, and where to look. @actions/core words it over several lines, with the HTTP status
 * as "Error Code : 429" ("undefined" when no answer came). Only a refusal (401, 403) or a request never made points
 * at the job's permissions; a rate limit, a 5xx or a dropped connection does not.
 */
function tokenRequestFailure(audience: string, error: unknown): string {
  const text = errorMessage(error).replace(/\s+/g, ' ').trim()
  const code = /Error Code ?: ?(\S+)/.exec(text)?.[1]
  const said = /Error Message ?: ?(.*)$/.exec(text)?.[1] ?? text
  const failed = `Could not get a GitHub OIDC token for audience '${audience}'`
  if (code === undefined || code === '401' || code === '403') {
    return `${failed}: ${text}. Check that the job has "permissions: id-token: write".`
  }
  if (/^\d+$/.test(code))
    return `${failed}: GitHub's token endpoint answered HTTP ${code} (${said}). Try the run again later.`
  return `${failed}: GitHub's token endpoint could not be reached (${said}). Check the runner's network.`
}
