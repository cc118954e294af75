/**
 * Direct ingestion (docs/behaviour.md, "Direct ingestion"): the documents a run wrote and removed go to the
 * knowledge base by name, with no scan of the data source — IngestKnowledgeBaseDocuments with each document's
 * metadata sidecar, DeleteKnowledgeBaseDocuments for the removed ones — and each one is followed with
 * GetKnowledgeBaseDocuments until it is indexed, deleted or failed, under the phase's deadline (calls.ts).
 */
import { createHash } from 'node:crypto'
import {
  DeleteKnowledgeBaseDocumentsCommand,
  GetKnowledgeBaseDocumentsCommand,
  IngestKnowledgeBaseDocumentsCommand,
  type BedrockAgentClient,
  type KnowledgeBaseDocumentDetail
} from '@aws-sdk/client-bedrock-agent'
import type { Deadline } from '../deadline.js'
import type { Config } from '../inputs.js'
import { listSome } from '../text.js'
import { pollDelay } from './backoff.js'
import { PhaseCalls } from './calls.js'
import type { PhaseContext } from './context.js'
import type { Jobs } from './jobs.js'
import type { DirectIngestion, DocumentOutcome } from './result.js'
import { LISTED_VALUES_LIMIT } from './rules.js'

/** The fewest documents any of the three document APIs accepts in one call; every call stays within it. */
export const DOCUMENTS_PER_CALL = 10
/**
 * Above this many changed documents a full ingestion job is used instead: one scan is then cheaper than the calls
 * (ingest, delete and status checks, ten documents each) that direct ingestion would take. 200 keeps the hourly
 * runs of a team closing 100 incidents an hour direct, bursts included; at 100 a third of them fell back to jobs,
 * and p95 freshness went from 61 to 71 minutes (BENCHMARKS.md, "Freshness and cost").
 */
export const DIRECT_MAX_DOCUMENTS = 200
/** The metadata sidecar Bedrock reads next to an S3 document. */
export const SIDECAR_SUFFIX = '.metadata.json'

/** States a document passes through while Bedrock works on it. */
const WORKING = new Set(['STARTING', 'IN_PROGRESS', 'PENDING', 'DELETING', 'DELETE_IN_PROGRESS'])
/** Bedrock may not know a just-submitted document for a moment; after this many checks "not found" is a failure. */
const NOT_FOUND_GRACE_CHECKS = 2

export interface DocumentChanges {
  written: string[]
  removed: string[]
}

type DocumentSettings = Pick<Config, 'knowledgeBaseId' | 'dataSourceId' | 'region' | 'pollIntervalMs'>

interface Tracked {
  uri: string
  action: DocumentOutcome['action']
  status: string
  reason: string | undefined
}

export class Documents extends PhaseCalls {
  statusChecks = 0
  private readonly tracked = new Map<string, Tracked>()

  constructor(
    private readonly settings: DocumentSettings,
    private readonly bedrock: BedrockAgentClient,
    /** For a job that started on the data source meanwhile (a conflict): it is waited for, as before a job. */
    private readonly jobs: Jobs,
    ctx: PhaseContext,
    deadline: Deadline,
    /** This run's idempotency token; each call derives its own from it and the documents it carries. */
    private readonly token: string
  ) {
    super(settings, ctx, deadline)
  }

  protected unfinished(): string | undefined {
    const working = [...this.tracked.values()].filter((doc) => !this.isSettled(doc))
    if (working.length === 0) return undefined
    const shown = listSome(
      working.map((doc) => `${doc.uri} ${doc.status}`),
      LISTED_VALUES_LIMIT
    )
    return `${working.length} documents are still being processed (${shown}). Bedrock goes on with them; see them with: aws bedrock-agent get-knowledge-base-documents --knowledge-base-id ${this.config.knowledgeBaseId} --data-source-id ${this.config.dataSourceId} --document-identifiers 'dataSourceType=S3,s3={uri=${working[0]!.uri}}'`
  }

  protected mayHaveActed(iamAction: string): string | undefined {
    return iamAction === 'bedrock:GetKnowledgeBaseDocuments'
      ? undefined
      : 'Bedrock may have taken the documents anyway; see them with aws bedrock-agent get-knowledge-base-documents.'
  }

  /** Sends every change, ten documents a call: the written ones with their sidecars, then the removals. */
  async submit(changes: DocumentChanges): Promise<void> {
    for (const [index, uris] of chunks(changes.written).entries()) {
      this.ctx.logger.info(`Ingesting ${uris.length} documents directly (${index + 1})`)
      const answer = await this.call('bedrock:IngestKnowledgeBaseDocuments', (abortSignal) =>
        this.bedrock.send(
          new IngestKnowledgeBaseDocumentsCommand({
            ...this.ids,
            clientToken: this.callToken('ingest', uris),
            documents: uris.map((uri) => ({
              content: { dataSourceType: 'S3', s3: { s3Location: { uri } } },
              metadata: { type: 'S3_LOCATION', s3Location: { uri: `${uri}${SIDECAR_SUFFIX}` } }
            }))
          }),
          { abortSignal }
        )
      )
      this.track('ingest', uris, answer.documentDetails)
    }
    for (const [index, uris] of chunks(changes.removed).entries()) {
      this.ctx.logger.info(`Removing ${uris.length} documents directly (${index + 1})`)
      const answer = await this.call('bedrock:DeleteKnowledgeBaseDocuments', (abortSignal) =>
        this.bedrock.send(
          new DeleteKnowledgeBaseDocumentsCommand({
            ...this.ids,
            clientToken: this.callToken('delete', uris),
            documentIdentifiers: uris.map((uri) => ({ dataSourceType: 'S3', s3: { uri } }))
          }),
          { abortSignal }
        )
      )
      this.track('delete', uris, answer.documentDetails)
    }
  }

