/**
 * The batch-sync Lambda (KbSyncLambdaStack): the function as src/lambda/ needs it, its least-privilege execution
 * role, its log group, and the schedule that stays off unless asked for.
 */
import { describe, expect, it } from '@jest/globals'
import { Match } from 'aws-cdk-lib/assertions'
import { loadConfig } from '../../src/lambda/config.js'
import { conditionHolds, deploy, parameterValues, type Json } from '../support/cfn-values.js'
import { json, synthesizeApp } from '../support/infra-app.js'

const { lambdaTemplate: template } = synthesizeApp()
const raw = json(template)
const REQUIRED = {
  CodeBucket: 'my-artifacts',
  CodeKey: 'kb-sync/lambda-0123abc.zip',
  BucketName: 'incident-analyzer-dev-incidents-dev'
}

const deployed = (parameters: Record<string, string> = {}) =>
  deploy(raw, {
    parameters: { ...REQUIRED, ...parameters },
    pseudo: { 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012' },
    resources: {
      BatchSyncLogGroup: '/aws/lambda/incident-kb-batch-sync',
      'BatchSyncLogGroup.Arn': 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/incident-kb-batch-sync:*',
      'BatchSyncRole.Arn': 'arn:aws:iam::123456789012:role/batch-sync',
      BatchSyncFunction: 'incident-kb-batch-sync',
      'BatchSyncFunction.Arn': 'arn:aws:lambda:us-east-1:123456789012:function:incident-kb-batch-sync',
      'BatchSyncSchedule.Arn': 'arn:aws:events:us-east-1:123456789012:rule/kb-sync'
    }
  })

describe('KbSyncLambdaStack: the function', () => {
  it('runs dist/lambda/index.js from the zip the parameters name, on a supported Node.js, 5 minutes, 512 MB', () => {
    template.resourceCountIs('AWS::Lambda::Function', 1)
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: { Ref: 'FunctionName' },
      Code: Match.objectEquals({ S3Bucket: { Ref: 'CodeBucket' }, S3Key: { Ref: 'CodeKey' } }),
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Timeout: 300,
      MemorySize: 512,
      Role: { 'Fn::GetAtt': ['BatchSyncRole', 'Arn'] }
    })
    template.hasParameter('FunctionName', { Default: 'incident-kb-batch-sync' })
  })

  it('passes the table, index, bucket and prefix in the variables src/lambda/config.ts reads', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: Match.objectEquals({
        Variables: {
          TABLE_NAME: { Ref: 'TableName' },
          STATUS_INDEX: { Ref: 'IndexName' },
          BUCKET_NAME: { Ref: 'BucketName' },
          KEY_PREFIX: { Ref: 'KeyPrefix' },
          STATE_KEY: { Ref: 'StateKey' },
          SWEEP_LIMIT: { Ref: 'SweepLimit' }
        }
      })
    })
    const environment = (parameters: Record<string, string> = {}) =>
      (
        deployed(parameters).resources.BatchSyncFunction?.Properties.Environment as {
          Variables: Record<string, string>
        }
      ).Variables
    expect(loadConfig(environment())).toMatchObject({
      tableName: 'incidents',
      statusIndex: 'status-priority-index',
      bucketName: 'incident-analyzer-dev-incidents-dev',
      keyPrefix: 'incidents/closed/',
      stateKey: 'kb-sync-state/sweep.json',
      sweepLimit: 2000
    })
    expect(
      loadConfig(environment({ TableName: 'tickets', IndexName: 'by-status', BucketName: 'kb-docs', KeyPrefix: 'kb/' }))
    ).toMatchObject({ tableName: 'tickets', statusIndex: 'by-status', bucketName: 'kb-docs', keyPrefix: 'kb/' })
  })

  it('logs to its own log group as text lines, where CloudWatch finds the Embedded Metric Format records', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: Match.objectEquals({ LogGroup: { Ref: 'BatchSyncLogGroup' }, LogFormat: 'Text' })
    })
  })

  it.each([
    ['KeyPrefix', 'incidents/closed', false],
    ['KeyPrefix', '/incidents/closed/', false],
    ['KeyPrefix', 'incidents/closed/', true],
    ['KeyPrefix', 'kb/', true],
    ['FunctionName', 'arn:aws:lambda:us-east-1:123456789012:function:x', false],
    ['BucketName', 'Incidents', false],
    ['LogRetentionDays', '31', false],
    ['LogRetentionDays', '90', true],
    ['EnableSchedule', 'yes', false],
    ['ScheduleExpression', 'rate(15 minutes)', true],
    ['ScheduleExpression', 'every hour', false]
  ])('parameter %s = %p is accepted: %p', (name, value, accepted) => {
    const check = () => parameterValues(raw, { ...REQUIRED, [name]: value })
    if (accepted) expect(check).not.toThrow()
    else expect(check).toThrow(new RegExp(name))
  })

  it('requires only the code location and the bucket', () => {
    const required = Object.entries(raw.Parameters as Record<string, Record<string, Json>>)
      .filter(([, spec]) => spec.Default === undefined)
      .map(([name]) => name)
      .sort()
    expect(required).toEqual(['BucketName', 'CodeBucket', 'CodeKey'])
  })
})

