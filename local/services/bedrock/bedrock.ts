import type {
  DeleteKnowledgeBaseDocumentsRequest,
  GetDataSourceResponse,
  GetKnowledgeBaseDocumentsRequest,
  IngestKnowledgeBaseDocumentsRequest,
  ListKnowledgeBaseDocumentsRequest,
  ListKnowledgeBaseDocumentsResponse,
  GetKnowledgeBaseResponse,
  ListIngestionJobsRequest,
  ListIngestionJobsResponse,
  StartIngestionJobRequest
} from '@aws-sdk/client-bedrock-agent'
import type { RetrieveRequest, RetrieveResponse } from '@aws-sdk/client-bedrock-agent-runtime'
import { randomId } from '../common/ids.js'
import { AwsError } from '../common/protocol.js'
import type { Unchecked, Wire } from '../common/wire.js'
import type { Clock } from '../clock.js'
import type { Faults } from '../faults/faults.js'
import type { S3Store } from '../s3/store.js'
import { describeDataSource, describeKnowledgeBase, knowledgeBaseArn } from './descriptions.js'
import { readDeleteRequest, readGetRequest, readIngestRequest, readListRequest } from './document-requests.js'
import {
  acceptDelete,
  acceptIngest,
  documentDetail,
  documentsInFlight,
  dueDocuments,
  forgetFailuresJudgedBy,
  knownDocuments,
  operationLog,
  tokenKey,
  type DocumentContext,
  type DocumentDetail,
  type DocumentOperationView
} from './documents.js'
import { applyPlan, planJob } from './ingestion.js'
import { ACTIVE, jobState, jobView } from './job-state.js'
import { listJobs } from './list-jobs.js'
import {
  checkClientToken,
  checkId,
  validation,
  type BedrockOptions,
  type DataSource,
  type DocumentAction,
  type IngestionJobView,
  type Job,
  type KnowledgeBase
} from './model.js'
import { retrieve, type IndexedDocument } from './retrieval.js'

/** StartIngestionJob's own checks of its parameters, before anything else happens. */
function checkStartRequest(input: Unchecked<StartIngestionJobRequest>): void {
  checkClientToken(input.clientToken)
  const description = input.description
  if (description !== undefined && (typeof description !== 'string' || description.length > 200)) {
    throw validation('description', description, 'Member must have length less than or equal to 200')
  }
}

/**
 * The knowledge bases, data sources, ingestion jobs and vector index. Job states are a function of the clock
 * (no timers): every request first settles what time has made true, so a test clock moves jobs instantly and
 * nothing is left running when the stack stops.
 */
export class Bedrock {
  private kbs = new Map<string, KnowledgeBase>()
  private lastStart = Number.NEGATIVE_INFINITY

  constructor(
    private readonly s3: S3Store,
    private readonly clock: Clock,
    private readonly faults: Faults,
    private readonly options: BedrockOptions,
    readonly region: string
  ) {}

  addKnowledgeBase(id: string, name: string, roleArn: string): void {
    this.kbs.set(id, { id, name, roleArn, createdAt: this.clock.now(), dataSources: new Map() })
  }

  addDataSource(kbId: string, id: string, name: string, bucket: string, prefixes: string[]): void {
    const createdAt = this.clock.now()
    const ds: DataSource = {
      id,
      kbId,
      name,
      bucket,
      prefixes,
      createdAt,
      index: new Map(),
      jobs: [],
      tokens: new Map(),
      documents: new Map(),
      documentLog: [],
      documentTokens: new Map()
    }
    this.kb(kbId).dataSources.set(id, ds)
  }

  kbArn(kbId: string): string {
    return knowledgeBaseArn(this.region, kbId)
  }

  /** Applies to the index what completed jobs and finished documents sent by name did, in the order they ended. */
  settle(): void {
    const now = this.clock.now()
    for (const ds of this.dataSources()) {
      const due = dueDocuments(ds, now)
      for (const job of ds.jobs) {
        const state = jobState(job, now)
        if (job.applied || state.status !== 'COMPLETE') continue
        due.push({
          at: state.updatedAt,
          apply: () => {
            job.applied = true
            applyPlan(ds, job.plan)
            forgetFailuresJudgedBy(ds, job.plan)
          }
        })
      }
      for (const change of due.sort((a, b) => a.at - b.at)) change.apply()
    }
  }

  // ---- API operations -------------------------------------------------------------------------------------

  getKnowledgeBase(kbId: string): Wire<GetKnowledgeBaseResponse> {
    return describeKnowledgeBase(this.kb(kbId), this.region)
  }

  getDataSource(kbId: string, dsId: string): Wire<GetDataSourceResponse> {
    return describeDataSource(this.ds(kbId, dsId))
  }

