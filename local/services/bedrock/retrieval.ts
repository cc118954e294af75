import type {
  KnowledgeBaseRetrievalResult,
  RetrieveRequest,
  RetrieveResponse
} from '@aws-sdk/client-bedrock-agent-runtime'
import { AwsError } from '../common/protocol.js'
import type { Unchecked } from '../common/wire.js'
import { validation } from './model.js'

export type MetadataValue = string | number | boolean | string[]

/** One document as the knowledge base holds it after ingestion. */
export interface IndexedDocument {
  dataSourceId: string
  key: string
  uri: string
  etag: string
  metadataEtag?: string
  text: string
  metadata: Record<string, MetadataValue>
  terms: Map<string, number>
  /** Set when IngestKnowledgeBaseDocuments put it there (not a job). */
  direct?: true
}

export interface Hit {
  doc: IndexedDocument
  score: number
}

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were with after before during into not no'.split(
    ' '
  )
)

export function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 1 && !STOPWORDS.has(t))
}

export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const t of tokenize(text)) counts.set(t, (counts.get(t) ?? 0) + 1)
  return counts
}

/**
 * Lexical stand-in for vector search: TF-IDF weights and cosine similarity, so a score is in (0, 1] and a document
 * that shares no term with the query is not returned. Enough to prove a document is searchable, nothing more.
 */
export function rank(docs: IndexedDocument[], query: string): Hit[] {
  const q = termCounts(query)
  if (q.size === 0 || docs.length === 0) return []
  const df = new Map<string, number>()
  for (const doc of docs) for (const term of doc.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1)
  const idf = (term: string): number => Math.log(1 + docs.length / (df.get(term) ?? 0.5))
  const weight = (count: number, term: string): number => (1 + Math.log(count)) * idf(term)

  let qNorm = 0
  for (const [term, count] of q) qNorm += weight(count, term) ** 2
  qNorm = Math.sqrt(qNorm)
  const hits: Hit[] = []
  for (const doc of docs) {
    let dot = 0
    let dNorm = 0
    for (const [term, count] of doc.terms) {
      const w = weight(count, term)
      dNorm += w * w
      const qc = q.get(term)
      if (qc !== undefined) dot += w * weight(qc, term)
    }
    if (dot > 0) hits.push({ doc, score: dot / (Math.sqrt(dNorm) * qNorm) })
  }
  return hits.sort((a, b) => b.score - a.score || a.doc.uri.localeCompare(b.doc.uri))
}

type Filter = Record<string, unknown>

const COMPARATORS = [
  'equals',
  'notEquals',
  'greaterThan',
  'greaterThanOrEquals',
  'lessThan',
  'lessThanOrEquals',
  'in',
  'notIn',
  'startsWith',
  'listContains',
  'stringContains'
]

/** Bedrock's RetrievalFilter over a document's metadata attributes. */
export function matchesFilter(metadata: Record<string, MetadataValue>, filter: Filter): boolean {
  const keys = Object.keys(filter)
  if (keys.length !== 1)
    throw new AwsError(400, 'ValidationException', 'A retrieval filter must set exactly one operator')
  const op = keys[0] as string
  const arg = filter[op]
  if (op === 'andAll' || op === 'orAll') {
    if (!Array.isArray(arg) || arg.length < 2)
      throw new AwsError(400, 'ValidationException', `${op} needs at least 2 filters`)
    const results = (arg as Filter[]).map((f) => matchesFilter(metadata, f))
    return op === 'andAll' ? results.every(Boolean) : results.some(Boolean)
  }
  if (!COMPARATORS.includes(op)) throw new AwsError(400, 'ValidationException', `Unknown filter operator ${op}`)
  const { key, value } = (arg ?? {}) as { key?: string; value?: unknown }
  if (typeof key !== 'string') throw new AwsError(400, 'ValidationException', `${op} needs a key`)
  const actual = metadata[key]
  switch (op) {
    case 'equals':
      return actual !== undefined && JSON.stringify(actual) === JSON.stringify(value)
    case 'notEquals':
      return actual === undefined || JSON.stringify(actual) !== JSON.stringify(value)
    case 'greaterThan':
      return typeof actual === 'number' && typeof value === 'number' && actual > value
    case 'greaterThanOrEquals':
      return typeof actual === 'number' && typeof value === 'number' && actual >= value
    case 'lessThan':
      return typeof actual === 'number' && typeof value === 'number' && actual < value
    case 'lessThanOrEquals':
      return typeof actual === 'number' && typeof value === 'number' && actual <= value
    case 'in':
      return Array.isArray(value) && value.some((v) => v === actual)
    case 'notIn':
      return !Array.isArray(value) || !value.some((v) => v === actual)
    case 'startsWith':
      return typeof actual === 'string' && typeof value === 'string' && actual.startsWith(value)
    case 'listContains':
      return Array.isArray(actual) && actual.includes(value as string)
    default:
      return (
        (typeof actual === 'string' && typeof value === 'string' && actual.includes(value)) ||
        (Array.isArray(actual) && typeof value === 'string' && actual.some((v) => v.includes(value)))
      )
  }
}

function result({ doc, score }: Hit): KnowledgeBaseRetrievalResult {
  return {
    content: { type: 'TEXT', text: doc.text },
    location: { type: 'S3', s3Location: { uri: doc.uri } },
    score,
    metadata: {
      'x-amz-bedrock-kb-source-uri': doc.uri,
      'x-amz-bedrock-kb-chunk-id': `1%3A0%3A${Buffer.from(doc.uri).toString('base64url').slice(0, 20)}`,
      'x-amz-bedrock-kb-data-source-id': doc.dataSourceId,
      ...doc.metadata
    }
  }
}

/** Retrieve over a knowledge base's documents: the best `numberOfResults` that pass the metadata filter. */
export function retrieve(docs: IndexedDocument[], request: Unchecked<RetrieveRequest>): RetrieveResponse {
  const query = (request.retrievalQuery ?? {}) as Unchecked<NonNullable<RetrieveRequest['retrievalQuery']>>
  if (typeof query.text !== 'string' || query.text.length === 0) {
    throw validation('retrievalQuery.text', query.text, 'Member must have length greater than or equal to 1')
  }
  const configuration = (request.retrievalConfiguration ?? {}) as Unchecked<
    NonNullable<RetrieveRequest['retrievalConfiguration']>
  >
  const search = configuration.vectorSearchConfiguration as { numberOfResults?: number; filter?: Filter } | undefined
  const n = search?.numberOfResults ?? 5
  if (!Number.isInteger(n) || n < 1 || n > 100)
    throw validation('numberOfResults', n, 'Member must have value between 1 and 100')
  const filter = search?.filter
  const candidates = filter ? docs.filter((d) => matchesFilter(d.metadata, filter)) : docs
  return { retrievalResults: rank(candidates, query.text).slice(0, n).map(result) }
}
