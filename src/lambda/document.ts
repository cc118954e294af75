import type { Incident } from './types.js'

/** What goes to S3 for one incident: the document and its Bedrock metadata sidecar. */
export interface RenderedDocument {
  key: string
  metadataKey: string
  body: string
  metadata: string
}

// Fields in the order a reader (and a chunker) meets them: what happened, where, why, how it was fixed, when.
// Each lists the names the team's items use first, then common spellings, so older items still render.
const FIELDS: [string, string[]][] = [
  ['incident_id', ['incident_id']],
  ['title', ['title', 'name', 'subject']],
  ['summary', ['summary']],
  ['service', ['service', 'affected_service', 'serviceName', 'service_name']],
  ['component', ['component']],
  ['environment', ['environment', 'env']],
  ['priority', ['priority']],
  ['severity', ['severity']],
  ['category', ['category', 'type']],
  ['status', ['status']],
  ['description', ['description', 'details']],
  ['symptoms', ['symptoms']],
  ['impact', ['impact', 'customer_impact']],
  ['root_cause', ['root_cause', 'rootCause', 'cause']],
  ['resolution', ['resolution', 'resolution_notes', 'resolutionNotes', 'fix']],
  ['workaround', ['workaround']],
  ['lessons_learned', ['lessons_learned', 'lessonsLearned']],
  ['assigned_team', ['assigned_team', 'team', 'assignedTeam']],
  ['created_at', ['created_at', 'createdAt', 'opened_at']],
  ['resolved_at', ['resolved_at', 'resolvedAt']],
  ['closed_at', ['closed_at', 'closedAt']]
]

// What a query filters by (Bedrock metadata filters): short, categorical or dates. Long text stays out, since
// Bedrock caps a metadata file at 10 KB.
const METADATA_FIELDS = [
  'incident_id',
  'service',
  'component',
  'environment',
  'priority',
  'severity',
  'category',
  'status',
  'assigned_team',
  'created_at',
  'resolved_at',
  'closed_at'
]
const DATE_FIELDS = ['created_at', 'resolved_at', 'closed_at']

export const METADATA_SUFFIX = '.metadata.json'

/**
 * Renders an incident for the knowledge base. The output is a pure function of the item (no clock, no sync
 * status), so re-writing an incident after a crash produces the same bytes, the same ETag and no "modified"
 * document in the next ingestion job.
 */
export function renderDocument(incident: Incident, keyPrefix: string): RenderedDocument {
  const doc: Record<string, unknown> = {}
  for (const [name, aliases] of FIELDS) {
    const value = firstText(incident, aliases)
    if (value !== undefined) doc[name] = value
  }
  const tags = textList(incident.tags)
  if (tags.length > 0) doc.tags = tags

  const attributes: Record<string, string | number | boolean> = {}
  for (const name of METADATA_FIELDS) {
    const value = doc[name]
    if (typeof value === 'string' && value.length <= 256) attributes[name] = value
  }
  // Epoch seconds make date ranges filterable (greaterThan/lessThan work on numbers only).
  for (const name of DATE_FIELDS) {
    const ms = typeof doc[name] === 'string' ? Date.parse(doc[name]) : NaN
    if (Number.isFinite(ms)) attributes[`${name}_epoch`] = Math.floor(ms / 1000)
  }

  const key = `${keyPrefix}${safeKeyPart(incident.incident_id)}.json`
  return {
    key,
    metadataKey: `${key}${METADATA_SUFFIX}`,
    body: `${JSON.stringify(doc, null, 2)}\n`,
    metadata: `${JSON.stringify({ metadataAttributes: attributes })}\n`
  }
}

function firstText(item: Record<string, unknown>, names: string[]): string | undefined {
  for (const name of names) {
    const value = item[name]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  }
  return undefined
}

function textList(value: unknown): string[] {
  // A string set unmarshals to a Set, a list to an array; both are fine as tags.
  const items =
    value instanceof Set ? [...value] : Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
  return items.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim())
}

/** Incident ids become object keys: keep them one path segment, whatever they contain. */
function safeKeyPart(id: string): string {
  return id.replace(/[/\\]/g, '_').replace(/^\.+$/, '_')
}