  /** `useFate`: whether the job takes the next armed job fault (jobs the stack starts itself do not). */
  startIngestionJob(
    kbId: string,
    dsId: string,
    input: Unchecked<StartIngestionJobRequest>,
    useFate = true
  ): IngestionJobView {
    const ds = this.ds(kbId, dsId)
    checkStartRequest(input)
    const token = typeof input.clientToken === 'string' ? input.clientToken : undefined
    // A retried request (same token) gets the job it already started, even while that job runs.
    const previous = token !== undefined ? ds.tokens.get(token) : undefined
    if (previous !== undefined) return this.view(previous)

    const now = this.clock.now()
    if (now - this.lastStart < this.options.startIntervalMs) {
      throw new AwsError(429, 'ThrottlingException', 'Rate exceeded for StartIngestionJob. Retry later.')
    }
    this.refuseWhileRunning(kbId, now)
    const job = this.newJob(ds, now, typeof input.description === 'string' ? input.description : undefined, useFate)
    ds.jobs.push(job)
    if (token !== undefined) ds.tokens.set(token, job)
    this.lastStart = now
    return this.view(job)
  }

  getIngestionJob(kbId: string, dsId: string, jobId: string): IngestionJobView {
    return this.view(this.job(kbId, dsId, jobId))
  }

  stopIngestionJob(kbId: string, dsId: string, jobId: string): IngestionJobView {
    const job = this.job(kbId, dsId, jobId)
    const status = jobState(job, this.clock.now()).status
    if (status !== 'STARTING' && status !== 'IN_PROGRESS') {
      throw new AwsError(409, 'ConflictException', `Ingestion job ${jobId} is ${status} and cannot be stopped.`)
    }
    job.stopRequestedAt = this.clock.now()
    return this.view(job)
  }

  listIngestionJobs(
    kbId: string,
    dsId: string,
    request: Unchecked<ListIngestionJobsRequest>
  ): Wire<ListIngestionJobsResponse> {
    return listJobs(
      this.ds(kbId, dsId).jobs.map((j) => this.view(j)),
      request
    )
  }

  ingestKnowledgeBaseDocuments(
    kbId: string,
    dsId: string,
    input: Unchecked<IngestKnowledgeBaseDocumentsRequest>
  ): DocumentDetail[] {
    const ds = this.ds(kbId, dsId)
    const { clientToken, items } = readIngestRequest(input)
    const uris = items.map((item) => item.uri)
    return this.sendDocuments(ds, 'ingest', clientToken, uris, () => acceptIngest(ds, items, this.documentContext()))
  }

  deleteKnowledgeBaseDocuments(
    kbId: string,
    dsId: string,
    input: Unchecked<DeleteKnowledgeBaseDocumentsRequest>
  ): DocumentDetail[] {
    const ds = this.ds(kbId, dsId)
    const { clientToken, uris } = readDeleteRequest(input)
    return this.sendDocuments(ds, 'delete', clientToken, uris, () => acceptDelete(ds, uris, this.documentContext()))
  }

  getKnowledgeBaseDocuments(
    kbId: string,
    dsId: string,
    input: Unchecked<GetKnowledgeBaseDocumentsRequest>
  ): DocumentDetail[] {
    const ds = this.ds(kbId, dsId)
    const now = this.clock.now()
    return readGetRequest(input).map((uri) => documentDetail(ds, uri, now))
  }

  listKnowledgeBaseDocuments(
    kbId: string,
    dsId: string,
    input: Unchecked<ListKnowledgeBaseDocumentsRequest>
  ): Wire<ListKnowledgeBaseDocumentsResponse> {
    const ds = this.ds(kbId, dsId)
    const { start, maxResults } = readListRequest(input)
    const all = knownDocuments(ds, this.clock.now())
    const end = start + maxResults
    return {
      documentDetails: all.slice(start, end),
      ...(end < all.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {})
    }
  }

  retrieve(kbId: string, request: Unchecked<RetrieveRequest>): RetrieveResponse {
    const docs = [...this.kb(kbId).dataSources.values()].flatMap((ds) => [...ds.index.values()])
    return retrieve(docs, request)
  }

  // ---- for the stack and tests ----------------------------------------------------------------------------

  /** Every document in the index, across knowledge bases. */
  indexed(): IndexedDocument[] {
    return this.dataSources().flatMap((ds) => [...ds.index.values()])
  }

  /** Every document operation accepted (IngestKnowledgeBaseDocuments, DeleteKnowledgeBaseDocuments), in order. */
  documentOperations(): DocumentOperationView[] {
    const now = this.clock.now()
    return this.dataSources().flatMap((ds) => operationLog(ds, now))
  }

