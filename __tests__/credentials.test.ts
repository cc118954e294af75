import { beforeEach, describe, expect, it } from '@jest/globals'
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { mockClient } from 'aws-sdk-client-mock'
import {
  assumeRoleCredentials,
  oidcCredentials,
  type AssumeRoleRequest,
  type OidcRequest
} from '../src/aws/credentials.js'
import { Cancelled } from '../src/deadline.js'
import { TokenRequestError } from '../src/aws/github-oidc.js'
import { awsError } from './support/fakes.js'

const stsMock = mockClient(STSClient)
const HOUR = 3_600_000

function request(tokens: string[], masked: string[] = []): OidcRequest {
  let n = 0
  return {
    roleArn: 'arn:aws:iam::123456789012:role/kb-sync',
    sessionName: 'kb-sync-1',
    audience: 'sts.amazonaws.com',
    region: 'us-east-1',
    idTokenAvailable: true,
    getIdToken: async () => tokens[n++] ?? 'no-more-tokens',
    mask: (secret) => void masked.push(secret)
  }
}

const session = (key: string, expiresAt: number) => ({
  Credentials: {
    AccessKeyId: key,
    SecretAccessKey: `${key}-secret`,
    SessionToken: `${key}-session`,
    Expiration: new Date(expiresAt)
  }
})

beforeEach(() => {
  stsMock.reset()
})

describe('oidcCredentials', () => {
  it('renews the session with a fresh OIDC token before it expires', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .resolvesOnce(session('FIRST', HOUR))
      .resolves(session('SECOND', 2 * HOUR))
    let now = 0
    const masked: string[] = []
    const provider = await oidcCredentials(request(['token-1', 'token-2'], masked), () => now)

    expect((await provider()).accessKeyId).toBe('FIRST')
    now = HOUR - 10 * 60_000
    expect((await provider()).accessKeyId).toBe('FIRST')
    now = HOUR - 60_000
    expect((await provider()).accessKeyId).toBe('SECOND')
    expect(stsMock.commandCalls(AssumeRoleWithWebIdentityCommand).map((c) => c.args[0].input.WebIdentityToken)).toEqual(
      ['token-1', 'token-2']
    )
    expect(masked).toEqual(expect.arrayContaining(['token-2', 'SECOND', 'SECOND-secret', 'SECOND-session']))
  })

  it('fails at once when the role cannot be assumed', async () => {
    stsMock
      .on(AssumeRoleWithWebIdentityCommand)
      .rejects(awsError('InvalidIdentityTokenException', 400, 'Incorrect token audience'))
    await expect(oidcCredentials(request(['t']))).rejects.toThrow(
      /sts:AssumeRoleWithWebIdentity was refused for arn:aws:iam::123456789012:role\/kb-sync: .*Incorrect token audience/
    )
  })

  it('points at the permissions only when the token endpoint refused, not when it was busy or unreachable', async () => {
    const failure = (error: Error) => ({ ...request([]), getIdToken: async () => Promise.reject(error) })
    const busy = oidcCredentials(failure(new TokenRequestError('the token endpoint answered HTTP 429', 429)))
    await expect(busy).rejects.toThrow(
      "Could not get a GitHub OIDC token for audience 'sts.amazonaws.com': the token endpoint answered HTTP 429. Try the run again later."
    )
    const unreachable = oidcCredentials(failure(new TokenRequestError('ECONNRESET', undefined)))
    await expect(unreachable).rejects.toThrow("GitHub's token endpoint could not be reached (ECONNRESET)")
    const refused = oidcCredentials(failure(new TokenRequestError('the token endpoint answered HTTP 403', 403)))
    await expect(refused).rejects.toThrow('permissions: id-token: write')
  })
})

describe('assumeRoleCredentials (outside GitHub Actions)', () => {
  const role: AssumeRoleRequest = {
    roleArn: 'arn:aws:iam::123456789012:role/kb-sync',
    sessionName: 'kb-sync-local',
    region: 'us-east-1'
  }

  it('assumes the role with the default chain, for an hour, and renews the session before it expires', async () => {
    stsMock
      .on(AssumeRoleCommand)
      .resolvesOnce(session('FIRST', HOUR))
      .resolves(session('SECOND', 2 * HOUR))
    let now = 0
    const provider = await assumeRoleCredentials(role, () => now)
    expect(await provider()).toEqual({
      accessKeyId: 'FIRST',
      secretAccessKey: 'FIRST-secret',
      sessionToken: 'FIRST-session',
      expiration: new Date(HOUR)
    })
    now = HOUR - 60_000
    expect((await provider()).accessKeyId).toBe('SECOND')
    expect(stsMock.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input)).toEqual([
      { RoleArn: role.roleArn, RoleSessionName: 'kb-sync-local', DurationSeconds: 3600 },
      { RoleArn: role.roleArn, RoleSessionName: 'kb-sync-local', DurationSeconds: 3600 }
    ])
  })

  it('names sts:AssumeRole and what to change when it is refused, or when there are no credentials to call it with', async () => {
    stsMock
      .on(AssumeRoleCommand)
      .rejects(awsError('AccessDenied', 403, 'User: arn:aws:iam::1:user/me is not authorized'))
    await expect(assumeRoleCredentials(role)).rejects.toThrow(
      /^sts:AssumeRole was refused for arn:aws:iam::123456789012:role\/kb-sync: your identity needs sts:AssumeRole on that role, and the role's trust policy must trust your identity \(AccessDenied: User: .*\)$/
    )
    stsMock.reset()
    stsMock
      .on(AssumeRoleCommand)
      .rejects(awsError('CredentialsProviderError', 400, 'Could not load credentials from any providers'))
    await expect(assumeRoleCredentials(role)).rejects.toThrow(
      /^No usable AWS credentials to call sts:AssumeRole for .*: sign in first \(aws sso login, AWS_PROFILE, .*Could not load credentials/
    )
    stsMock.reset()
    stsMock.on(AssumeRoleCommand).rejects(awsError('InternalFailure', 500))
    await expect(assumeRoleCredentials(role)).rejects.toThrow(/^sts:AssumeRole for arn:.* failed \(InternalFailure: /)
    stsMock.reset()
    stsMock.on(AssumeRoleCommand).resolves({})
    await expect(assumeRoleCredentials(role)).rejects.toThrow(
      'STS AssumeRole for arn:aws:iam::123456789012:role/kb-sync returned no credentials.'
    )
  })

  it('stops with the run: a cancelled call rejects with the cancellation, not an STS error', async () => {
    const cancel = new AbortController()
    cancel.abort(new Cancelled('SIGINT'))
    stsMock.on(AssumeRoleCommand).rejects(Object.assign(new Error('aborted'), { name: 'AbortError' }))
    await expect(assumeRoleCredentials({ ...role, signal: cancel.signal })).rejects.toBeInstanceOf(Cancelled)
  })
})
