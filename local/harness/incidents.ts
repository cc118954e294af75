/** Sample incidents: realistic enough to search for, deterministic so tests can count on them. */
export interface SampleIncident {
  incident_id: string
  title: string
  description: string
  status: 'OPEN' | 'IN_PROGRESS' | 'RESOLVED' | 'CLOSED'
  priority: 'P1' | 'P2' | 'P3' | 'P4'
  severity: 'critical' | 'high' | 'medium' | 'low'
  service: string
  category: string
  root_cause?: string
  resolution?: string
  assigned_team: string
  tags: string[]
  created_at: string
  resolved_at?: string
  closed_at?: string
  kb_sync_status?: { synced: boolean; synced_at?: string; s3_key?: string }
  [extra: string]: unknown
}

export interface SampleOptions {
  /** Fraction of incidents that are CLOSED (default 0.6); `status` overrides it. */
  closedRatio?: number
  /** Every incident gets this status. */
  status?: SampleIncident['status']
  /** Fraction of CLOSED incidents already marked synced (default 0). */
  syncedRatio?: number
  /** Seed of the pseudo-random choices (default: continues the stack's sequence). */
  seed?: number
}

interface Template {
  title: string
  description: string
  root_cause: string
  resolution: string
  category: string
  tags: string[]
}

const TEMPLATES: Template[] = [
  {
    title: 'Checkout payments failing with TLS handshake errors',
    description: 'Card payments fail at checkout; the payment gateway client logs TLS handshake failures.',
    root_cause: 'The TLS certificate of the payment gateway endpoint expired; automatic renewal was disabled.',
    resolution: 'Renewed the certificate, re-enabled automatic renewal and added an expiry alarm.',
    category: 'certificate',
    tags: ['tls', 'certificate', 'payments']
  },
  {
    title: 'Database connection pool exhausted under peak load',
    description: 'API latency rose above 5 seconds and requests timed out waiting for database connections.',
    root_cause: 'A slow query held connections; the pool size of 20 was too small for the evening peak.',
    resolution: 'Added an index for the slow query and raised the pool size to 50 with a queue timeout.',
    category: 'database',
    tags: ['database', 'latency', 'connection-pool']
  },
  {
    title: 'Lambda throttling after a traffic spike',
    description: 'Order events piled up in the queue; the consumer function was throttled.',
    root_cause: 'Reserved concurrency of the consumer Lambda was set to 10 during a cost review.',
    resolution: 'Raised reserved concurrency, added a throttles alarm and documented the limit.',
    category: 'capacity',
    tags: ['lambda', 'throttling', 'queue']
  },
  {
    title: 'Login outage caused by an expired OAuth client secret',
    description: 'Users could not sign in; the identity provider rejected the token exchange.',
    root_cause: 'The OAuth client secret rotated in the identity provider but not in the secrets store.',
    resolution: 'Updated the secret, automated rotation through the secrets manager and added a canary login.',
    category: 'authentication',
    tags: ['oauth', 'login', 'secrets']
  },
  {
    title: 'Disk full on the search cluster',
    description: 'Search indexing stopped and queries returned stale results.',
    root_cause: 'Debug logging was left on after a deployment and filled the data volumes.',
    resolution: 'Turned debug logging off, cleaned the volumes and added a disk usage alarm at 80 percent.',
    category: 'storage',
    tags: ['disk', 'logging', 'search']
  },
  {
    title: 'DNS misconfiguration after a deployment',
    description: 'The notification service could not reach its email provider; messages were delayed.',
    root_cause: 'A deployment replaced the private DNS zone record with a stale IP address.',
    resolution: 'Restored the record, moved it into infrastructure as code and added a synthetic check.',
    category: 'network',
    tags: ['dns', 'deployment', 'email']
  },
  {
    title: 'Memory leak in the recommendations service',
    description: 'Containers were killed every few hours with out-of-memory errors.',
    root_cause: 'An unbounded in-process cache kept every user profile it ever loaded.',
    resolution: 'Replaced the cache with an LRU of 10,000 entries and added a memory dashboard.',
    category: 'application',
    tags: ['memory', 'cache', 'oom']
  },
  {
    title: 'Message queue backlog from a poison message',
    description: 'Invoice generation stalled; the queue age alarm fired.',
    root_cause: 'One malformed message made the consumer crash and retry forever without a dead-letter queue.',
    resolution: 'Added a dead-letter queue with a redrive policy and validated messages before processing.',
    category: 'messaging',
    tags: ['queue', 'dlq', 'invoices']
  }
]

const SERVICES = [
  'payments-api',
  'orders-service',
  'auth-service',
  'search-service',
  'notifications',
  'recommendations'
]
const TEAMS = ['platform', 'payments', 'identity', 'search', 'core']
const PRIORITIES: SampleIncident['priority'][] = ['P1', 'P2', 'P3', 'P4']
const SEVERITIES: SampleIncident['severity'][] = ['critical', 'high', 'medium', 'low']
const OPEN_STATES: SampleIncident['status'][] = ['OPEN', 'IN_PROGRESS', 'RESOLVED']

/** Small, seedable PRNG (mulberry32): the same seed gives the same incidents on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T
}

/** `count` incidents numbered from `firstNumber`, ids `INC-2025-000123`. */
export function sampleIncidents(count: number, firstNumber: number, options: SampleOptions = {}): SampleIncident[] {
  const rnd = random(options.seed ?? firstNumber * 7919 + 17)
  const out: SampleIncident[] = []
  const base = Date.parse('2025-09-01T08:00:00.000Z')
  for (let i = 0; i < count; i++) {
    const n = firstNumber + i
    const template = pick(rnd, TEMPLATES)
    const p = Math.floor(rnd() * PRIORITIES.length)
    const closed = options.status ? options.status === 'CLOSED' : rnd() < (options.closedRatio ?? 0.6)
    const status = options.status ?? (closed ? 'CLOSED' : pick(rnd, OPEN_STATES))
    const created = base + n * 3_600_000 + Math.floor(rnd() * 3_600_000)
    const service = pick(rnd, SERVICES)
    const incident: SampleIncident = {
      incident_id: `INC-2025-${String(n).padStart(6, '0')}`,
      title: `${template.title} (${service})`,
      description: template.description,
      status,
      priority: PRIORITIES[p] ?? 'P3',
      severity: SEVERITIES[p] ?? 'medium',
      service,
      category: template.category,
      assigned_team: pick(rnd, TEAMS),
      tags: template.tags,
      created_at: new Date(created).toISOString()
    }
    if (status === 'RESOLVED' || status === 'CLOSED') {
      incident.root_cause = template.root_cause
      incident.resolution = template.resolution
      incident.resolved_at = new Date(created + 2 * 3_600_000).toISOString()
    }
    if (status === 'CLOSED') {
      incident.closed_at = new Date(created + 26 * 3_600_000).toISOString()
      // The seed's items carry an explicit `synced: false`; older ones have no kb_sync_status at all.
      if (rnd() < (options.syncedRatio ?? 0)) {
        // The seed writes the document and records the rest (key, hash, ETags), as the Lambda would.
        incident.kb_sync_status = { synced: true, synced_at: incident.closed_at }
      } else if (rnd() < 0.7) incident.kb_sync_status = { synced: false }
    }
    out.push(incident)
  }
  return out
}
