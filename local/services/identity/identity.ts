import { generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto'
import { AwsError } from '../common/protocol.js'
import { ACCOUNT_ID, isoTime, randomId } from '../common/ids.js'
import type { Clock } from '../clock.js'

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export interface OidcOptions {
  /** `ACTIONS_ID_TOKEN_REQUEST_TOKEN`: the bearer token the endpoint accepts. */
  requestToken: string
  repository: string
  runId: string
  runAttempt: string
  /** Claims added to (or replacing) the default GitHub claims. */
  claims?: Record<string, unknown>
}

export interface TrustOptions {
  roleArn: string
  /** Audiences the IAM OIDC provider lists as client ids (default `sts.amazonaws.com`). */
  audiences: string[]
  /** Subjects the role's trust policy accepts, `*` as wildcard (default `repo:<repository>:*`). */
  subjects: string[]
}

export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string
  roleArn: string
  sessionName: string
  subject: string
  audience: string
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url')
}

/**
 * GitHub's OIDC token endpoint and STS, sharing one signing key: STS accepts exactly the tokens this endpoint
 * issued, for the audiences and subjects the trust settings allow, and answers as STS does otherwise.
 */
export class Identity {
  readonly issued = new Map<string, IssuedCredentials>()
  private readonly privateKey: KeyObject
  private readonly publicKey: KeyObject
  private readonly kid = randomId(16)

  constructor(
    private readonly clock: Clock,
    readonly oidc: OidcOptions,
    readonly trust: TrustOptions
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    this.privateKey = privateKey
    this.publicKey = publicKey
  }

  /** The ARN an access key acts as: the assumed role for STS-issued keys, a local IAM user otherwise. */
  principalOf = (accessKeyId?: string): string => {
    const creds = accessKeyId ? this.issued.get(accessKeyId) : undefined
    if (creds) return `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName(creds.roleArn)}/${creds.sessionName}`
    return `arn:aws:iam::${ACCOUNT_ID}:user/local-developer`
  }

  /** Credentials the stack hands out itself (e.g. a Lambda execution role), so call logs and denials name the role. */
  registerCredentials(accessKeyId: string, roleArn: string, sessionName: string): void {
    this.issued.set(accessKeyId, {
      accessKeyId,
      secretAccessKey: 'local',
      sessionToken: 'local',
      expiration: isoTime(this.clock.now() + 12 * 3_600_000),
      roleArn,
      sessionName,
      subject: '',
      audience: ''
    })
  }

  issueToken(audience: string): string {
    const now = Math.floor(this.clock.now() / 1000)
    const [owner] = this.oidc.repository.split('/')
    const claims = {
      jti: randomId(32).toLowerCase(),
      sub: `repo:${this.oidc.repository}:ref:refs/heads/main`,
      aud: audience,
      ref: 'refs/heads/main',
      sha: randomBytes(20).toString('hex'),
      repository: this.oidc.repository,
      repository_owner: owner,
      run_id: this.oidc.runId,
      run_number: '1',
      run_attempt: this.oidc.runAttempt,
      actor: 'local-developer',
      workflow: 'kb-sync',
      event_name: 'workflow_dispatch',
      ref_type: 'branch',
      job_workflow_ref: `${this.oidc.repository}/.github/workflows/kb-sync.yml@refs/heads/main`,
      iss: GITHUB_ISSUER,
      nbf: now - 5,
      iat: now,
      exp: now + 600,
      ...this.oidc.claims
    }
    // ES256 rather than GitHub's RS256: an RSA key pair costs a noticeable moment per stack, and nothing reads
    // the algorithm but this stack's own STS.
    const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: this.kid }))
    const payload = b64url(JSON.stringify(claims))
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: this.privateKey,
      dsaEncoding: 'ieee-p1363'
    })
    return `${header}.${payload}.${b64url(signature)}`
  }

  /** Claims of a token this stack issued, or an STS InvalidIdentityToken error. */
  verifyToken(token: string): Record<string, unknown> {
    const invalid = (why: string): AwsError => new AwsError(400, 'InvalidIdentityToken', why)
    const [header, payload, signature] = token.split('.')
    if (!header || !payload || !signature) throw invalid('Token is not a valid JWT.')
    const ok = verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      { key: this.publicKey, dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url')
    )
    if (!ok) throw invalid("The token's signature does not match any key of the OIDC provider.")
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
    if (claims.iss !== GITHUB_ISSUER)
      throw invalid(`No OpenIDConnect provider found in your account for ${String(claims.iss)}`)
    const now = this.clock.now() / 1000
    if (typeof claims.exp !== 'number' || claims.exp < now)
      throw new AwsError(400, 'ExpiredTokenException', 'Token expired')
    if (typeof claims.aud !== 'string' || !this.trust.audiences.includes(claims.aud))
      throw invalid('Incorrect token audience')
    return claims
  }

  assumeRole(params: URLSearchParams): IssuedCredentials {
    const roleArn = params.get('RoleArn') ?? ''
    const sessionName = params.get('RoleSessionName') ?? ''
    const token = params.get('WebIdentityToken') ?? ''
    const duration = Number(params.get('DurationSeconds') ?? 3600)
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw new AwsError(
        400,
        'ValidationError',
        `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64`
      )
    }
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(roleArn)) {
      throw new AwsError(400, 'ValidationError', `${roleArn} is invalid`)
    }
    if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) {
      throw new AwsError(400, 'ValidationError', `The requested DurationSeconds ${duration} is outside 900 to 43200.`)
    }
    const claims = this.verifyToken(token)
    const subject = String(claims.sub ?? '')
    const trusted = roleArn === this.trust.roleArn && this.trust.subjects.some((p) => globMatch(p, subject))
    if (!trusted) throw new AwsError(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity')
    if (duration > 3600) {
      throw new AwsError(
        400,
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
      )
    }
    const creds: IssuedCredentials = {
      accessKeyId: `ASIA${randomId(16)}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(96).toString('base64'),
      expiration: isoTime(this.clock.now() + duration * 1000),
      roleArn,
      sessionName,
      subject,
      audience: String(claims.aud)
    }
    this.issued.set(creds.accessKeyId, creds)
    return creds
  }
}

export function roleName(roleArn: string): string {
  return roleArn.split('/').slice(1).join('/').split('/').pop() ?? roleArn
}

function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  )
  return re.test(value)
}
