import { ACCOUNT_ID, isoTime, randomId } from '../common/ids.js'
import { AwsError, sendJson, type Call } from '../common/protocol.js'
import type { Clock } from '../clock.js'
import type { Faults, JobFate } from '../faults/faults.js'
import { applyFaults, type FaultStyle, type Service } from '../gateway/gateway.js'
import { matchesFilter, rank, termCounts, type IndexedDocument, type MetadataValue } from './retrieval.js'
import type { S3Object, S3Store } from '../s3/store.js'

export type JobStatus = 'STARTING' | 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' | 'STOPPING' | 'STOPPED'

/** The seven statistics of the API, by their API names. */
export interface IngestionStatistics {
  numberOfDocumentsScanned: number
  numberOfMetadataDocumentsScanned: number
  numberOfNewDocumentsIndexed: number
  numberOfModifiedDocumentsIndexed: number
  numberOfMetadataDocumentsModified: number
  numberOfDocumentsDeleted: number
  numberOfDocumentsFailed: number
}

/** An ingestion job as GetIngestionJob returns it (timestamps as RFC 3339 strings). */
export interface IngestionJobView {
  knowledgeBaseId: string
  dataSourceId: string
  ingestionJobId: string
  description?: string
  status: JobStatus
  statistics: IngestionStatistics
  failureReasons?: string[]
  startedAt: string
  updatedAt: string
}

export interface BedrockOptions {
  /** Real (or clock) time a job takes from start to COMPLETE; the first fifth of it is STARTING. */
  jobDurationMs: number
  /** Extra time per source document. */
  perDocumentMs: number
  /** Documents larger than this fail, as Bedrock fails files over 50 MB. */
  maxDocumentBytes: number
  /** Least time between two StartIngestionJob calls in the account (Bedrock allows about one per 10 s); 0 = off. */
  startIntervalMs: number
}

interface KnowledgeBase {
  id: string
  name: string
  roleArn: string
  createdAt: number
  dataSources: Map<string, DataSource>
}

interface DataSource {
  id: string
  kbId: string
  name: string
  bucket: string
  prefixes: string[]
  createdAt: number
  index: Map<string, IndexedDocument>
  jobs: Job[]
  tokens: Map<string, Job>
}

type ItemKind = 'new' | 'modified' | 'metadata' | 'unchanged' | 'failed'

interface PlanItem {
  key: string
  kind: ItemKind
  hasMetadata: boolean
  reason?: string
  doc?: IndexedDocument
}

interface Plan {
  items: PlanItem[]
  orphanMetadata: number
  deletions: string[]
}

interface Job {
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
const CLIENT_TOKEN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,256}$/
const METADATA_SUFFIX = '.metadata.json'
const METADATA_MAX_BYTES = 10 * 1024
const TEXT_TYPES = new Set(['txt', 'md', 'markdown', 'csv', 'html', 'htm', 'json'])
// Formats Bedrock parses that this emulator cannot read: indexed, but without searchable text.
const OPAQUE_TYPES = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx'])
const ACTIVE: JobStatus[] = ['STARTING', 'IN_PROGRESS', 'STOPPING']

