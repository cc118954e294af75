/**
 * Alarms, dashboard and alarm topic (KbSyncMonitoringStack) over the reference Lambda's metrics and the action's
 * run metrics. The Lambda's metric names and dimension come from src/lambda/metrics.ts itself.
 */
import { describe, expect, it } from '@jest/globals'
import { Match } from 'aws-cdk-lib/assertions'
import { metricsRecord } from '../../src/lambda/metrics.js'
import { conditionHolds, deploy, type Json } from '../support/cfn-values.js'
import { json, synthesizeApp } from '../support/infra-app.js'

const { monitoringTemplate: template } = synthesizeApp()
const raw = json(template)
const REQUIRED = { KnowledgeBaseId: 'LPR1PEW0LN', DataSourceId: 'AJIJE6BWIV' }
const deployed = (parameters: Record<string, string> = {}) =>
  deploy(raw, {
    parameters: { ...REQUIRED, ...parameters },
    pseudo: {
      'AWS::Partition': 'aws',
      'AWS::Region': 'us-east-1',
      'AWS::AccountId': '123456789012',
      'AWS::StackName': 'kb-sync-monitoring'
    },
    resources: {
      AlarmTopic: 'arn:aws:sns:us-east-1:123456789012:kb-sync-alarms',
      'SyncErrorsAlarm.Arn': 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:kb-sync-monitoring-SyncErrorsAlarm',
      'IngestionFailureAlarm.Arn':
        'arn:aws:cloudwatch:us-east-1:123456789012:alarm:kb-sync-monitoring-IngestionFailureAlarm',
      'SyncDurationAlarm.Arn': 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:kb-sync-monitoring-SyncDurationAlarm'
    }
  })

const emf = metricsRecord({ functionName: 'f', synced: 0, errors: 0, durationMs: 0, timestamp: 0 }) as {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] }
}
const LAMBDA = emf._aws.CloudWatchMetrics[0]!
const ACTION_METRICS = [
  'IngestionJobsStarted',
  'IngestionJobsCompleted',
  'IngestionJobsFailed',
  'DocumentsIndexed',
  'DocumentsFailed',
  'BacklogRemaining',
  'RunFailed'
]

const lambdaMetric = (name: string, stat: string) => ({
  Metric: {
    Namespace: LAMBDA.Namespace,
    MetricName: name,
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'FunctionName' } }]
  },
  Period: 3600,
  Stat: stat
})
const actionMetric = (name: string, stat: string) => ({
  Metric: {
    Namespace: { Ref: 'MetricsNamespace' },
    MetricName: name,
    Dimensions: [
      { Name: 'DataSourceId', Value: { Ref: 'DataSourceId' } },
      { Name: 'KnowledgeBaseId', Value: { Ref: 'KnowledgeBaseId' } }
    ]
  },
  Period: 3600,
  Stat: stat
})

describe('KbSyncMonitoringStack: alarms', () => {
  it('watches the metrics the Lambda emits: namespace IncidentKBSync, dimension FunctionName', () => {
    expect(LAMBDA.Namespace).toBe('IncidentKBSync')
    expect(LAMBDA.Dimensions).toEqual([['FunctionName']])
    expect(LAMBDA.Metrics.map((metric) => metric.Name).sort()).toEqual([
      'IncidentsSynced',
      'SyncDuration',
      'SyncErrors'
    ])
  })

  it('SyncErrorsAlarm: any failed incident (the Lambda’s SyncErrors) or failed run (the action’s RunFailed) in an hour', () => {
    template.hasResource('AWS::CloudWatch::Alarm', {
      Properties: Match.objectLike({
        AlarmName: { 'Fn::Sub': '${AWS::StackName}-SyncErrorsAlarm' },
        Metrics: [
          Match.objectLike({ Expression: 'FILL(syncErrors, 0) + FILL(runFailed, 0)', ReturnData: true }),
          Match.objectLike({ Id: 'syncErrors', MetricStat: lambdaMetric('SyncErrors', 'Sum'), ReturnData: false }),
          Match.objectLike({ Id: 'runFailed', MetricStat: actionMetric('RunFailed', 'Sum'), ReturnData: false })
        ],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching'
      })
    })
  })

  it('IngestionFailureAlarm: any failed ingestion job of the knowledge base’s data source in an hour', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: { 'Fn::Sub': '${AWS::StackName}-IngestionFailureAlarm' },
      Metrics: [Match.objectLike({ MetricStat: actionMetric('IngestionJobsFailed', 'Sum'), ReturnData: true })],
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching'
    })
  })

  it('SyncDurationAlarm: an invocation above 80% of the function’s 5-minute timeout', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: { 'Fn::Sub': '${AWS::StackName}-SyncDurationAlarm' },
      Metrics: [Match.objectLike({ MetricStat: lambdaMetric('SyncDuration', 'Maximum'), ReturnData: true })],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: { Ref: 'SyncDurationThresholdMs' },
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching'
    })
    template.hasParameter('SyncDurationThresholdMs', { Type: 'Number', Default: 240000 })
  })

  it('has exactly these three, under the names of the team’s alarms', () => {
    expect(Object.keys(template.findResources('AWS::CloudWatch::Alarm')).sort()).toEqual([
      'IngestionFailureAlarm',
      'SyncDurationAlarm',
      'SyncErrorsAlarm'
    ])
    expect(deployed().resources.SyncErrorsAlarm?.Properties.AlarmName).toBe('kb-sync-monitoring-SyncErrorsAlarm')
  })

  it('needs the knowledge base and data source ids for the action’s dimensions; defaults the rest', () => {
    const required = Object.entries(raw.Parameters as Record<string, Record<string, Json>>)
      .filter(([, spec]) => spec.Default === undefined)
      .map(([name]) => name)
      .sort()
    expect(required).toEqual(['DataSourceId', 'KnowledgeBaseId'])
    template.hasParameter('MetricsNamespace', { Default: 'IncidentKBSync' })
    template.hasParameter('FunctionName', { Default: 'incident-kb-batch-sync' })
  })
})

