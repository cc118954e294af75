export interface InvocationMetrics {
  functionName: string
  synced: number
  errors: number
  durationMs: number
  timestamp: number
}

export const METRICS_NAMESPACE = 'IncidentKBSync'

/**
 * One CloudWatch Embedded Metric Format record per invocation: CloudWatch Logs turns the log line into the
 * IncidentKBSync metrics the team's dashboard and alarms use, with no PutMetricData call on the hot path.
 */
export function metricsRecord(m: InvocationMetrics): Record<string, unknown> {
  return {
    _aws: {
      Timestamp: m.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [['FunctionName']],
          Metrics: [
            { Name: 'IncidentsSynced', Unit: 'Count' },
            { Name: 'SyncErrors', Unit: 'Count' },
            { Name: 'SyncDuration', Unit: 'Milliseconds' }
          ]
        }
      ]
    },
    FunctionName: m.functionName,
    IncidentsSynced: m.synced,
    SyncErrors: m.errors,
    SyncDuration: m.durationMs
  }
}

export function emitMetrics(m: InvocationMetrics): void {
  console.log(JSON.stringify(metricsRecord(m)))
}
