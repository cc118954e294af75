import type {
  DeleteKnowledgeBaseDocumentsRequest,
  DocumentIdentifier,
  DocumentMetadata,
  GetKnowledgeBaseDocumentsRequest,
  IngestKnowledgeBaseDocumentsRequest,
  KnowledgeBaseDocument,
  ListKnowledgeBaseDocumentsRequest,
  MetadataAttribute
} from '@aws-sdk/client-bedrock-agent'
import { AwsError } from '../common/protocol.js'
import type { Unchecked } from '../common/wire.js'
import { checkClientToken, validation } from './model.js'
import type { MetadataValue } from './retrieval.js'

/**
 * The most documents one call takes: the SDK's model bounds `documents` (KnowledgeBaseDocuments) and
 * `documentIdentifiers` (DocumentIdentifiers) to 1–10 items, for all three operations.
 */
export const DOCUMENTS_PER_CALL = 10
/** `inlineAttributes` holds 1–50 attributes. */
const INLINE_ATTRIBUTES_MAX = 50
const URI_MAX = 2048

/** Where a document's metadata comes from. */
export type MetadataSource =
  { kind: 'none' } | { kind: 's3'; uri: string } | { kind: 'inline'; attributes: Record<string, MetadataValue> }

export interface IngestItem {
  uri: string
  metadata: MetadataSource
}

export interface S3Address {
  bucket: string
  key: string
}

/** `s3://bucket/key`, or undefined when the text is not an object's URI. */
export function parseS3Uri(uri: string): S3Address | undefined {
  const m = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)
  return m ? { bucket: m[1] as string, key: m[2] as string } : undefined
}

function checkS3Uri(field: string, uri: unknown): string {
  if (typeof uri !== 'string' || uri.length < 1 || uri.length > URI_MAX) {
    throw validation(field, uri, `Member must have length between 1 and ${URI_MAX}`)
  }
  if (parseS3Uri(uri) === undefined) throw validation(field, uri, 'Member must be an S3 URI: s3://bucket/key')
  return uri
}

/** The list's own bounds, as the model words them. */
function checkList(field: string, list: unknown): unknown[] {
  if (!Array.isArray(list)) throw validation(field, String(list), 'Member must not be null')
  if (list.length < 1) throw validation(field, '[]', 'Member must have length greater than or equal to 1')
  if (list.length > DOCUMENTS_PER_CALL) {
    throw validation(
      field,
      `[${list.length} items]`,
      `Member must have length less than or equal to ${DOCUMENTS_PER_CALL}`
    )
  }
  return list
}

/** S3 data sources take S3 documents only; Bedrock answers a CUSTOM one with this sentence. */
function checkDataSourceType(field: string, type: unknown): void {
  if (type === 'S3') return
  if (type === 'CUSTOM') {
    throw new AwsError(
      400,
      'ValidationException',
      "The dataSourceType that you specified in CUSTOM doesn't match the type of the data source specified in the request header. Check that both types match and retry your request."
    )
  }
  throw validation(field, type, 'Member must satisfy enum value set: [CUSTOM, S3]')
}

function objectAt(field: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw validation(field, JSON.stringify(value), 'Member must not be null')
  }
  return value as Record<string, unknown>
}

/** A typed MetadataAttributeValue as the plain value the index keeps. */
function inlineValue(field: string, raw: unknown): MetadataValue {
  const value = objectAt(field, raw)
  const pick: Record<string, unknown> = {
    STRING: value.stringValue,
    NUMBER: value.numberValue,
    BOOLEAN: value.booleanValue,
    STRING_LIST: value.stringListValue
  }
  const type = String(value.type)
  const v = pick[type]
  const ok =
    (type === 'STRING' && typeof v === 'string') ||
    (type === 'NUMBER' && typeof v === 'number' && Number.isFinite(v)) ||
    (type === 'BOOLEAN' && typeof v === 'boolean') ||
    (type === 'STRING_LIST' && Array.isArray(v) && v.every((s) => typeof s === 'string'))
  if (!ok) throw validation(field, JSON.stringify(raw), 'a value of its type (BOOLEAN, NUMBER, STRING, STRING_LIST)')
  return v as MetadataValue
}

