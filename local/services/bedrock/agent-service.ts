import type {
  DeleteKnowledgeBaseDocumentsResponse,
  GetIngestionJobResponse,
  GetKnowledgeBaseDocumentsResponse,
  IngestKnowledgeBaseDocumentsResponse,
  StartIngestionJobResponse,
  StopIngestionJobResponse
} from '@aws-sdk/client-bedrock-agent'
import { AwsError, type Call } from '../common/protocol.js'
import type { Wire } from '../common/wire.js'
import { BedrockRestService, jsonBody } from './rest.js'

type Operation =
  | 'GetKnowledgeBase'
  | 'GetDataSource'
  | 'StartIngestionJob'
  | 'ListIngestionJobs'
  | 'GetIngestionJob'
  | 'StopIngestionJob'
  | 'IngestKnowledgeBaseDocuments'
  | 'DeleteKnowledgeBaseDocuments'
  | 'GetKnowledgeBaseDocuments'
  | 'ListKnowledgeBaseDocuments'

const KB = '/knowledgebases/([^/]+)'
const DS = `${KB}/datasources/([^/]+)`

const ROUTES: [method: string, path: RegExp, operation: Operation][] = [
  ['GET', new RegExp(`^${KB}/?$`), 'GetKnowledgeBase'],
  ['GET', new RegExp(`^${DS}/?$`), 'GetDataSource'],
  ['PUT', new RegExp(`^${DS}/ingestionjobs/?$`), 'StartIngestionJob'],
  ['POST', new RegExp(`^${DS}/ingestionjobs/?$`), 'ListIngestionJobs'],
  ['GET', new RegExp(`^${DS}/ingestionjobs/([^/]+)/?$`), 'GetIngestionJob'],
  ['POST', new RegExp(`^${DS}/ingestionjobs/([^/]+)/stop$`), 'StopIngestionJob'],
  ['PUT', new RegExp(`^${DS}/documents/?$`), 'IngestKnowledgeBaseDocuments'],
  ['POST', new RegExp(`^${DS}/documents/?$`), 'ListKnowledgeBaseDocuments'],
  ['POST', new RegExp(`^${DS}/documents/deleteDocuments$`), 'DeleteKnowledgeBaseDocuments'],
  ['POST', new RegExp(`^${DS}/documents/getDocuments$`), 'GetKnowledgeBaseDocuments']
]

/** The operation a request names, and the ids in its path: knowledge base, data source, job. */
function route(call: Call): { operation: Operation | undefined; kbId: string; dsId: string; jobId: string } {
  for (const [method, pattern, operation] of ROUTES) {
    const m = pattern.exec(call.url.pathname)
    if (m && call.method === method) {
      const [kbId = '', dsId = '', jobId = ''] = m.slice(1).map((p) => decodeURIComponent(p))
      return { operation, kbId, dsId, jobId }
    }
  }
  return { operation: undefined, kbId: '', dsId: '', jobId: '' }
}

/** bedrock-agent's REST-JSON API, the part about knowledge bases, ingestion jobs and documents sent by name. */
export class BedrockAgentService extends BedrockRestService {
  readonly name = 'bedrock-agent'

  async handle(call: Call): Promise<void> {
    const { operation, kbId, dsId, jobId } = route(call)
    await this.admit(call, operation ?? 'Unknown', {
      resource: () => this.bedrock.kbArn(kbId || '*'),
      key: () => jobId || dsId || kbId
    })
    this.bedrock.settle()
    switch (operation) {
      case 'GetKnowledgeBase':
        return this.send(call, 200, this.bedrock.getKnowledgeBase(kbId))
      case 'GetDataSource':
        return this.send(call, 200, this.bedrock.getDataSource(kbId, dsId))
      case 'StartIngestionJob': {
        const started: Wire<StartIngestionJobResponse> = {
          ingestionJob: this.bedrock.startIngestionJob(kbId, dsId, await jsonBody(call))
        }
        return this.send(call, 202, started)
      }
      case 'ListIngestionJobs':
        this.send(call, 200, this.bedrock.listIngestionJobs(kbId, dsId, await jsonBody(call)))
        return this.startForeignJob(kbId, dsId)
      case 'GetIngestionJob': {
        const job: Wire<GetIngestionJobResponse> = { ingestionJob: this.bedrock.getIngestionJob(kbId, dsId, jobId) }
        return this.send(call, 200, job)
      }
      case 'StopIngestionJob': {
        const stopped: Wire<StopIngestionJobResponse> = {
          ingestionJob: this.bedrock.stopIngestionJob(kbId, dsId, jobId)
        }
        return this.send(call, 202, stopped)
      }
      case 'IngestKnowledgeBaseDocuments': {
        const documentDetails = this.bedrock.ingestKnowledgeBaseDocuments(kbId, dsId, await jsonBody(call))
        const accepted: Wire<IngestKnowledgeBaseDocumentsResponse> = { documentDetails }
        return this.send(call, 202, accepted)
      }
      case 'DeleteKnowledgeBaseDocuments': {
        const documentDetails = this.bedrock.deleteKnowledgeBaseDocuments(kbId, dsId, await jsonBody(call))
        const accepted: Wire<DeleteKnowledgeBaseDocumentsResponse> = { documentDetails }
        return this.send(call, 202, accepted)
      }
      case 'GetKnowledgeBaseDocuments': {
        const documentDetails = this.bedrock.getKnowledgeBaseDocuments(kbId, dsId, await jsonBody(call))
        const found: Wire<GetKnowledgeBaseDocumentsResponse> = { documentDetails }
        return this.send(call, 200, found)
      }
      case 'ListKnowledgeBaseDocuments':
        return this.send(call, 200, this.bedrock.listKnowledgeBaseDocuments(kbId, dsId, await jsonBody(call)))
      default:
        throw new AwsError(
          404,
          'UnknownOperationException',
          `The local stack does not implement ${call.method} ${call.url.pathname}`
        )
    }
  }

  /** `foreignJobOnNextList`: started in the same turn as the answer, before the lister's next request can arrive. */
  private startForeignJob(kbId: string, dsId: string): void {
    const foreign = this.faults.takeForeignJob()
    if (foreign === undefined) return
    try {
      foreign.resolve(this.bedrock.startIngestionJob(kbId, dsId, { description: foreign.description }, false))
    } catch (err) {
      foreign.reject(err)
    }
  }
}
