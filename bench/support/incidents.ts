/**
 * Sample incidents the local stack's GSI can hold. dynalite keys an index entry by the index key plus the first six
 * hex digits of an MD5 of the table key, so two items with the same status and priority and the same six digits
 * share one entry, and one of them vanishes from the index: among 10,000 samples one does (INC-2025-000242), and
 * neither the Lambda nor the backlog count ever sees it. DynamoDB itself has no such limit; moving a colliding
 * incident to another priority keeps the benchmark about kb-sync.
 */
import { createHash } from 'node:crypto'
import { sampleIncidents, type SampleOptions } from '../../local/harness/incidents.js'

const PRIORITIES = ['P1', 'P2', 'P3', 'P4']

function dynaliteSuffix(id: string): string {
  return createHash('md5').update('Outliers').update(Buffer.from(id, 'utf8')).digest('hex').slice(0, 6)
}

export function indexSafeIncidents(count: number, first: number, options: SampleOptions): Record<string, unknown>[] {
  const items = sampleIncidents(count, first, options) as unknown as Record<string, unknown>[]
  const taken = new Set<string>()
  for (const item of items) {
    const suffix = dynaliteSuffix(String(item.incident_id))
    const key = (priority: unknown) => `${String(item.status)}|${String(priority)}|${suffix}`
    if (taken.has(key(item.priority))) {
      const free = PRIORITIES.find((p) => !taken.has(key(p)))
      if (free) item.priority = free
    }
    taken.add(key(item.priority))
  }
  return items
}