  /** Checks every document until each is settled, backing off as the job path does. */
  async follow(): Promise<DirectIngestion> {
    const startedAt = this.ctx.clock.now()
    for (let check = 0; [...this.tracked.values()].some((doc) => !this.isSettled(doc)); check++) {
      await this.sleep(pollDelay(check, this.settings.pollIntervalMs, () => this.ctx.clock.random()))
      const working = [...this.tracked.values()].filter((doc) => !this.isSettled(doc)).map((doc) => doc.uri)
      for (const uris of chunks(working)) {
        const answer = await this.call('bedrock:GetKnowledgeBaseDocuments', (abortSignal) =>
          this.bedrock.send(
            new GetKnowledgeBaseDocumentsCommand({
              ...this.ids,
              documentIdentifiers: uris.map((uri) => ({ dataSourceType: 'S3', s3: { uri } }))
            }),
            { abortSignal }
          )
        )
        this.update(answer.documentDetails)
      }
      this.statusChecks++
      const result = this.result()
      const done = result.indexed.length + result.deleted.length + result.failed.length
      const elapsedMs = this.ctx.clock.now() - startedAt
      this.ctx.logger.info(
        `Documents: ${result.indexed.length} indexed, ${result.deleted.length} deleted, ${result.failed.length} failed, ${this.tracked.size - done} in progress after ${(elapsedMs / 1000).toFixed(1)}s`
      )
      this.ctx.progress?.({ phase: 'documents', done, total: this.tracked.size, elapsedMs })
    }
    return this.result()
  }

  /** Where every document stands now. */
  result(): DirectIngestion {
    const outcome: DirectIngestion = {
      indexed: [],
      deleted: [],
      failed: [],
      unfinished: [],
      statusChecks: this.statusChecks
    }
    for (const doc of this.tracked.values()) {
      const settled = this.settledAs(doc)
      const entry: DocumentOutcome = {
        uri: doc.uri,
        action: doc.action,
        status: doc.status,
        ...(doc.reason ? { reason: doc.reason } : {})
      }
      if (settled === 'indexed') outcome.indexed.push(doc.uri)
      else if (settled === 'deleted') outcome.deleted.push(doc.uri)
      else if (settled === 'failed') outcome.failed.push(entry)
      else outcome.unfinished.push(entry)
    }
    return outcome
  }

  private isSettled(doc: Tracked): boolean {
    return this.settledAs(doc) !== undefined
  }

  private settledAs(doc: Tracked): 'indexed' | 'deleted' | 'failed' | undefined {
    if (WORKING.has(doc.status) || doc.status === 'SUBMITTED') return undefined
    if (doc.action === 'ingest') {
      if (doc.status === 'INDEXED') return 'indexed'
      if (doc.status === 'NOT_FOUND' && this.statusChecks < NOT_FOUND_GRACE_CHECKS) return undefined
      return 'failed'
    }
    if (doc.status === 'NOT_FOUND') return 'deleted'
    if (doc.status === 'FAILED') return 'failed'
    // Still indexed (or any other state): the removal has not been applied yet.
    return undefined
  }

  private track(action: Tracked['action'], uris: string[], details: KnowledgeBaseDocumentDetail[] | undefined): void {
    for (const uri of uris) this.tracked.set(uri, { uri, action, status: 'SUBMITTED', reason: undefined })
    this.update(details)
  }

  private update(details: KnowledgeBaseDocumentDetail[] | undefined): void {
    for (const detail of details ?? []) {
      const uri = detail.identifier?.s3?.uri
      const doc = uri === undefined ? undefined : this.tracked.get(uri)
      if (!doc) continue
      doc.status = detail.status ?? 'UNKNOWN'
      doc.reason = detail.statusReason || undefined
    }
  }

  private callToken(action: string, uris: string[]): string {
    return `kbsync-${createHash('sha256')
      .update([this.token, action, ...uris].join('\n'))
      .digest('hex')}`
  }

  /** One document call: a job that starts on the data source meanwhile is waited for, then the call goes again. */
  private call<T>(iamAction: string, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return this.changing(iamAction, send, (attempt) => this.jobs.waitForAnyRunning(attempt))
  }
}

function chunks(items: string[]): string[][] {
  const out: string[][] = []
  for (let i = 0; i < items.length; i += DOCUMENTS_PER_CALL) out.push(items.slice(i, i + DOCUMENTS_PER_CALL))
  return out
}