function validation(field: string, value: unknown, constraint: string): AwsError {
  return new AwsError(
    400,
    'ValidationException',
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${constraint}`
  )
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
    this.kb(kbId).dataSources.set(id, {
      id,
      kbId,
      name,
      bucket,
      prefixes,
      createdAt: this.clock.now(),
      index: new Map(),
      jobs: [],
      tokens: new Map()
    })
  }

  kbArn(kbId: string): string {
    return `arn:aws:bedrock:${this.region}:${ACCOUNT_ID}:knowledge-base/${kbId}`
  }

  private kb(kbId: string): KnowledgeBase {
    if (!ID.test(kbId))
      throw validation('knowledgeBaseId', kbId, 'Member must satisfy regular expression pattern: ^[0-9a-zA-Z]{10}$')
    const kb = this.kbs.get(kbId)
    if (kb === undefined) throw new AwsError(404, 'ResourceNotFoundException', `Knowledge base ${kbId} does not exist.`)
    return kb
  }

  private ds(kbId: string, dsId: string): DataSource {
    const kb = this.kb(kbId)
    if (!ID.test(dsId))
      throw validation('dataSourceId', dsId, 'Member must satisfy regular expression pattern: ^[0-9a-zA-Z]{10}$')
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

  /** Applies what jobs that reached COMPLETE did to the index. */
  settle(): void {
    const now = this.clock.now()
    for (const kb of this.kbs.values()) {
      for (const ds of kb.dataSources.values()) {
        for (const job of ds.jobs) {
          if (!job.applied && this.state(job, now).status === 'COMPLETE') this.apply(job)
        }
      }
    }
  }

  // ---- API operations -------------------------------------------------------------------------------------

  getKnowledgeBase(kbId: string): unknown {
    const kb = this.kb(kbId)
    const ds = [...kb.dataSources.values()][0]
    return {
      knowledgeBase: {
        knowledgeBaseId: kb.id,
        name: kb.name,
        knowledgeBaseArn: this.kbArn(kb.id),
        description: 'Closed incidents, searchable (local stack)',
        roleArn: kb.roleArn,
        knowledgeBaseConfiguration: {
          type: 'VECTOR',
          vectorKnowledgeBaseConfiguration: {
            embeddingModelArn: `arn:aws:bedrock:${this.region}::foundation-model/amazon.titan-embed-text-v2:0`
          }
        },
        storageConfiguration: {
          type: 'RDS',
          rdsConfiguration: {
            resourceArn: `arn:aws:rds:${this.region}:${ACCOUNT_ID}:cluster:incident-kb`,
            credentialsSecretArn: `arn:aws:secretsmanager:${this.region}:${ACCOUNT_ID}:secret:incident-kb`,
            databaseName: 'incidents',
            tableName: 'bedrock_integration.bedrock_kb',
            fieldMapping: {
              primaryKeyField: 'id',
              vectorField: 'embedding',
              textField: 'chunks',
              metadataField: 'metadata'
            }
          }
        },
        status: 'ACTIVE',
        createdAt: isoTime(kb.createdAt),
        updatedAt: isoTime(ds?.createdAt ?? kb.createdAt)
      }
    }
  }

  getDataSource(kbId: string, dsId: string): unknown {
    const ds = this.ds(kbId, dsId)
    return {
      dataSource: {
        knowledgeBaseId: ds.kbId,
        dataSourceId: ds.id,
        name: ds.name,
        status: 'AVAILABLE',
        dataSourceConfiguration: {
          type: 'S3',
          s3Configuration: { bucketArn: `arn:aws:s3:::${ds.bucket}`, inclusionPrefixes: ds.prefixes }
        },
        dataDeletionPolicy: 'DELETE',
        createdAt: isoTime(ds.createdAt),
        updatedAt: isoTime(ds.createdAt)
      }
    }
  }

  /** `useFate`: whether the job takes the next armed job fault (jobs the stack starts itself do not). */
  startIngestionJob(
    kbId: string,
    dsId: string,
    input: { clientToken?: unknown; description?: unknown },
    useFate = true
  ): IngestionJobView {
    const ds = this.ds(kbId, dsId)
    const token = input.clientToken
    if (token !== undefined) {
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
    }
    const description = input.description
    if (description !== undefined && (typeof description !== 'string' || description.length > 200)) {
      throw validation('description', description, 'Member must have length less than or equal to 200')
    }
    // A retried request (same token) gets the job it already started, even while that job runs.
    const previous = typeof token === 'string' ? ds.tokens.get(token) : undefined
    if (previous !== undefined) return this.view(previous)

    const now = this.clock.now()
    if (now - this.lastStart < this.options.startIntervalMs) {
      throw new AwsError(429, 'ThrottlingException', 'Rate exceeded for StartIngestionJob. Retry later.')
    }
    const kb = this.kb(kbId)
    for (const other of kb.dataSources.values()) {
      const running = other.jobs.find((j) => ACTIVE.includes(this.state(j, now).status))
      if (running !== undefined) {
        throw new AwsError(
          409,
          'ConflictException',
          `Unable to start a new ingestion job: ingestion job ${running.id} is already in progress for knowledge base ${kbId} (data source ${other.id}). Try again after it finishes.`
        )
      }
    }

    const plan = this.plan(ds)
    const durationMs = this.options.jobDurationMs + this.options.perDocumentMs * plan.items.length
    const job: Job = {
      id: randomId(10),
      ds,
      description: typeof description === 'string' ? description : undefined,
      startedAt: now,
      startingMs: Math.floor(durationMs / 5),
      durationMs,
      stoppingMs: Math.max(1, Math.floor(durationMs / 5)),
      fate: useFate ? this.faults.takeJobFate() : undefined,
      plan,
      applied: false
    }
    ds.jobs.push(job)
    if (typeof token === 'string') ds.tokens.set(token, job)
    this.lastStart = now
    return this.view(job)
  }

  getIngestionJob(kbId: string, dsId: string, jobId: string): IngestionJobView {
    return this.view(this.job(kbId, dsId, jobId))
  }

  stopIngestionJob(kbId: string, dsId: string, jobId: string): IngestionJobView {
    const job = this.job(kbId, dsId, jobId)
    const status = this.state(job, this.clock.now()).status
    if (status !== 'STARTING' && status !== 'IN_PROGRESS') {
      throw new AwsError(409, 'ConflictException', `Ingestion job ${jobId} is ${status} and cannot be stopped.`)
    }
    job.stopRequestedAt = this.clock.now()
    return this.view(job)
  }

  listIngestionJobs(kbId: string, dsId: string, body: Record<string, unknown>): unknown {
    const ds = this.ds(kbId, dsId)
    const maxResults = body.maxResults ?? 1000
    if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
      throw validation('maxResults', maxResults, 'Member must have value between 1 and 1000')
    }
    let jobs = ds.jobs.map((j) => this.view(j))
    const filters = (body.filters ?? []) as { attribute?: string; operator?: string; values?: string[] }[]
    if (!Array.isArray(filters) || filters.length > 1)
      throw validation('filters', JSON.stringify(filters), 'Member must have length less than or equal to 1')
    for (const f of filters) {
      if (f.attribute !== 'STATUS' || f.operator !== 'EQ' || !Array.isArray(f.values) || f.values.length === 0) {
        throw validation('filters', JSON.stringify(f), 'attribute must be STATUS, operator EQ, values non-empty')
      }
      jobs = jobs.filter((j) => f.values?.includes(j.status))
    }
    // The API documents no default order; oldest first makes a client that wants the newest ask for it.
    const sortBy = (body.sortBy ?? { attribute: 'STARTED_AT', order: 'ASCENDING' }) as {
      attribute?: string
      order?: string
    }
    if (
      !['STATUS', 'STARTED_AT'].includes(sortBy.attribute ?? '') ||
      !['ASCENDING', 'DESCENDING'].includes(sortBy.order ?? '')
    ) {
      throw validation(
        'sortBy',
        JSON.stringify(sortBy),
        'attribute must be STATUS or STARTED_AT, order ASCENDING or DESCENDING'
      )
    }
    const sign = sortBy.order === 'DESCENDING' ? -1 : 1
    const order = new Map(ds.jobs.map((j, i) => [j.id, i]))
    jobs.sort((a, b) => {
      const byKey =
        sortBy.attribute === 'STATUS' ? a.status.localeCompare(b.status) : a.startedAt.localeCompare(b.startedAt)
      return sign * (byKey || (order.get(a.ingestionJobId) ?? 0) - (order.get(b.ingestionJobId) ?? 0))
    })
    let start = 0
    if (body.nextToken !== undefined) {
      start = Number(Buffer.from(String(body.nextToken), 'base64url').toString())
      if (!Number.isInteger(start) || start < 0)
        throw validation('nextToken', body.nextToken, 'Invalid pagination token')
    }
    const page = jobs.slice(start, start + maxResults)
    return {
      ingestionJobSummaries: page.map(({ failureReasons: _omit, ...summary }) => summary),
      ...(start + maxResults < jobs.length
        ? { nextToken: Buffer.from(String(start + maxResults)).toString('base64url') }
        : {})
    }
  }

  retrieve(kbId: string, body: Record<string, unknown>): unknown {
    const kb = this.kb(kbId)
    const query = (body.retrievalQuery ?? {}) as { text?: unknown }
    if (typeof query.text !== 'string' || query.text.length === 0) {
      throw validation('retrievalQuery.text', query.text, 'Member must have length greater than or equal to 1')
    }
    const config = ((body.retrievalConfiguration ?? {}) as Record<string, unknown>).vectorSearchConfiguration as
      { numberOfResults?: number; filter?: Record<string, unknown> } | undefined
    const n = config?.numberOfResults ?? 5
    if (!Number.isInteger(n) || n < 1 || n > 100)
      throw validation('numberOfResults', n, 'Member must have value between 1 and 100')
    let docs = [...kb.dataSources.values()].flatMap((ds) => [...ds.index.values()])
    if (config?.filter) docs = docs.filter((d) => matchesFilter(d.metadata, config.filter as Record<string, unknown>))
    return {
      retrievalResults: rank(docs, query.text)
        .slice(0, n)
        .map(({ doc, score }) => ({
          content: { type: 'TEXT', text: doc.text },
          location: { type: 'S3', s3Location: { uri: doc.uri } },
          score,
          metadata: {
            'x-amz-bedrock-kb-source-uri': doc.uri,
            'x-amz-bedrock-kb-chunk-id': `1%3A0%3A${Buffer.from(doc.uri).toString('base64url').slice(0, 20)}`,
            'x-amz-bedrock-kb-data-source-id': doc.dataSourceId,
            ...doc.metadata
          }
        }))
    }
  }

  // ---- for the stack and tests ----------------------------------------------------------------------------

  allJobs(): IngestionJobView[] {
    return [...this.kbs.values()].flatMap((kb) =>
      [...kb.dataSources.values()].flatMap((ds) => ds.jobs.map((j) => this.view(j)))
    )
  }

  indexed(): IndexedDocument[] {
    return [...this.kbs.values()].flatMap((kb) => [...kb.dataSources.values()].flatMap((ds) => [...ds.index.values()]))
  }

  // ---- job mechanics --------------------------------------------------------------------------------------

  private job(kbId: string, dsId: string, jobId: string): Job {
    const ds = this.ds(kbId, dsId)
    if (!ID.test(jobId))
      throw validation('ingestionJobId', jobId, 'Member must satisfy regular expression pattern: ^[0-9a-zA-Z]{10}$')
    const job = ds.jobs.find((j) => j.id === jobId)
    if (job === undefined)
      throw new AwsError(404, 'ResourceNotFoundException', `Ingestion job ${jobId} does not exist.`)
    return job
  }

  /**
   * What the job scans, decided when it starts: the data source's objects at that moment, diffed against the
   * index. Files that land later belong to the next job, as with Bedrock.
   */
  private plan(ds: DataSource): Plan {
    const objects = new Map<string, S3Object>()
    for (const prefix of ds.prefixes.length > 0 ? ds.prefixes : ['']) {
      for (const o of this.s3.list(ds.bucket, prefix)) if (!o.key.endsWith('/')) objects.set(o.key, o)
    }
    const sources = [...objects.keys()].filter((k) => !k.endsWith(METADATA_SUFFIX)).sort()
    const sidecars = [...objects.keys()].filter((k) => k.endsWith(METADATA_SUFFIX))
    const items: PlanItem[] = sources.map((key) => {
      const object = objects.get(key) as S3Object
      const sidecar = objects.get(`${key}${METADATA_SUFFIX}`)
      const item: PlanItem = { key, kind: 'unchanged', hasMetadata: sidecar !== undefined }
      const failure = this.faults.documentFailure(key) ?? this.invalid(object, sidecar)
      if (failure !== undefined) return { ...item, kind: 'failed', reason: failure }
      const doc = this.document(ds, object, sidecar)
      const old = ds.index.get(key)
      if (old === undefined) return { ...item, kind: 'new', doc }
      if (old.etag !== object.etag) return { ...item, kind: 'modified', doc }
      if (old.metadataEtag !== sidecar?.etag) return { ...item, kind: 'metadata', doc }
      return item
    })
    const sourceSet = new Set(sources)
    return {
      items,
      orphanMetadata: sidecars.filter((k) => !sourceSet.has(k.slice(0, -METADATA_SUFFIX.length))).length,
      deletions: [...ds.index.keys()].filter((k) => !sourceSet.has(k))
    }
  }

  private invalid(object: S3Object, sidecar: S3Object | undefined): string | undefined {
    if (object.body.length > this.options.maxDocumentBytes) {
      return `File size of ${object.body.length} bytes exceeds the limit of ${this.options.maxDocumentBytes} bytes.`
    }
    const ext = /\.([a-z0-9]+)$/i.exec(object.key)?.[1]?.toLowerCase() ?? ''
    if (!TEXT_TYPES.has(ext) && !OPAQUE_TYPES.has(ext)) return `File format .${ext || '(none)'} is not supported.`
    if (TEXT_TYPES.has(ext)) {
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(object.body)
      } catch {
        return 'File content is not valid UTF-8 text.'
      }
      if (ext === 'json') {
        try {
          JSON.parse(text)
        } catch (err) {
          return `File content is not valid JSON: ${(err as Error).message}`
        }
      }
    }
    if (sidecar !== undefined) {
      if (sidecar.body.length > METADATA_MAX_BYTES) return `Metadata file exceeds ${METADATA_MAX_BYTES} bytes.`
      try {
        parseMetadata(sidecar.body)
      } catch (err) {
        return `Metadata file is invalid: ${(err as Error).message}`
      }
    }
    return undefined
  }

  private document(ds: DataSource, object: S3Object, sidecar: S3Object | undefined): IndexedDocument {
    const ext = /\.([a-z0-9]+)$/i.exec(object.key)?.[1]?.toLowerCase() ?? ''
    let text = TEXT_TYPES.has(ext) ? object.body.toString('utf8') : ''
    if (ext === 'html' || ext === 'htm') text = text.replace(/<[^>]*>/g, ' ')
    return {
      dataSourceId: ds.id,
      key: object.key,
      uri: `s3://${ds.bucket}/${object.key}`,
      etag: object.etag,
      metadataEtag: sidecar?.etag,
      text,
      metadata: sidecar ? parseMetadata(sidecar.body) : {},
      terms: termCounts(text)
    }
  }

  private apply(job: Job): void {
    job.applied = true
    for (const item of job.plan.items) if (item.doc !== undefined) job.ds.index.set(item.key, item.doc)
    for (const key of job.plan.deletions) job.ds.index.delete(key)
  }

  /** Status, statistics and last update of a job at time `now`. */
  private state(job: Job, now: number): { status: JobStatus; processed: number; deletes: boolean; updatedAt: number } {
    const runMs = Math.max(1, job.durationMs - job.startingMs)
    const n = job.plan.items.length
    const processedAt = (t: number, cap = 1): number =>
      Math.floor(Math.min(cap, Math.max(0, (t - job.startedAt - job.startingMs) / runMs)) * n)
    const failAt = job.fate?.kind === 'fail' ? job.startedAt + job.startingMs + runMs * job.fate.atFraction : Infinity
    const endAt = job.fate?.kind === 'stick' ? Infinity : job.startedAt + job.durationMs
    // Someone else's stop counts only if it comes before the job ends on its own.
    const foreignStopAt =
      job.fate?.kind === 'stop' ? job.startedAt + (job.fate.afterMs ?? job.startingMs + runMs / 2) : Infinity
    const stopAt = Math.min(
      job.stopRequestedAt ?? Infinity,
      foreignStopAt < Math.min(endAt, failAt) ? foreignStopAt : Infinity
    )

    if (now >= stopAt) {
      const processed = processedAt(stopAt)
      const stoppedAt = stopAt + job.stoppingMs
      return now < stoppedAt
        ? { status: 'STOPPING', processed, deletes: false, updatedAt: stopAt }
        : { status: 'STOPPED', processed, deletes: false, updatedAt: stoppedAt }
    }
    if (now < job.startedAt + job.startingMs)
      return { status: 'STARTING', processed: 0, deletes: false, updatedAt: job.startedAt }
    if (now >= failAt) {
      return { status: 'FAILED', processed: processedAt(failAt), deletes: false, updatedAt: failAt }
    }
    if (now >= endAt) return { status: 'COMPLETE', processed: n, deletes: true, updatedAt: endAt }
    // A stuck job stops making progress halfway.
    const processed = processedAt(now, job.fate?.kind === 'stick' ? 0.5 : 1)
    return { status: 'IN_PROGRESS', processed, deletes: false, updatedAt: now }
  }

  private view(job: Job): IngestionJobView {
    const { status, processed, deletes, updatedAt } = this.state(job, this.clock.now())
    const done = job.plan.items.slice(0, processed)
    const count = (kind: ItemKind): number => done.filter((i) => i.kind === kind).length
    const statistics: IngestionStatistics = {
      numberOfDocumentsScanned: done.length,
      numberOfMetadataDocumentsScanned:
        done.filter((i) => i.hasMetadata).length + (deletes ? job.plan.orphanMetadata : 0),
      numberOfNewDocumentsIndexed: count('new'),
      numberOfModifiedDocumentsIndexed: count('modified'),
      numberOfMetadataDocumentsModified: count('metadata'),
      numberOfDocumentsDeleted: deletes ? job.plan.deletions.length : 0,
      numberOfDocumentsFailed: count('failed')
    }
    const view: IngestionJobView = {
      knowledgeBaseId: job.ds.kbId,
      dataSourceId: job.ds.id,
      ingestionJobId: job.id,
      ...(job.description !== undefined ? { description: job.description } : {}),
      status,
      statistics,
      startedAt: isoTime(job.startedAt),
      updatedAt: isoTime(updatedAt)
    }
    const reasons: string[] = []
    if (status === 'FAILED') reasons.push(...(job.fate?.reasons ?? []))
    if (status === 'STOPPED') reasons.push('The ingestion job was stopped by a StopIngestionJob request.')
    const failed = done.filter((i) => i.kind === 'failed')
    if (failed.length > 0 && (status === 'COMPLETE' || status === 'FAILED')) {
      reasons.push(
        ...failed
          .slice(0, 10)
          .map(
            (i) => `Encountered error: failed to ingest s3://${job.ds.bucket}/${i.key}: ${i.reason ?? 'unknown error'}`
          ),
        ...(failed.length > 10 ? [`... and ${failed.length - 10} more files failed.`] : [])
      )
    }
    if (reasons.length > 0) view.failureReasons = reasons
    return view
  }
}