function metadataOf(field: string, raw: unknown): MetadataSource {
  if (raw === undefined) return { kind: 'none' }
  const metadata = objectAt(field, raw) as Unchecked<DocumentMetadata>
  if (metadata.type === 'S3_LOCATION') {
    const location = objectAt(`${field}.s3Location`, metadata.s3Location)
    return { kind: 's3', uri: checkS3Uri(`${field}.s3Location.uri`, location.uri) }
  }
  if (metadata.type === 'IN_LINE_ATTRIBUTE') {
    const list = metadata.inlineAttributes
    if (!Array.isArray(list) || list.length < 1 || list.length > INLINE_ATTRIBUTES_MAX) {
      throw validation(
        `${field}.inlineAttributes`,
        JSON.stringify(list),
        `Member must have length between 1 and ${INLINE_ATTRIBUTES_MAX}`
      )
    }
    const attributes: Record<string, MetadataValue> = {}
    for (const [i, item] of (list as Unchecked<MetadataAttribute>[]).entries()) {
      const at = `${field}.inlineAttributes.${i + 1}.member`
      if (typeof item?.key !== 'string' || item.key === '')
        throw validation(`${at}.key`, item?.key, 'Member must not be null')
      attributes[item.key] = inlineValue(`${at}.value`, item.value)
    }
    return { kind: 'inline', attributes }
  }
  throw validation(
    `${field}.type`,
    metadata.type,
    'Member must satisfy enum value set: [IN_LINE_ATTRIBUTE, S3_LOCATION]'
  )
}

function ingestItem(raw: unknown, n: number): IngestItem {
  const field = `documents.${n}.member`
  const doc = objectAt(field, raw) as Unchecked<KnowledgeBaseDocument>
  const content = objectAt(`${field}.content`, doc.content) as Record<string, unknown>
  checkDataSourceType(`${field}.content.dataSourceType`, content.dataSourceType)
  const s3 = objectAt(`${field}.content.s3`, content.s3)
  const location = objectAt(`${field}.content.s3.s3Location`, s3.s3Location)
  return {
    uri: checkS3Uri(`${field}.content.s3.s3Location.uri`, location.uri),
    metadata: metadataOf(`${field}.metadata`, doc.metadata)
  }
}

function identifierUri(raw: unknown, n: number): string {
  const field = `documentIdentifiers.${n}.member`
  const id = objectAt(field, raw) as Unchecked<DocumentIdentifier>
  checkDataSourceType(`${field}.dataSourceType`, id.dataSourceType)
  const s3 = objectAt(`${field}.s3`, id.s3)
  return checkS3Uri(`${field}.s3.uri`, s3.uri)
}

export function readIngestRequest(input: Unchecked<IngestKnowledgeBaseDocumentsRequest>): {
  clientToken: string | undefined
  items: IngestItem[]
} {
  const clientToken = checkClientToken(input.clientToken)
  const items = checkList('documents', input.documents).map((doc, i) => ingestItem(doc, i + 1))
  return { clientToken, items }
}

export function readDeleteRequest(input: Unchecked<DeleteKnowledgeBaseDocumentsRequest>): {
  clientToken: string | undefined
  uris: string[]
} {
  const clientToken = checkClientToken(input.clientToken)
  const uris = checkList('documentIdentifiers', input.documentIdentifiers).map((id, i) => identifierUri(id, i + 1))
  return { clientToken, uris }
}

export function readGetRequest(input: Unchecked<GetKnowledgeBaseDocumentsRequest>): string[] {
  return checkList('documentIdentifiers', input.documentIdentifiers).map((id, i) => identifierUri(id, i + 1))
}

/** ListKnowledgeBaseDocuments' page: where it starts and how long it is (1–1000, all by default). */
export function readListRequest(input: Unchecked<ListKnowledgeBaseDocumentsRequest>): {
  start: number
  maxResults: number
} {
  const maxResults = input.maxResults ?? 1000
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw validation('maxResults', maxResults, 'Member must have value between 1 and 1000')
  }
  if (input.nextToken === undefined) return { start: 0, maxResults }
  const start = Number(Buffer.from(String(input.nextToken), 'base64url').toString())
  if (!Number.isInteger(start) || start < 0) throw validation('nextToken', input.nextToken, 'Invalid pagination token')
  return { start, maxResults }
}
