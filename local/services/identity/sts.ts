import type {
  AssumedRoleUser,
  AssumeRoleWithWebIdentityResponse,
  Credentials,
  GetCallerIdentityResponse
} from '@aws-sdk/client-sts'
import { ACCOUNT_ID, randomId } from '../common/ids.js'
import { AwsError, type Call } from '../common/protocol.js'
import type { Wire } from '../common/wire.js'
import { sendXml } from '../common/xml.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle } from '../gateway/service.js'
import type { Identity } from './identity.js'

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/'

const STYLE: FaultStyle = {
  service: 'sts',
  throttle: () => new AwsError(400, 'Throttling', 'Rate exceeded'),
  denied: (message) => new AwsError(403, 'AccessDenied', message),
  iamAction: (op) => `sts:${op}`
}

/** STS over the query protocol: AssumeRoleWithWebIdentity and GetCallerIdentity. */
export class StsService extends FaultedService {
  readonly name = 'sts'

  constructor(
    private readonly identity: Identity,
    faults: Faults
  ) {
    super(faults, STYLE, identity.principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    const error = { Type: err.status >= 500 ? 'Receiver' : 'Sender', Code: err.code, Message: err.message }
    sendXml(
      call.res,
      err.status,
      { ErrorResponse: { '@_xmlns': STS_NS, Error: error, RequestId: call.requestId } },
      { 'x-amzn-RequestId': call.requestId, 'Content-Type': 'text/xml' }
    )
  }

  async handle(call: Call): Promise<void> {
    const params = new URLSearchParams((await call.body()).toString('utf8'))
    for (const [k, v] of call.url.searchParams) if (!params.has(k)) params.set(k, v)
    const action = params.get('Action') ?? 'Unknown'
    await this.admit(call, action, {
      resource: () => params.get('RoleArn') ?? '*',
      key: () => params.get('RoleArn') ?? ''
    })
    switch (action) {
      case 'AssumeRoleWithWebIdentity':
        return this.answer(call, action, this.assumeRoleWithWebIdentity(params))
      case 'GetCallerIdentity':
        return this.answer(call, action, this.getCallerIdentity(call))
      default:
        throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version 2011-06-15`)
    }
  }

  /** The query protocol's envelope: `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>`. */
  private answer(call: Call, action: string, result: object): void {
    const response = {
      '@_xmlns': STS_NS,
      [`${action}Result`]: result,
      ResponseMetadata: { RequestId: call.requestId }
    }
    sendXml(
      call.res,
      200,
      { [`${action}Response`]: response },
      {
        'x-amzn-RequestId': call.requestId,
        'Content-Type': 'text/xml'
      }
    )
  }

  private assumeRoleWithWebIdentity(params: URLSearchParams): Wire<AssumeRoleWithWebIdentityResponse> {
    const c = this.identity.assumeRole(params)
    const user: AssumedRoleUser = {
      Arn: this.identity.principalOf(c.accessKeyId),
      AssumedRoleId: `AROA${randomId(17)}:${c.sessionName}`
    }
    const credentials: Wire<Credentials> = {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      SessionToken: c.sessionToken,
      Expiration: c.expiration
    }
    return {
      SubjectFromWebIdentityToken: c.subject,
      Audience: c.audience,
      AssumedRoleUser: user,
      Credentials: credentials,
      Provider: 'token.actions.githubusercontent.com'
    }
  }

  private getCallerIdentity(call: Call): GetCallerIdentityResponse {
    if (call.accessKeyId === undefined)
      throw new AwsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token')
    return { Arn: this.identity.principalOf(call.accessKeyId), UserId: call.accessKeyId, Account: ACCOUNT_ID }
  }
}
