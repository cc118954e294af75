import type { IngestionJob, IngestionJobStatistics, IngestionJobStatus } from '@aws-sdk/client-bedrock-agent'
import { AwsError } from '../common/protocol.js'
import type { Having, Wire } from '../common/wire.js'
import type { JobFate } from '../faults/types.js'
import type { IndexedDocument } from './retrieval.js'

export type JobStatus = IngestionJobStatus

/** The seven statistics the stack reports (the API's eighth, `numberOfDocumentsSkipped`, is not), always set. */
export type IngestionStatistics = Required<Omit<IngestionJobStatistics, 'numberOfDocumentsSkipped'>>

/** An ingestion job as GetIngestionJob puts it on the wire (timestamps as RFC 3339 strings). */
export type IngestionJobView = Wire<
  Having<IngestionJob, 'knowledgeBaseId' | 'dataSourceId' | 'ingestionJobId' | 'status' | 'startedAt' | 'updatedAt'>
> & { statistics: IngestionStatistics }

export interface BedrockOptions {
  /** Real (or clock) time a job takes from start to COMPLETE; the first fifth of it is STARTING. */
  jobDurationMs: number
  /** Extra time per source document. */
  perDocumentMs: number
  /** Documents larger than this fail, as Bedrock fails files over 50 MB. */
  maxDocumentBytes: number
  /** Least time between two StartIngestionJob calls in the account (Bedrock allows about one per 10 s); 0 = off. */
  startIntervalMs: number
  /**
   * Time a document sent by name (IngestKnowledgeBaseDocuments, DeleteKnowledgeBaseDocuments) takes from acceptance
   * to INDEXED, FAILED or gone; the first fifth of it is STARTING (DELETING).
   */
  documentDurationMs: number
}

export interface KnowledgeBase {
  id: string
  name: string
  roleArn: string
  createdAt: number
  dataSources: Map<string, DataSource>
}

export interface DataSource {
  id: string
  kbId: string
  name: string
  bucket: string
  prefixes: string[]
  createdAt: number
  index: Map<string, IndexedDocument>
  jobs: Job[]
  /** Jobs by the client token that started them, for idempotent retries. */
  tokens: Map<string, Job>
  /** Documents sent by name: the newest operation on each S3 URI (a later one supersedes it), and all of them. */
  documents: Map<string, DocumentOperation>
  documentLog: DocumentOperation[]
  /** The URIs a document call carried, by its operation and client token, for idempotent retries. */
  documentTokens: Map<string, string[]>
}

export type DocumentAction = 'ingest' | 'delete'

/** One document of an IngestKnowledgeBaseDocuments or DeleteKnowledgeBaseDocuments call, decided when accepted. */
export interface DocumentOperation {
  uri: string
  /** The object key, when the URI names an object in the data source's bucket. */
  key: string | undefined
  action: DocumentAction
  acceptedAt: number
  durationMs: number
  /** Where it ends: indexed, failed (with `reason`), or gone from the index (a deletion). */
  outcome: 'INDEXED' | 'FAILED' | 'NOT_FOUND'
  reason?: string
  /** What an ingestion puts in the index. */
  doc?: IndexedDocument
  /** Whether its end has been applied to the index; a superseded operation never is. */
  applied: boolean
}

export type ItemKind = 'new' | 'modified' | 'metadata' | 'unchanged' | 'failed'

/** One source document of a job, and what the job does with it. */
export interface PlanItem {
  key: string
  kind: ItemKind
  hasMetadata: boolean
  reason?: string
  doc?: IndexedDocument
}

/** What a job will do, decided when it starts. */
export interface Plan {
  items: PlanItem[]
  /** Sidecars whose document is gone: scanned as metadata when the job completes. */
  orphanMetadata: number
  deletions: string[]
}

export interface Job {
  id: string
  ds: DataSource
  description?: string
  startedAt: number
  startingMs: number
  durationMs: number
  fate?: JobFate
  stopRequestedAt?: number
  stoppingMs: number
  plan: Plan
  applied: boolean
}

const ID = /^[0-9a-zA-Z]{10}$/

export function validation(field: string, value: unknown, constraint: string): AwsError {
  return new AwsError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`
  )
}

/** Knowledge base, data source and job ids: ten letters and digits, or a 400 naming the field. */
export function checkId(field: string, value: string): void {
  if (!ID.test(value))
    throw validation(field, value, 'Member must satisfy regular expression pattern: ^[0-9a-zA-Z]{10}$')
}

const CLIENT_TOKEN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$/

/** A request's idempotency token as the API constrains it (33–256 characters of its pattern), or a 400. */
export function checkClientToken(token: unknown): string | undefined {
  if (token === undefined) return undefined
  if (typeof token !== 'string' || token.length < 33 || token.length > 256) {
    throw validation('clientToken', token, 'Member must have length between 33 and 256')
  }
  if (!CLIENT_TOKEN.test(token)) {
    throw validation(
      'clientToken',
      token,
      'Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$'
    )
  }
  return token
}
