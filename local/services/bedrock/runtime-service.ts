import { AwsError, type Call } from '../common/protocol.js'
import { BedrockRestService, jsonBody } from './rest.js'

const RETRIEVE = /^\/knowledgebases\/([^/]+)\/retrieve$/

/** Whether a `bedrock`-signed request is for bedrock-agent-runtime (they share the signing name). */
export function isRuntimePath(path: string): boolean {
  return RETRIEVE.test(path)
}

/** bedrock-agent-runtime's Retrieve over the ingested documents. */
export class BedrockRuntimeService extends BedrockRestService {
  readonly name = 'bedrock-agent-runtime'

  async handle(call: Call): Promise<void> {
    const m = RETRIEVE.exec(call.url.pathname)
    const kbId = decodeURIComponent(m?.[1] ?? '')
    await this.admit(call, 'Retrieve', { resource: () => this.bedrock.kbArn(kbId), key: () => kbId })
    if (call.method !== 'POST' || !m)
      throw new AwsError(404, 'UnknownOperationException', `Unknown operation ${call.method} ${call.url.pathname}`)
    this.bedrock.settle()
    this.send(call, 200, this.bedrock.retrieve(kbId, await jsonBody(call)))
  }
}
