import { AwsError, sendJson, sendRestJsonError, type Call } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle, type PrincipalOf } from '../gateway/service.js'
import type { Bedrock } from './bedrock.js'

const STYLE: FaultStyle = {
  service: 'bedrock',
  throttle: () => new AwsError(429, 'ThrottlingException', 'Rate exceeded'),
  denied: (message) => new AwsError(403, 'AccessDeniedException', message),
  iamAction: (op) => `bedrock:${op}`
}

/** The request's JSON object (an empty body is `{}`), or the 400 the REST-JSON services answer otherwise. */
export async function jsonBody(call: Call): Promise<Record<string, unknown>> {
  const text = (await call.body()).toString('utf8')
  if (text.trim() === '') return {}
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
  } catch {
    // Not JSON: the same answer as JSON that is not an object.
  }
  throw new AwsError(400, 'ValidationException', 'The request body is not a JSON object.')
}

/** What both Bedrock REST-JSON services share: the knowledge base behind them, faults, and the error shape. */
export abstract class BedrockRestService extends FaultedService {
  constructor(
    protected readonly bedrock: Bedrock,
    faults: Faults,
    principalOf: PrincipalOf
  ) {
    super(faults, STYLE, principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    sendRestJsonError(call, err, { message: err.message, ...err.fields })
  }

  protected send(call: Call, status: number, body: object): void {
    sendJson(call.res, status, body, { 'x-amzn-RequestId': call.requestId })
  }
}