/** `{"metadataAttributes": {...}}`, values plain (string, number, boolean, string list) or Bedrock's typed form. */
export function parseMetadata(body: Buffer): Record<string, MetadataValue> {
  const parsed = JSON.parse(body.toString('utf8')) as { metadataAttributes?: unknown }
  const attrs = parsed?.metadataAttributes
  if (attrs === null || typeof attrs !== 'object' || Array.isArray(attrs))
    throw new Error('metadataAttributes must be an object')
  const out: Record<string, MetadataValue> = {}
  for (const [name, raw] of Object.entries(attrs as Record<string, unknown>)) {
    let value = raw
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'value' in value) {
      const typed = (value as { value: Record<string, unknown> }).value
      value = typed.stringValue ?? typed.numberValue ?? typed.booleanValue ?? typed.stringListValue
    }
    const ok =
      typeof value === 'string' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string'))
    if (!ok) throw new Error(`attribute ${name} must be a string, number, boolean or list of strings`)
    out[name] = value as MetadataValue
  }
  return out
}

const AGENT_ROUTES: [string, RegExp, string][] = [
  ['GET', /^\/knowledgebases\/([^/]+)\/?$/, 'GetKnowledgeBase'],
  ['GET', /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/?$/, 'GetDataSource'],
  ['PUT', /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/ingestionjobs\/?$/, 'StartIngestionJob'],
  ['POST', /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/ingestionjobs\/?$/, 'ListIngestionJobs'],
  ['GET', /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/ingestionjobs\/([^/]+)\/?$/, 'GetIngestionJob'],
  ['POST', /^\/knowledgebases\/([^/]+)\/datasources\/([^/]+)\/ingestionjobs\/([^/]+)\/stop$/, 'StopIngestionJob']
]

