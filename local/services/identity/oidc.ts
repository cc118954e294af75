import { AwsError, sendJson, type Call } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle } from '../gateway/service.js'
import type { Identity } from './identity.js'

/** What GitHub's token endpoint answers (the part `core.getIDToken` reads is `value`). */
interface IdTokenResponse {
  count: number
  value: string
}

const STYLE: FaultStyle = {
  service: 'oidc',
  throttle: () => new AwsError(429, 'TooManyRequests', 'API rate limit exceeded'),
  denied: () => new AwsError(403, 'Forbidden', 'Resource not accessible by integration'),
  iamAction: () => 'id-token:write'
}

/**
 * What `core.getIDToken(audience)` calls: GET `$ACTIONS_ID_TOKEN_REQUEST_URL&audience=...` with
 * `Authorization: Bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN`, answered with `{"value": "<jwt>"}`.
 */
export class OidcService extends FaultedService {
  readonly name = 'oidc'

  constructor(
    private readonly identity: Identity,
    faults: Faults
  ) {
    super(faults, STYLE, identity.principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    sendJson(call.res, err.status, { message: err.message })
  }

  async handle(call: Call): Promise<void> {
    await this.admit(call, 'GetIDToken', {
      resource: () => 'token',
      key: () => call.url.searchParams.get('audience') ?? ''
    })
    if (call.method !== 'GET') throw new AwsError(405, 'MethodNotAllowed', 'Use GET')
    if (call.headers.authorization !== `Bearer ${this.identity.oidc.requestToken}`) {
      throw new AwsError(401, 'Unauthorized', 'Bad credentials for the OIDC token request')
    }
    const [owner] = this.identity.oidc.repository.split('/')
    const audience = call.url.searchParams.get('audience') ?? `https://github.com/${owner}`
    const answer: IdTokenResponse = { count: 1, value: this.identity.issueToken(audience) }
    sendJson(call.res, 200, answer)
  }
}
