import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  Stack,
  Token,
  Validations,
  type StackProps
} from 'aws-cdk-lib'
import {
  Alarm,
  AlarmStatusWidget,
  CfnAlarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
  type CfnDashboard,
  type GraphWidgetProps,
  type IWidget
} from 'aws-cdk-lib/aws-cloudwatch'
import { CfnSubscription, CfnTopic, CfnTopicPolicy } from 'aws-cdk-lib/aws-sns'
import type { Construct } from 'constructs'
import {
  ACTION_METRICS,
  DEFAULT_FUNCTION_NAME,
  FUNCTION_TIMEOUT_SECONDS,
  LAMBDA_METRICS,
  METRICS_NAMESPACE
} from './names.js'

export const DASHBOARD_NAME = 'IncidentKBSyncDashboard'

/**
 * Alarms and the dashboard over the reference Lambda's metrics (namespace IncidentKBSync, dimension FunctionName)
 * and the action's run metrics (namespace metrics_namespace, dimensions KnowledgeBaseId and DataSourceId), with an
 * optional SNS topic for the alarms. Only metric names: it deploys next to any batch-sync function, the reference
 * one or one deployed otherwise.
 */
export class MonitoringStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description:
        'kb-sync: alarms (sync errors, failed ingestion jobs, slow syncs) and the IncidentKBSync dashboard over the ' +
        "batch-sync Lambda's and the kb-sync action's CloudWatch metrics, with an optional SNS topic for the alarms.",
      ...props
    })

    const functionName = new CfnParameter(this, 'FunctionName', {
      type: 'String',
      default: DEFAULT_FUNCTION_NAME,
      description: 'The batch-sync Lambda whose metrics to watch (its FunctionName dimension).',
      allowedPattern: '^[A-Za-z0-9_-]{1,64}$',
      constraintDescription: 'a Lambda function name (not an ARN)'
    })
    const knowledgeBaseId = new CfnParameter(this, 'KnowledgeBaseId', {
      type: 'String',
      description: "The knowledge base of the action's runs (its KnowledgeBaseId dimension).",
      allowedPattern: '^[0-9a-zA-Z]{10}$',
      constraintDescription: '10 letters or digits'
    })
    const dataSourceId = new CfnParameter(this, 'DataSourceId', {
      type: 'String',
      description: "The data source of the action's runs (its DataSourceId dimension).",
      allowedPattern: '^[0-9a-zA-Z]{10}$',
      constraintDescription: '10 letters or digits'
    })
    const metricsNamespace = new CfnParameter(this, 'MetricsNamespace', {
      type: 'String',
      default: METRICS_NAMESPACE,
      description: `The action's metrics_namespace. The Lambda's metrics are always in ${METRICS_NAMESPACE}.`,
      allowedPattern: '^[A-Za-z0-9._/#:-][A-Za-z0-9._/#: -]{0,254}$',
      constraintDescription: 'a CloudWatch namespace (up to 255 letters, digits and . _ / # : - or spaces)'
    })
    const syncDurationThreshold = new CfnParameter(this, 'SyncDurationThresholdMs', {
      type: 'Number',
      default: FUNCTION_TIMEOUT_SECONDS * 1000 * 0.8,
      minValue: 1000,
      maxValue: 900000,
      description:
        "SyncDurationAlarm fires when one invocation takes longer than this. Default: 80% of the function's " +
        '5-minute timeout, so a batch that nears the timeout is seen before invocations time out.'
    })
    const alarmEmail = new CfnParameter(this, 'AlarmEmail', {
      type: 'String',
      default: '',
      description:
        'Email address for the alarms: the stack creates an SNS topic and subscribes it (confirm the email AWS ' +
        'sends). Empty: no topic.',
      allowedPattern: '^([^@\\s]+@[^@\\s]+\\.[^@\\s]+)?$',
      constraintDescription: 'an email address or empty'
    })
    const alarmTopicArn = new CfnParameter(this, 'AlarmTopicArn', {
      type: 'String',
      default: '',
      description: 'An existing SNS topic for the alarms, in addition to or instead of AlarmEmail. Empty: none.',
      allowedPattern: '^(arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256})?$',
      constraintDescription: 'empty, or arn:aws:sns:REGION:ACCOUNT_ID:TOPIC'
    })
    const dashboardName = new CfnParameter(this, 'DashboardName', {
      type: 'String',
      default: DASHBOARD_NAME,
      description: 'Name of the CloudWatch dashboard (unique in the account).',
      allowedPattern: '^[A-Za-z0-9_-]{1,255}$',
      constraintDescription: 'letters, digits, - and _'
    })

    this.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          {
            Label: { default: 'What to watch' },
            Parameters: ['FunctionName', 'KnowledgeBaseId', 'DataSourceId', 'MetricsNamespace']
          },
          {
            Label: { default: 'Alarms and dashboard' },
            Parameters: ['SyncDurationThresholdMs', 'AlarmEmail', 'AlarmTopicArn', 'DashboardName']
          }
        ]
      }
    }

    const createTopic = new CfnCondition(this, 'CreateAlarmTopic', {
      expression: Fn.conditionNot(Fn.conditionEquals(alarmEmail.valueAsString, ''))
    })
    const hasTopicArn = new CfnCondition(this, 'HasAlarmTopicArn', {
      expression: Fn.conditionNot(Fn.conditionEquals(alarmTopicArn.valueAsString, ''))
    })

    const topic = new CfnTopic(this, 'AlarmTopic', { displayName: 'kb-sync alarms' })
    topic.cfnOptions.condition = createTopic
    const subscription = new CfnSubscription(this, 'AlarmEmailSubscription', {
      topicArn: topic.ref,
      protocol: 'email',
      endpoint: alarmEmail.valueAsString
    })
    subscription.cfnOptions.condition = createTopic
    // A topic policy replaces the default one, so it names CloudWatch's right to publish the alarms explicitly.
    const topicPolicy = new CfnTopicPolicy(this, 'AlarmTopicPolicy', {
      topics: [topic.ref],
      policyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CloudWatchAlarmsPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topic.ref,
            Condition: {
              ArnLike: {
                'aws:SourceArn': Fn.sub('arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*')
              },
              StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }
            }
          },
          {
            Sid: 'DenyInsecureTransport',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 'sns:Publish',
            Resource: topic.ref,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } }
          }
        ]
      }
    })
    topicPolicy.cfnOptions.condition = createTopic
    const alarmActions = Fn.conditionIf(
      createTopic.logicalId,
      Fn.conditionIf(hasTopicArn.logicalId, [topic.ref, alarmTopicArn.valueAsString], [topic.ref]),
      Fn.conditionIf(hasTopicArn.logicalId, [alarmTopicArn.valueAsString], Aws.NO_VALUE)
    )

    const hourly = Duration.hours(1)
    const lambdaMetric = (metricName: string, statistic: string, label: string): Metric =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { FunctionName: functionName.valueAsString },
        statistic,
        period: hourly,
        label
      })
    const actionMetric = (metricName: string, statistic: string, label: string): Metric =>
      new Metric({
        namespace: metricsNamespace.valueAsString,
        metricName,
        dimensionsMap: { KnowledgeBaseId: knowledgeBaseId.valueAsString, DataSourceId: dataSourceId.valueAsString },
        statistic,
        period: hourly,
        label
      })

    const incidentsSynced = lambdaMetric(LAMBDA_METRICS.incidentsSynced, Stats.SUM, 'Incidents synced')
    const syncErrors = lambdaMetric(LAMBDA_METRICS.syncErrors, Stats.SUM, 'Sync errors')
    const syncDurationMax = lambdaMetric(LAMBDA_METRICS.syncDuration, Stats.MAXIMUM, 'Longest invocation')
    const syncDurationAvg = lambdaMetric(LAMBDA_METRICS.syncDuration, Stats.AVERAGE, 'Average invocation')
    const jobsStarted = actionMetric(ACTION_METRICS.ingestionJobsStarted, Stats.SUM, 'Started')
    const jobsCompleted = actionMetric(ACTION_METRICS.ingestionJobsCompleted, Stats.SUM, 'Completed')
    const jobsFailed = actionMetric(ACTION_METRICS.ingestionJobsFailed, Stats.SUM, 'Failed')
    const documentsIndexed = actionMetric(ACTION_METRICS.documentsIndexed, Stats.SUM, 'Indexed')
    const documentsFailed = actionMetric(ACTION_METRICS.documentsFailed, Stats.SUM, 'Failed')
    const backlogRemaining = actionMetric(ACTION_METRICS.backlogRemaining, Stats.MAXIMUM, 'Pending incidents')
    const runFailed = actionMetric(ACTION_METRICS.runFailed, Stats.SUM, 'Failed runs')

    // Hourly periods follow the hourly workflow: a broken sync keeps the alarm in ALARM from one run to the next
    // instead of flapping to OK between runs, and a run that healed it brings it back to OK within the hour.
    const syncErrorsAlarm = new Alarm(this, 'SyncErrorsAlarm', {
      alarmName: Fn.sub('${AWS::StackName}-SyncErrorsAlarm'),
      alarmDescription:
        "kb-sync: incidents failed to sync (the Lambda's SyncErrors) or a kb-sync run failed (the action's " +
        "RunFailed: also a run that could not invoke the Lambda at all). See the run's job summary.",
      // RunFailed catches what SyncErrors cannot see: a run that never reached the function.
      metric: new MathExpression({
        expression: 'FILL(syncErrors, 0) + FILL(runFailed, 0)',
        usingMetrics: { syncErrors, runFailed },
        period: hourly,
        label: 'Sync errors and failed runs'
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      // No data means nothing ran: no error.
      treatMissingData: TreatMissingData.NOT_BREACHING
    })
    const ingestionFailureAlarm = new Alarm(this, 'IngestionFailureAlarm', {
      alarmName: Fn.sub('${AWS::StackName}-IngestionFailureAlarm'),
      alarmDescription:
        "kb-sync: an ingestion job that a kb-sync run watched did not complete (the action's IngestionJobsFailed). " +
        'New incidents are not searchable until a job completes; the next run with ingestion: auto starts another.',
      metric: jobsFailed,
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING
    })
    const syncDurationAlarm = new Alarm(this, 'SyncDurationAlarm', {
      alarmName: Fn.sub('${AWS::StackName}-SyncDurationAlarm'),
      alarmDescription:
        "kb-sync: a batch-sync invocation took longer than SyncDurationThresholdMs, close to the function's " +
        'timeout. Lower BATCH_LIMIT or raise the timeout before invocations time out.',
      metric: syncDurationMax,
      threshold: syncDurationThreshold.valueAsNumber,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING
    })
    for (const alarm of [syncErrorsAlarm, ingestionFailureAlarm, syncDurationAlarm]) {
      const cfnAlarm = alarm.node.defaultChild as CfnAlarm
      cfnAlarm.overrideLogicalId(alarm.node.id)
      cfnAlarm.alarmActions = Token.asList(alarmActions)
      // Say when it is over too: an email that the sync healed saves someone a look.
      cfnAlarm.okActions = Token.asList(alarmActions)
      Validations.of(alarm).acknowledge({
        id: 'CloudFormation-Validate::W1030',
        reason: 'AlarmTopicArn is in the actions only under HasAlarmTopicArn, that is when it is not empty.'
      })
    }

    const graph = (title: string, left: Metric[], extra: Partial<GraphWidgetProps> = {}) =>
      new GraphWidget({ title, left, width: 8, height: 6, period: hourly, ...extra })
    const widgets: IWidget[][] = [
      [
        new TextWidget({
          // Plain tokens, not Fn::Sub: the dashboard body is JSON, and only literal parts get JSON-escaped.
          markdown:
            `## kb-sync\nBatch-sync Lambda \`${functionName.valueAsString}\` (namespace \`${METRICS_NAMESPACE}\`) and ` +
            `the kb-sync runs of knowledge base \`${knowledgeBaseId.valueAsString}\`, data source ` +
            `\`${dataSourceId.valueAsString}\` (namespace \`${metricsNamespace.valueAsString}\`). Hourly sums ` +
            'unless the title says otherwise.',
          width: 24,
          height: 2
        })
      ],
      [
        graph('Incidents synced per hour', [incidentsSynced]),
        graph('Sync errors per hour', [syncErrors]),
        graph('Sync duration (ms)', [syncDurationMax, syncDurationAvg], {
          leftAnnotations: [
            { value: syncDurationThreshold.valueAsNumber, label: 'SyncDurationAlarm' },
            { value: FUNCTION_TIMEOUT_SECONDS * 1000, label: 'Function timeout' }
          ]
        })
      ],
      [
        graph('Ingestion jobs per hour', [jobsStarted, jobsCompleted, jobsFailed]),
        graph('Documents per hour', [documentsIndexed, documentsFailed]),
        graph('Backlog remaining (hourly maximum)', [backlogRemaining])
      ],
      [
        graph('Failed runs per hour', [runFailed]),
        new AlarmStatusWidget({
          title: 'Alarms',
          alarms: [syncErrorsAlarm, ingestionFailureAlarm, syncDurationAlarm],
          width: 16,
          height: 6
        })
      ]
    ]
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: dashboardName.valueAsString, widgets })
    ;(dashboard.node.defaultChild as CfnDashboard).overrideLogicalId('IncidentKBSyncDashboard')

    new CfnOutput(this, 'DashboardUrl', {
      description: 'The dashboard in the CloudWatch console.',
      value: Fn.sub(
        'https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}#dashboards/dashboard/${DashboardName}'
      )
    })
    new CfnOutput(this, 'CreatedAlarmTopicArn', {
      condition: createTopic,
      description: 'The SNS topic this stack created for the alarms.',
      value: topic.ref
    })
  }
}