function restJsonError(call: Call, err: AwsError): void {
  sendJson(
    call.res,
    err.status,
    { message: err.message, ...err.fields },
    {
      'x-amzn-ErrorType': err.code,
      'x-amzn-RequestId': call.requestId,
      ...err.headers
    }
  )
}

function bedrockStyle(): FaultStyle {
  return {
    service: 'bedrock',
    throttle: () => new AwsError(429, 'ThrottlingException', 'Rate exceeded'),
    denied: (message) => new AwsError(403, 'AccessDeniedException', message),
    iamAction: (op) => `bedrock:${op}`
  }
}

async function jsonBody(call: Call): Promise<Record<string, unknown>> {
  const text = (await call.body()).toString('utf8')
  if (text.trim() === '') return {}
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
  } catch {
    // fall through
  }
  throw new AwsError(400, 'ValidationException', 'The request body is not a JSON object.')
}

/** bedrock-agent's REST-JSON API, the part about knowledge bases and ingestion jobs. */
/** What both Bedrock REST-JSON services share: the knowledge base behind them, faults, and the error shape. */
abstract class BedrockRestService implements Service {
  abstract readonly name: string
  protected readonly style = bedrockStyle()

  constructor(
    protected readonly bedrock: Bedrock,
    protected readonly faults: Faults,
    protected readonly principalOf: (accessKeyId?: string) => string
  ) {}