describe('KbSyncMonitoringStack: where the alarms go', () => {
  const actionsOf = (parameters: Record<string, string>) => {
    const alarms = Object.values(deployed(parameters).resources).filter(
      (resource) => resource.Type === 'AWS::CloudWatch::Alarm'
    )
    expect(alarms).toHaveLength(3)
    return alarms.map((alarm) => [alarm.Properties.AlarmActions, alarm.Properties.OKActions])
  }
  const topic = 'arn:aws:sns:us-east-1:123456789012:kb-sync-alarms'
  const existing = 'arn:aws:sns:us-east-1:123456789012:on-call'

  it('creates no topic and sends nowhere by default', () => {
    expect(conditionHolds(raw, 'CreateAlarmTopic', REQUIRED)).toBe(false)
    const resources = Object.values(deployed().resources).map((resource) => resource.Type)
    expect(resources.filter((type) => type.startsWith('AWS::SNS::'))).toEqual([])
    for (const actions of actionsOf({})) expect(actions).toEqual([undefined, undefined])
  })

  it('with AlarmEmail: a topic, the email subscribed, alarm and OK notifications sent to it', () => {
    const stack = deployed({ AlarmEmail: 'oncall@example.com' })
    expect(stack.resources.AlarmEmailSubscription?.Properties).toEqual({
      Endpoint: 'oncall@example.com',
      Protocol: 'email',
      TopicArn: topic
    })
    for (const actions of actionsOf({ AlarmEmail: 'oncall@example.com' })) expect(actions).toEqual([[topic], [topic]])
    expect(stack.outputs.CreatedAlarmTopicArn).toBe(topic)
  })

  it('with AlarmTopicArn: an existing topic, alone or with the created one', () => {
    for (const actions of actionsOf({ AlarmTopicArn: existing })) expect(actions).toEqual([[existing], [existing]])
    for (const actions of actionsOf({ AlarmTopicArn: existing, AlarmEmail: 'oncall@example.com' })) {
      expect(actions).toEqual([
        [topic, existing],
        [topic, existing]
      ])
    }
  })

  it('lets CloudWatch alarms of this account publish to the topic, over TLS only', () => {
    template.hasResource('AWS::SNS::TopicPolicy', {
      Condition: 'CreateAlarmTopic',
      Properties: {
        Topics: [{ Ref: 'AlarmTopic' }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: 'sns:Publish',
              Condition: {
                ArnLike: {
                  'aws:SourceArn': {
                    'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*'
                  }
                },
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }
              }
            }),
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sns:Publish',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } }
            })
          ]
        }
      }
    })
    for (const type of ['AWS::SNS::Topic', 'AWS::SNS::Subscription']) {
      template.hasResource(type, { Condition: 'CreateAlarmTopic' })
    }
  })

  it('refuses an AlarmEmail that is not an address', () => {
    expect(() => deployed({ AlarmEmail: 'oncall' })).toThrow(/AlarmEmail/)
  })
})

