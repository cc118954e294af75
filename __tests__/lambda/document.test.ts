import { describe, expect, it } from '@jest/globals'
import { renderDocument } from '../../src/lambda/document.js'
import { metricsRecord } from '../../src/lambda/metrics.js'

const incident = {
  incident_id: 'INC-2025-000001',
  title: 'Checkout payments failing with TLS handshake errors',
  description: 'Card payments fail at checkout.',
  root_cause: 'The TLS certificate expired.',
  resolution: 'Renewed the certificate.',
  status: 'CLOSED',
  priority: 'P1',
  severity: 'critical',
  service: 'payments-api',
  tags: new Set(['tls', 'payments']),
  created_at: '2025-09-01T08:00:00.000Z',
  closed_at: '2025-09-02T10:00:00.000Z',
  kb_sync_status: { synced: false },
  internal_score: 7
}

describe('renderDocument', () => {
  it('writes the searchable fields in reading order, and the filterable ones as metadata', () => {
    const doc = renderDocument(incident, 'incidents/closed/')
    expect(doc.key).toBe('incidents/closed/INC-2025-000001.json')
    expect(doc.metadataKey).toBe('incidents/closed/INC-2025-000001.json.metadata.json')
    const body = JSON.parse(doc.body) as Record<string, unknown>
    expect(Object.keys(body)).toEqual([
      'incident_id',
      'title',
      'service',
      'priority',
      'severity',
      'status',
      'description',
      'root_cause',
      'resolution',
      'created_at',
      'closed_at',
      'tags'
    ])
    expect(body.tags).toEqual(['tls', 'payments'])
    expect(doc.body).not.toContain('kb_sync_status')
    expect(JSON.parse(doc.metadata)).toEqual({
      metadataAttributes: {
        incident_id: 'INC-2025-000001',
        service: 'payments-api',
        priority: 'P1',
        severity: 'critical',
        status: 'CLOSED',
        created_at: '2025-09-01T08:00:00.000Z',
        closed_at: '2025-09-02T10:00:00.000Z',
        created_at_epoch: 1756713600,
        closed_at_epoch: 1756807200
      }
    })
  })

  it('is a pure function of the item: the sync status does not change the bytes', () => {
    const a = renderDocument(incident, 'p/')
    const b = renderDocument({ ...incident, kb_sync_status: { synced: true, synced_at: 'now' } }, 'p/')
    expect(b).toEqual(a)
  })

  it('tolerates missing fields, other spellings and odd values', () => {
    const doc = renderDocument(
      {
        incident_id: 'INC/../x',
        rootCause: 'camel case cause',
        affected_service: 'orders',
        title: '  ',
        priority: 2,
        closed_at: 'not a date'
      },
      ''
    )
    expect(doc.key).toBe('INC_.._x.json')
    const body = JSON.parse(doc.body) as Record<string, unknown>
    expect(body).toEqual({
      incident_id: 'INC/../x',
      service: 'orders',
      priority: '2',
      root_cause: 'camel case cause',
      closed_at: 'not a date'
    })
    const attrs = (JSON.parse(doc.metadata) as { metadataAttributes: Record<string, unknown> }).metadataAttributes
    expect(attrs).toEqual({ incident_id: 'INC/../x', service: 'orders', priority: '2', closed_at: 'not a date' })
    for (const value of Object.values(attrs)) expect(['string', 'number', 'boolean']).toContain(typeof value)
  })
})

describe('metricsRecord', () => {
  it('is CloudWatch Embedded Metric Format for the IncidentKBSync namespace', () => {
    expect(
      metricsRecord({ functionName: 'incident-kb-batch-sync', synced: 5, errors: 1, durationMs: 1234, timestamp: 1 })
    ).toEqual({
      _aws: {
        Timestamp: 1,
        CloudWatchMetrics: [
          {
            Namespace: 'IncidentKBSync',
            Dimensions: [['FunctionName']],
            Metrics: [
              { Name: 'IncidentsSynced', Unit: 'Count' },
              { Name: 'SyncErrors', Unit: 'Count' },
              { Name: 'SyncDuration', Unit: 'Milliseconds' }
            ]
          }
        ]
      },
      FunctionName: 'incident-kb-batch-sync',
      IncidentsSynced: 5,
      SyncErrors: 1,
      SyncDuration: 1234
    })
  })
})