  sendError(call: Call, err: AwsError): void {
    restJsonError(call, err)
  }

  abstract handle(call: Call): Promise<void>
}

export class BedrockAgentService extends BedrockRestService {
  readonly name = 'bedrock-agent'

  async handle(call: Call): Promise<void> {
    const path = call.url.pathname
    let op = 'Unknown'
    let params: string[] = []
    for (const [method, pattern, name] of AGENT_ROUTES) {
      const m = pattern.exec(path)
      if (m && call.method === method) {
        op = name
        params = m.slice(1).map((p) => decodeURIComponent(p))
        break
      }
    }
    const [kbId = '', dsId = '', jobId = ''] = params
    const fault = await applyFaults(this.faults, call, this.style, op, {
      principalOf: this.principalOf,
      resource: () => this.bedrock.kbArn(kbId || '*'),
      key: () => jobId || dsId || kbId
    })
    if (fault) throw fault
    this.bedrock.settle()
    switch (op) {
      case 'GetKnowledgeBase':
        return sendJson(call.res, 200, this.bedrock.getKnowledgeBase(kbId), { 'x-amzn-RequestId': call.requestId })
      case 'GetDataSource':
        return sendJson(call.res, 200, this.bedrock.getDataSource(kbId, dsId), { 'x-amzn-RequestId': call.requestId })
      case 'StartIngestionJob': {
        const job = this.bedrock.startIngestionJob(kbId, dsId, await jsonBody(call))
        return sendJson(call.res, 202, { ingestionJob: job }, { 'x-amzn-RequestId': call.requestId })
      }
      case 'ListIngestionJobs': {
        sendJson(call.res, 200, this.bedrock.listIngestionJobs(kbId, dsId, await jsonBody(call)), {
          'x-amzn-RequestId': call.requestId
        })
        // Started in the same turn as the answer: the lister's next request cannot arrive before this job exists.
        const foreign = this.faults.takeForeignJob()
        if (foreign !== undefined) {
          try {
            foreign.resolve(this.bedrock.startIngestionJob(kbId, dsId, { description: foreign.description }, false))
          } catch (err) {
            foreign.reject(err)
          }
        }
        return
      }
      case 'GetIngestionJob':
        return sendJson(
          call.res,
          200,
          { ingestionJob: this.bedrock.getIngestionJob(kbId, dsId, jobId) },
          {
            'x-amzn-RequestId': call.requestId
          }
        )
      case 'StopIngestionJob':
        return sendJson(
          call.res,
          202,
          { ingestionJob: this.bedrock.stopIngestionJob(kbId, dsId, jobId) },
          {
            'x-amzn-RequestId': call.requestId
          }
        )
      default:
        throw new AwsError(
          404,
          'UnknownOperationException',
          `The local stack does not implement ${call.method} ${path}`
        )
    }
  }
}

/** bedrock-agent-runtime's Retrieve over the ingested documents. */
export class BedrockRuntimeService extends BedrockRestService {
  readonly name = 'bedrock-agent-runtime'

  async handle(call: Call): Promise<void> {
    const m = /^\/knowledgebases\/([^/]+)\/retrieve$/.exec(call.url.pathname)
    const kbId = decodeURIComponent(m?.[1] ?? '')
    const fault = await applyFaults(this.faults, call, this.style, 'Retrieve', {
      principalOf: this.principalOf,
      resource: () => this.bedrock.kbArn(kbId),
      key: () => kbId
    })
    if (fault) throw fault
    if (call.method !== 'POST' || !m)
      throw new AwsError(404, 'UnknownOperationException', `Unknown operation ${call.method} ${call.url.pathname}`)
    this.bedrock.settle()
    sendJson(call.res, 200, this.bedrock.retrieve(kbId, await jsonBody(call)), { 'x-amzn-RequestId': call.requestId })
  }
}
