/**
 * Publishes the run's metrics. The CloudWatch client is loaded only here, when a run publishes, so a run that
 * does not (metrics_namespace empty, a dry run) never pays for loading it.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types'
import type { MetricDatum } from '../pipeline/metrics.js'
import { apiHandler, USER_AGENT } from './clients.js'
import { describeAwsError } from './errors.js'

export interface MetricsTarget {
  region: string
  credentials: AwsCredentialIdentityProvider | undefined
  namespace: string
  dimensions: Record<string, string>
}

/** Returns a warning when publishing failed; publishing never fails a run. */
export async function putMetrics(
  target: MetricsTarget,
  data: MetricDatum[],
  at: Date,
  signal: AbortSignal
): Promise<string | undefined> {
  const { CloudWatchClient, PutMetricDataCommand } = await import('@aws-sdk/client-cloudwatch')
  const client = new CloudWatchClient({
    region: target.region,
    customUserAgent: [USER_AGENT],
    requestHandler: apiHandler(),
    ...(target.credentials ? { credentials: target.credentials } : {})
  })
  const dimensions = Object.entries(target.dimensions).map(([Name, Value]) => ({ Name, Value }))
  try {
    await client.send(
      new PutMetricDataCommand({
        Namespace: target.namespace,
        MetricData: data.map((datum) => ({
          MetricName: datum.name,
          Value: datum.value,
          Unit: 'Count',
          Timestamp: at,
          Dimensions: dimensions
        }))
      }),
      { abortSignal: signal }
    )
    return undefined
  } catch (error) {
    const why = describeAwsError(error, {
      iamAction: 'cloudwatch:PutMetricData',
      target: `namespace ${target.namespace}`,
      region: target.region
    })
    return `Metrics were not published (the run's outcome stands): ${why}`
  } finally {
    client.destroy()
  }
}