  /** Every job, data source by data source in start order, as GetIngestionJob would answer now. */
  allJobs(): IngestionJobView[] {
    return this.dataSources().flatMap((ds) => ds.jobs.map((j) => this.view(j)))
  }

  // ---- internals --------------------------------------------------------------------------------------------

  private dataSources(): DataSource[] {
    return [...this.kbs.values()].flatMap((kb) => [...kb.dataSources.values()])
  }

  private kb(kbId: string): KnowledgeBase {
    checkId('knowledgeBaseId', kbId)
    const kb = this.kbs.get(kbId)
    if (kb === undefined) throw new AwsError(404, 'ResourceNotFoundException', `Knowledge base ${kbId} does not exist.`)
    return kb
  }

  private ds(kbId: string, dsId: string): DataSource {
    const kb = this.kb(kbId)
    checkId('dataSourceId', dsId)
    const ds = kb.dataSources.get(dsId)
    if (ds === undefined) {
      throw new AwsError(
        404,
        'ResourceNotFoundException',
        `Data source ${dsId} does not exist in knowledge base ${kbId}.`
      )
    }
    return ds
  }

  private job(kbId: string, dsId: string, jobId: string): Job {
    const ds = this.ds(kbId, dsId)
    checkId('ingestionJobId', jobId)
    const job = ds.jobs.find((j) => j.id === jobId)
    if (job === undefined)
      throw new AwsError(404, 'ResourceNotFoundException', `Ingestion job ${jobId} does not exist.`)
    return job
  }

  /**
   * A document call: the answer it already had when its client token is reused (the call is not taken twice), a
   * conflict while a job runs on the data source, else the documents accepted and their status now.
   */
  private sendDocuments(
    ds: DataSource,
    action: DocumentAction,
    clientToken: string | undefined,
    uris: string[],
    accept: () => void
  ): DocumentDetail[] {
    const now = this.clock.now()
    const key = clientToken !== undefined ? tokenKey(action, clientToken) : undefined
    const previous = key !== undefined ? ds.documentTokens.get(key) : undefined
    if (previous !== undefined) return previous.map((uri) => documentDetail(ds, uri, now))
    const running = ds.jobs.find((j) => ACTIVE.includes(jobState(j, now).status))
    if (running !== undefined) {
      throw new AwsError(
        409,
        'ConflictException',
        `Unable to ${action} documents: ingestion job ${running.id} is in progress for data source ${ds.id} of knowledge base ${ds.kbId}. Try again after it finishes.`
      )
    }
    accept()
    if (key !== undefined) ds.documentTokens.set(key, uris)
    // With no processing time the documents are done at once: the answer shows it.
    this.settle()
    return uris.map((uri) => documentDetail(ds, uri, now))
  }

  private documentContext(): DocumentContext {
    return {
      s3: this.s3,
      faults: this.faults,
      maxDocumentBytes: this.options.maxDocumentBytes,
      durationMs: this.options.documentDurationMs,
      now: this.clock.now()
    }
  }

  /**
   * One running job per knowledge base, whichever of its data sources runs it; and none while documents sent by
   * name are still being processed, since Bedrock runs those as ingestion work of their own.
   */
  private refuseWhileRunning(kbId: string, now: number): void {
    for (const other of this.kb(kbId).dataSources.values()) {
      const busy = documentsInFlight(other, now)
      if (busy.length > 0) {
        throw new AwsError(
          409,
          'ConflictException',
          `Unable to start a new ingestion job: ${busy.length} documents sent to data source ${other.id} of knowledge base ${kbId} are still being processed. Try again after they finish.`
        )
      }
      const running = other.jobs.find((j) => ACTIVE.includes(jobState(j, now).status))
      if (running !== undefined) {
        throw new AwsError(
          409,
          'ConflictException',
          `Unable to start a new ingestion job: ingestion job ${running.id} is already in progress for knowledge base ${kbId} (data source ${other.id}). Try again after it finishes.`
        )
      }
    }
  }

  private newJob(ds: DataSource, now: number, description: string | undefined, useFate: boolean): Job {
    const plan = planJob(ds, { s3: this.s3, faults: this.faults, maxDocumentBytes: this.options.maxDocumentBytes })
    const durationMs = this.options.jobDurationMs + this.options.perDocumentMs * plan.items.length
    return {
      id: randomId(10),
      ds,
      description,
      startedAt: now,
      startingMs: Math.floor(durationMs / 5),
      durationMs,
      stoppingMs: Math.max(1, Math.floor(durationMs / 5)),
      fate: useFate ? this.faults.takeJobFate() : undefined,
      plan,
      applied: false
    }
  }

  private view(job: Job): IngestionJobView {
    return jobView(job, this.clock.now())
  }
}