describe('KbSyncMonitoringStack: the dashboard', () => {
  interface Widget {
    type: string
    properties: { title?: string; metrics?: (string | Record<string, Json>)[][]; alarms?: string[]; markdown?: string }
  }
  const body = (parameters: Record<string, string> = {}) => {
    const dashboard = deployed(parameters).resources.IncidentKBSyncDashboard
    expect(dashboard?.Properties.DashboardName).toBe(parameters.DashboardName ?? 'IncidentKBSyncDashboard')
    return JSON.parse(String(dashboard?.Properties.DashboardBody)) as { widgets: Widget[] }
  }
  const graphs = body().widgets.filter((widget) => widget.type === 'metric')
  const graph = (title: string): Widget => {
    const found = graphs.find((widget) => widget.properties.title === title)
    expect(found).toBeDefined()
    return found!
  }
  /** [namespace, name, dimension name/value pairs…, options] → name and dimensions. */
  const metricsOf = (title: string) =>
    (graph(title).properties.metrics ?? []).map((line) => {
      const [namespace, name, ...rest] = line as string[]
      const dimensions = rest.filter((item) => typeof item === 'string')
      return {
        namespace,
        name,
        dimensions: Object.fromEntries(
          dimensions.flatMap((_, i) => (i % 2 ? [] : [[dimensions[i], dimensions[i + 1]]]))
        )
      }
    })

  const lambdaDims = { FunctionName: 'incident-kb-batch-sync' }
  const actionDims = { KnowledgeBaseId: 'LPR1PEW0LN', DataSourceId: 'AJIJE6BWIV' }

  it.each([
    ['Incidents synced per hour', ['IncidentsSynced'], 'IncidentKBSync', lambdaDims],
    ['Sync errors per hour', ['SyncErrors'], 'IncidentKBSync', lambdaDims],
    ['Sync duration (ms)', ['SyncDuration', 'SyncDuration'], 'IncidentKBSync', lambdaDims],
    [
      'Ingestion jobs per hour',
      ['IngestionJobsStarted', 'IngestionJobsCompleted', 'IngestionJobsFailed'],
      'IncidentKBSync',
      actionDims
    ],
    ['Documents per hour', ['DocumentsIndexed', 'DocumentsFailed'], 'IncidentKBSync', actionDims],
    ['Backlog remaining (hourly maximum)', ['BacklogRemaining'], 'IncidentKBSync', actionDims],
    ['Failed runs per hour', ['RunFailed'], 'IncidentKBSync', actionDims]
  ])('%s: %p', (title, names, namespace, dimensions) => {
    const metrics = metricsOf(title)
    expect(metrics.map((metric) => metric.name)).toEqual(names)
    for (const metric of metrics) expect(metric).toMatchObject({ namespace, dimensions })
  })

  it('shows every metric of the Lambda and of the action, and the three alarms', () => {
    const shown = new Set(graphs.flatMap((widget) => (widget.properties.metrics ?? []).map((line) => line[1])))
    for (const name of [...LAMBDA.Metrics.map((metric) => metric.Name), ...ACTION_METRICS])
      expect(shown).toContain(name)
    const alarms = body().widgets.find((widget) => widget.type === 'alarm')
    expect(alarms?.properties.alarms).toHaveLength(3)
  })

  it('marks the alarm threshold and the timeout on the duration graph', () => {
    const annotations = (
      graph('Sync duration (ms)').properties as { annotations?: { horizontal: { value: number }[] } }
    ).annotations?.horizontal
    expect(annotations?.map((annotation) => annotation.value)).toEqual([240000, 300000])
  })

  it('follows the action’s metrics namespace and the dashboard name', () => {
    const custom = body({ MetricsNamespace: 'Team/KbSync', DashboardName: 'kb-sync' }).widgets
    const runs = custom.find((widget) => widget.properties.title === 'Failed runs per hour')
    expect(runs?.properties.metrics?.[0]?.[0]).toBe('Team/KbSync')
    const synced = custom.find((widget) => widget.properties.title === 'Incidents synced per hour')
    expect(synced?.properties.metrics?.[0]?.[0]).toBe('IncidentKBSync')
  })
})

describe('the monitoring stack names the metrics the action really publishes', () => {
  it('has one name for each metric of src/pipeline/metrics.ts, and the action’s default namespace', async () => {
    const { METRIC_NAMES } = await import('../../src/pipeline/metrics.js')
    const { ACTION_METRICS, METRICS_NAMESPACE } = await import('../../infra/stacks/names.js')
    const { INPUT_DEFAULTS } = await import('../../src/inputs.js')
    expect(Object.values(ACTION_METRICS).sort()).toEqual([...METRIC_NAMES].sort())
    expect(INPUT_DEFAULTS.metrics_namespace).toBe(METRICS_NAMESPACE)
  })
})
