import {
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Duration,
  Fn,
  RemovalPolicy,
  Stack,
  Validations,
  type StackProps
} from 'aws-cdk-lib'
import { CfnRule } from 'aws-cdk-lib/aws-events'
import { CfnRole, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import { CfnFunction, CfnPermission, Code, Function, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda'
import { CfnLogGroup, LogGroup } from 'aws-cdk-lib/aws-logs'
import type { Construct } from 'constructs'
import {
  DEFAULT_FUNCTION_NAME,
  DEFAULT_INDEX_NAME,
  DEFAULT_KEY_PREFIX,
  DEFAULT_TABLE_NAME,
  FUNCTION_TIMEOUT_SECONDS
} from './names.js'

/** CloudWatch Logs accepts only these retention periods. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653
]

export const HOURLY = 'cron(0 * * * ? *)'

/**
 * The reference batch-sync Lambda (src/lambda, bundled as dist/lambda/) with a least-privilege execution role, its
 * log group with a retention, and an optional EventBridge schedule. The code comes from a zip in S3 named by
 * parameters, so the template has no assets and deploys without CDK bootstrap.
 */
export class LambdaStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description:
        'kb-sync: the batch-sync Lambda that copies closed incidents from DynamoDB to S3 for the Bedrock knowledge ' +
        'base, with its least-privilege execution role, its log group and an optional schedule.',
      ...props
    })

    const functionName = new CfnParameter(this, 'FunctionName', {
      type: 'String',
      default: DEFAULT_FUNCTION_NAME,
      description: "Name of the function (the action's function_name). Its log group is /aws/lambda/NAME.",
      allowedPattern: '^[A-Za-z0-9_-]{1,64}$',
      constraintDescription: 'a Lambda function name (not an ARN)'
    })
    const codeBucket = new CfnParameter(this, 'CodeBucket', {
      type: 'String',
      description: "S3 bucket holding the zipped dist/lambda/ (index.js and package.json), in this stack's region.",
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      constraintDescription: 'an S3 bucket name'
    })
    const codeKey = new CfnParameter(this, 'CodeKey', {
      type: 'String',
      description:
        'Key of that zip. Use a new key for new code (for example one with the commit in it): CloudFormation ' +
        "updates the function's code only when the key changes.",
      allowedPattern: '^\\S{1,1024}$',
      constraintDescription: 'an S3 object key'
    })
    const tableName = new CfnParameter(this, 'TableName', {
      type: 'String',
      default: DEFAULT_TABLE_NAME,
      description: 'DynamoDB table of the incidents, key incident_id (TABLE_NAME).',
      allowedPattern: '^[A-Za-z0-9_.-]{3,255}$',
      constraintDescription: 'a DynamoDB table name'
    })
    const indexName = new CfnParameter(this, 'IndexName', {
      type: 'String',
      default: DEFAULT_INDEX_NAME,
      description: 'Global secondary index of that table, hash key status, range key priority (STATUS_INDEX).',
      allowedPattern: '^[A-Za-z0-9_.-]{3,255}$',
      constraintDescription: 'a DynamoDB index name'
    })
    const bucketName = new CfnParameter(this, 'BucketName', {
      type: 'String',
      description: "S3 bucket that the knowledge base's data source reads (BUCKET_NAME).",
      allowedPattern: '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$',
      constraintDescription: 'an S3 bucket name'
    })
    const keyPrefix = new CfnParameter(this, 'KeyPrefix', {
      type: 'String',
      default: DEFAULT_KEY_PREFIX,
      description:
        "Prefix of the documents the function writes (KEY_PREFIX); it must lie under the data source's " +
        'inclusion prefix. The function may write under this prefix only.',
      // The Lambda refuses a prefix that starts with "/" or does not end with "/"; refuse it at deploy time already.
      allowedPattern: '^[^/\\s][^\\s]*/$',
      constraintDescription: 'a key prefix that does not start with / and ends with /'
    })
    const stateKey = new CfnParameter(this, 'StateKey', {
      type: 'String',
      default: 'kb-sync-state/sweep.json',
      description:
        'Where the function keeps its place in the sweep over the documents (STATE_KEY): outside every prefix the data source reads, or the knowledge base would index it.',
      allowedPattern: '^[^/\\s][^\\s]*[^/\\s]$',
      constraintDescription: 'an object key that does not start or end with /'
    })
    const sweepLimit = new CfnParameter(this, 'SweepLimit', {
      type: 'Number',
      default: 2000,
      minValue: 0,
      maxValue: 100000,
      description:
        'Documents the sweep checks per invocation (SWEEP_LIMIT); 0 turns it off. A full pass takes table size / SweepLimit invocations.'
    })
    const logRetentionDays = new CfnParameter(this, 'LogRetentionDays', {
      type: 'Number',
      default: 30,
      allowedValues: LOG_RETENTION_DAYS.map(String),
      description: "Days the function's log group keeps its events."
    })
    const enableSchedule = new CfnParameter(this, 'EnableSchedule', {
      type: 'String',
      default: 'false',
      allowedValues: ['true', 'false'],
      description:
        "'true' also runs the function on ScheduleExpression with EventBridge. Off by default: the kb-sync " +
        'workflow invokes it and then starts the ingestion job, which a scheduled run alone does not.'
    })
    new CfnParameter(this, 'ScheduleExpression', {
      type: 'String',
      default: HOURLY,
      description:
        'When EnableSchedule is true: an EventBridge schedule expression (default: every hour, on the hour).',
      allowedPattern: '^(cron|rate)\\(.+\\)$',
      constraintDescription: 'cron(...) or rate(...)'
    })

    this.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          {
            Label: { default: 'The function' },
            Parameters: ['FunctionName', 'CodeBucket', 'CodeKey', 'LogRetentionDays']
          },
          {
            Label: { default: 'What it reads and writes' },
            Parameters: ['TableName', 'IndexName', 'BucketName', 'KeyPrefix', 'StateKey', 'SweepLimit']
          },
          { Label: { default: 'Schedule (optional)' }, Parameters: ['EnableSchedule', 'ScheduleExpression'] }
        ]
      }
    }

    const logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: Fn.sub('/aws/lambda/${FunctionName}'),
      // The function's logs go with the function; the retention bounds them while it exists.
      removalPolicy: RemovalPolicy.DESTROY
    })
    const cfnLogGroup = logGroup.node.defaultChild as CfnLogGroup
    cfnLogGroup.overrideLogicalId('BatchSyncLogGroup')
    cfnLogGroup.retentionInDays = logRetentionDays.valueAsNumber

    const role = new Role(this, 'Role', {
      description: Fn.sub('Execution role of the kb-sync batch-sync Lambda ${FunctionName}'),
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        'batch-sync': new PolicyDocument({
          statements: [
            new PolicyStatement({
              sid: 'QueryPendingIncidents',
              actions: ['dynamodb:Query'],
              resources: [
                Fn.sub(
                  'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}/index/${IndexName}'
                )
              ]
            }),
            new PolicyStatement({
              sid: 'ReadAndMarkIncidents',
              actions: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
              resources: [Fn.sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}')]
            }),
            new PolicyStatement({
              sid: 'ListDocumentsAndCursor',
              // The sweep walks the documents; listing the state key tells a missing cursor from a refused read.
              actions: ['s3:ListBucket'],
              resources: [Fn.sub('arn:${AWS::Partition}:s3:::${BucketName}')],
              conditions: { StringLike: { 's3:prefix': [Fn.sub('${KeyPrefix}*'), stateKey.valueAsString] } }
            }),
            new PolicyStatement({
              sid: 'WriteCheckAndRemoveDocuments',
              actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
              resources: [Fn.sub('arn:${AWS::Partition}:s3:::${BucketName}/${KeyPrefix}*')]
            }),
            new PolicyStatement({
              sid: 'SweepCursor',
              actions: ['s3:GetObject', 's3:PutObject'],
              resources: [Fn.sub('arn:${AWS::Partition}:s3:::${BucketName}/${StateKey}')]
            }),
            new PolicyStatement({
              sid: 'WriteOwnLogs',
              // The log group exists (this stack creates it), so no logs:CreateLogGroup. The Lambda's metrics are
              // Embedded Metric Format log lines: no cloudwatch:PutMetricData either.
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn]
            })
          ]
        })
      }
    })
    const cfnRole = role.node.defaultChild as CfnRole
    cfnRole.overrideLogicalId('BatchSyncRole')

    const fn = new Function(this, 'Function', {
      functionName: functionName.valueAsString,
      description: 'kb-sync batch sync: closed incidents from DynamoDB to S3 for the Bedrock knowledge base',
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromCfnParameters({ bucketNameParam: codeBucket, objectKeyParam: codeKey }),
      timeout: Duration.seconds(FUNCTION_TIMEOUT_SECONDS),
      memorySize: 512,
      role,
      logGroup,
      // The metrics are Embedded Metric Format JSON written with console.log; CloudWatch extracts them from
      // text-format lines, while the JSON format would nest each record inside a "message" string.
      loggingFormat: LoggingFormat.TEXT,
      environment: {
        TABLE_NAME: tableName.valueAsString,
        STATUS_INDEX: indexName.valueAsString,
        BUCKET_NAME: bucketName.valueAsString,
        KEY_PREFIX: keyPrefix.valueAsString,
        STATE_KEY: stateKey.valueAsString,
        SWEEP_LIMIT: sweepLimit.valueAsString
      }
    })
    const cfnFunction = fn.node.defaultChild as CfnFunction
    cfnFunction.overrideLogicalId('BatchSyncFunction')

    const scheduleEnabled = new CfnCondition(this, 'ScheduleEnabled', {
      expression: Fn.conditionEquals(enableSchedule.valueAsString, 'true')
    })
    const schedule = new CfnRule(this, 'BatchSyncSchedule', {
      description: Fn.sub('Runs the kb-sync batch-sync Lambda ${FunctionName} on a schedule'),
      scheduleExpression: Fn.ref('ScheduleExpression'),
      state: 'ENABLED',
      targets: [{ id: 'BatchSyncFunction', arn: fn.functionArn }]
    })
    schedule.cfnOptions.condition = scheduleEnabled
    const permission = new CfnPermission(this, 'BatchSyncSchedulePermission', {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 'events.amazonaws.com',
      sourceArn: schedule.attrArn
    })
    permission.cfnOptions.condition = scheduleEnabled

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<BucketName>/<KeyPrefix>*]',
      reason: 'One object per incident under the configured prefix; the keys are not known in advance.'
    })

    new CfnOutput(this, 'FunctionNameOutput', {
      key: 'FunctionName',
      description: "The function: the action's function_name (repository variable KB_SYNC_FUNCTION_NAME).",
      value: fn.functionName
    })
    new CfnOutput(this, 'FunctionArn', { description: "The function's ARN.", value: fn.functionArn })
    new CfnOutput(this, 'ExecutionRoleArn', { description: "The function's execution role.", value: role.roleArn })
    new CfnOutput(this, 'LogGroupName', { description: "The function's log group.", value: logGroup.logGroupName })
  }
}