describe('KbSyncLambdaStack: the execution role', () => {
  it('may be assumed by Lambda only, and has no managed policy', () => {
    template.resourceCountIs('AWS::IAM::Role', 1)
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]
      }),
      ManagedPolicyArns: Match.absent()
    })
    template.resourceCountIs('AWS::IAM::Policy', 0)
  })

  it('may query the index, read and mark the table, keep the prefix in step with it, and log to its own group: nothing else', () => {
    const sub = (text: string) => ({ 'Fn::Sub': text })
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: Match.exact([
        {
          PolicyName: 'batch-sync',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'QueryPendingIncidents',
                Effect: 'Allow',
                Action: 'dynamodb:Query',
                Resource: sub(
                  'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}/index/${IndexName}'
                )
              },
              {
                Sid: 'ReadAndMarkIncidents',
                Effect: 'Allow',
                Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
                Resource: sub('arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}')
              },
              {
                Sid: 'ListDocumentsAndCursor',
                Effect: 'Allow',
                Action: 's3:ListBucket',
                Resource: sub('arn:${AWS::Partition}:s3:::${BucketName}'),
                Condition: { StringLike: { 's3:prefix': [sub('${KeyPrefix}*'), { Ref: 'StateKey' }] } }
              },
              {
                Sid: 'WriteCheckAndRemoveDocuments',
                Effect: 'Allow',
                Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
                Resource: sub('arn:${AWS::Partition}:s3:::${BucketName}/${KeyPrefix}*')
              },
              {
                Sid: 'SweepCursor',
                Effect: 'Allow',
                Action: ['s3:GetObject', 's3:PutObject'],
                Resource: sub('arn:${AWS::Partition}:s3:::${BucketName}/${StateKey}')
              },
              {
                Sid: 'WriteOwnLogs',
                Effect: 'Allow',
                Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
                Resource: { 'Fn::GetAtt': ['BatchSyncLogGroup', 'Arn'] }
              }
            ]
          }
        }
      ])
    })
  })

  it('resolves to these ARNs for the defaults', () => {
    const role = deployed().resources.BatchSyncRole?.Properties as {
      Policies: { PolicyDocument: { Statement: { Sid: string; Resource: string }[] } }[]
    }
    const resources = Object.fromEntries(
      role.Policies[0]!.PolicyDocument.Statement.map((statement) => [statement.Sid, statement.Resource])
    )
    expect(resources).toEqual({
      QueryPendingIncidents: 'arn:aws:dynamodb:us-east-1:123456789012:table/incidents/index/status-priority-index',
      ReadAndMarkIncidents: 'arn:aws:dynamodb:us-east-1:123456789012:table/incidents',
      ListDocumentsAndCursor: 'arn:aws:s3:::incident-analyzer-dev-incidents-dev',
      WriteCheckAndRemoveDocuments: 'arn:aws:s3:::incident-analyzer-dev-incidents-dev/incidents/closed/*',
      SweepCursor: 'arn:aws:s3:::incident-analyzer-dev-incidents-dev/kb-sync-state/sweep.json',
      WriteOwnLogs: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/incident-kb-batch-sync:*'
    })
  })
})

describe('KbSyncLambdaStack: the log group', () => {
  it('is the function’s own, /aws/lambda/NAME, kept 30 days unless told otherwise', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 1)
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Sub': '/aws/lambda/${FunctionName}' },
      RetentionInDays: { Ref: 'LogRetentionDays' }
    })
    template.hasParameter('LogRetentionDays', { Type: 'Number', Default: 30, AllowedValues: Match.arrayWith(['30']) })
    expect(deployed().resources.BatchSyncLogGroup?.Properties).toEqual({
      LogGroupName: '/aws/lambda/incident-kb-batch-sync',
      RetentionInDays: '30'
    })
  })
})

describe('KbSyncLambdaStack: the schedule', () => {
  it('is off by default: the workflow invokes the function', () => {
    template.hasParameter('EnableSchedule', { Default: 'false', AllowedValues: ['true', 'false'] })
    expect(conditionHolds(raw, 'ScheduleEnabled', REQUIRED)).toBe(false)
    const resources = Object.values(deployed().resources).map((resource) => resource.Type)
    expect(resources).not.toContain('AWS::Events::Rule')
    expect(resources).not.toContain('AWS::Lambda::Permission')
  })

  it('runs the function hourly, on the hour, when EnableSchedule=true', () => {
    template.hasResource('AWS::Events::Rule', {
      Condition: 'ScheduleEnabled',
      Properties: Match.objectLike({
        ScheduleExpression: { Ref: 'ScheduleExpression' },
        State: 'ENABLED',
        Targets: [{ Id: 'BatchSyncFunction', Arn: { 'Fn::GetAtt': ['BatchSyncFunction', 'Arn'] } }]
      })
    })
    template.hasResource('AWS::Lambda::Permission', {
      Condition: 'ScheduleEnabled',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['BatchSyncFunction', 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': ['BatchSyncSchedule', 'Arn'] }
      }
    })
    const stack = deployed({ EnableSchedule: 'true' })
    expect(stack.resources.BatchSyncSchedule?.Properties.ScheduleExpression).toBe('cron(0 * * * ? *)')
    expect(stack.resources.BatchSyncSchedulePermission).toBeDefined()
  })
})
