import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleWithWebIdentityCommandOutput
} from '@aws-sdk/client-sts'
import { startStack, type Stack } from '../../local/stack.js'

let stack: Stack
let sts: STSClient

/** What @actions/core's getIDToken(audience) does: GET the URL plus `&audience=`, with the bearer token. */
async function idToken(audience: string, token = stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN): Promise<Response> {
  return fetch(`${stack.env.ACTIONS_ID_TOKEN_REQUEST_URL}&audience=${encodeURIComponent(audience)}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' }
  })
}

async function jwt(audience = 'sts.amazonaws.com'): Promise<string> {
  const res = await idToken(audience)
  expect(res.status).toBe(200)
  return ((await res.json()) as { value: string }).value
}

function assume(
  WebIdentityToken: string,
  RoleArn = stack.ids.roleArn
): Promise<AssumeRoleWithWebIdentityCommandOutput> {
  return sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn, RoleSessionName: 'kb-sync-4242', WebIdentityToken }))
}

beforeAll(async () => {
  stack = await startStack()
  sts = new STSClient({ ...stack.clientConfig, maxAttempts: 1 })
})

afterAll(async () => {
  sts.destroy()
  await stack.stop()
})

describe('GitHub OIDC token endpoint', () => {
  it('issues a JWT with GitHub claims for the requested audience', async () => {
    const token = await jwt('sts.amazonaws.com')
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/incident-analyzer:ref:refs/heads/main',
      repository: 'octo-org/incident-analyzer',
      run_id: '4242'
    })
  })

  it('refuses a wrong request token', async () => {
    expect((await idToken('sts.amazonaws.com', 'wrong')).status).toBe(401)
  })

  it('works through @actions/core getIDToken', async () => {
    const core = await import('@actions/core')
    const saved = { url: process.env.ACTIONS_ID_TOKEN_REQUEST_URL, token: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN }
    process.env.ACTIONS_ID_TOKEN_REQUEST_URL = stack.env.ACTIONS_ID_TOKEN_REQUEST_URL
    process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    const write = process.stdout.write
    // getIDToken prints ::add-mask:: and ::debug:: commands; keep them out of the test output.
    process.stdout.write = (() => true) as typeof process.stdout.write
    try {
      const token = await core.getIDToken('sts.amazonaws.com')
      expect(token.split('.')).toHaveLength(3)
    } finally {
      process.stdout.write = write
      process.env.ACTIONS_ID_TOKEN_REQUEST_URL = saved.url
      process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = saved.token
      if (saved.url === undefined) delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
      if (saved.token === undefined) delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    }
  })
})

describe('STS AssumeRoleWithWebIdentity', () => {
  it('exchanges a token from the endpoint for credentials that identify as the assumed role', async () => {
    const out = await assume(await jwt())
    expect(out.Credentials?.AccessKeyId).toMatch(/^ASIA[0-9A-Z]{16}$/)
    expect(out.Credentials?.Expiration).toBeInstanceOf(Date)
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/kb-sync-github-actions/kb-sync-4242')
    expect(out.SubjectFromWebIdentityToken).toBe('repo:octo-org/incident-analyzer:ref:refs/heads/main')

    const asRole = new STSClient({
      region: stack.ids.region,
      endpoint: stack.url,
      credentials: {
        accessKeyId: out.Credentials?.AccessKeyId as string,
        secretAccessKey: out.Credentials?.SecretAccessKey as string,
        sessionToken: out.Credentials?.SessionToken
      }
    })
    const me = await asRole.send(new GetCallerIdentityCommand({}))
    asRole.destroy()
    expect(me).toMatchObject({ Account: '123456789012', Arn: out.AssumedRoleUser?.Arn })
    expect(stack.calls().at(-1)).toMatchObject({
      service: 'sts',
      operation: 'GetCallerIdentity',
      accessKeyId: out.Credentials?.AccessKeyId
    })
  })

  it('rejects a token for another audience, a forged token, and a role that does not trust the repository', async () => {
    await expect(assume(await jwt('https://github.com/octo-org'))).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException',
      message: 'Incorrect token audience'
    })
    const [header, payload] = (await jwt()).split('.')
    await expect(assume(`${header}.${payload}.${Buffer.from('forged').toString('base64url')}`)).rejects.toMatchObject({
      name: 'InvalidIdentityTokenException'
    })
    await expect(assume(await jwt(), 'arn:aws:iam::123456789012:role/someone-else')).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity'
    })
  })

  it('can be denied or throttled by fault hooks', async () => {
    stack.faults.accessDenied('AssumeRoleWithWebIdentity', 1)
    await expect(assume(await jwt())).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('sts:AssumeRoleWithWebIdentity')
    })
    stack.faults.error('GetIDToken', { status: 500, code: 'InternalServerError' })
    expect((await idToken('sts.amazonaws.com')).status).toBe(500)
  })
})
