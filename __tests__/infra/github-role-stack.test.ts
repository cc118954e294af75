/**
 * The GitHub OIDC role of the action (KbSyncGitHubRoleStack): who may assume it, what it may do, what the stack
 * refuses to deploy. Shapes are asserted on the synthesized template; the parameter-dependent cases (the OIDC
 * subject, the AllowAnyRef rules, the conditional statements) are evaluated for concrete parameter values.
 */
import { describe, expect, it } from '@jest/globals'
import { Match } from 'aws-cdk-lib/assertions'
import {
  checkRules,
  conditionHolds,
  deploy,
  parameterValues,
  RuleViolation,
  type Json,
  type Values
} from '../support/cfn-values.js'
import { json, synthesizeApp } from '../support/infra-app.js'

const { githubRoleTemplate: template } = synthesizeApp()
const raw = json(template)

const ACCOUNT = '123456789012'
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const REQUIRED = { GitHubOrg: 'my-org', GitHubRepo: 'my-repo', KnowledgeBaseId: 'LPR1PEW0LN' }
const SUB = 'token.actions.githubusercontent.com:sub'

interface Statement {
  Sid?: string
  Effect: string
  Action: string | string[]
  Resource: string | string[]
  Principal?: Json
  Condition?: Record<string, Record<string, Json>>
}

function deployed(parameters: Record<string, string> = {}, partition = 'aws', region = 'us-east-1') {
  const values: Values = {
    parameters: { ...REQUIRED, ...parameters },
    pseudo: { 'AWS::Partition': partition, 'AWS::Region': region, 'AWS::AccountId': ACCOUNT },
    resources: {
      GitHubOidcProvider: PROVIDER.replace('arn:aws:', `arn:${partition}:`),
      'KbSyncRole.Arn': `arn:${partition}:iam::${ACCOUNT}:role/kb-sync`
    }
  }
  return deploy(raw, values)
}

function role(parameters: Record<string, string> = {}, partition?: string, region?: string): Record<string, Json> {
  const roles = Object.values(deployed(parameters, partition, region).resources).filter(
    (resource) => resource.Type === 'AWS::IAM::Role'
  )
  expect(roles).toHaveLength(1)
  return roles[0]!.Properties
}

const list = (value: string | string[]): string[] => [value].flat()

function trust(parameters: Record<string, string> = {}): Statement[] {
  return (role(parameters).AssumeRolePolicyDocument as unknown as { Statement: Statement[] }).Statement
}

function permissions(parameters: Record<string, string> = {}, partition?: string, region?: string): Statement[] {
  const policies = role(parameters, partition, region).Policies as unknown as {
    PolicyDocument: { Statement: Statement[] }
  }[]
  return policies.flatMap((policy) => policy.PolicyDocument.Statement)
}

function resourcesOf(statements: Statement[], action: string): string[] {
  return statements
    .filter((statement) => list(statement.Action).includes(action))
    .flatMap((statement) => list(statement.Resource))
    .sort()
}

const subjectOf = (parameters: Record<string, string>): Json | undefined =>
  trust(parameters)[0]?.Condition?.StringLike?.[SUB]

describe('KbSyncGitHubRoleStack: trust policy', () => {
  it('lets only GitHub OIDC tokens for STS assume the role, through the created or the given provider', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'GitHubActionsOidc',
            Effect: 'Allow',
            Principal: {
              Federated: { 'Fn::If': ['CreateOidcProvider', { Ref: 'GitHubOidcProvider' }, { Ref: 'OidcProviderArn' }] }
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: {
                [SUB]: {
                  'Fn::If': [
                    'HasEnvironment',
                    { 'Fn::Sub': 'repo:${GitHubOrg}/${GitHubRepo}:environment:${GitHubEnvironment}' },
                    {
                      'Fn::If': [
                        'HasBranch',
                        { 'Fn::Sub': 'repo:${GitHubOrg}/${GitHubRepo}:ref:refs/heads/${GitHubBranch}' },
                        { 'Fn::Sub': 'repo:${GitHubOrg}/${GitHubRepo}:*' }
                      ]
                    }
                  ]
                }
              }
            }
          }
        ]
      })
    })
    template.hasCondition('HasEnvironment', {
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'GitHubEnvironment' }, ''] }]
    })
    template.hasCondition('HasBranch', { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'GitHubBranch' }, ''] }] })
  })

  it.each([
    [{}, 'repo:my-org/my-repo:ref:refs/heads/main'],
    [{ GitHubBranch: 'release/2025' }, 'repo:my-org/my-repo:ref:refs/heads/release/2025'],
    [{ GitHubEnvironment: 'production' }, 'repo:my-org/my-repo:environment:production'],
    [{ GitHubEnvironment: 'production', GitHubBranch: 'main' }, 'repo:my-org/my-repo:environment:production'],
    [{ GitHubEnvironment: 'production', GitHubBranch: '' }, 'repo:my-org/my-repo:environment:production'],
    [{ GitHubBranch: '', AllowAnyRef: 'true' }, 'repo:my-org/my-repo:*']
  ])('restricts the subject to one repository: %p → %s', (parameters, subject) => {
    const [statement, ...others] = trust(parameters)
    expect(others).toEqual([])
    expect(statement?.Principal).toEqual({ Federated: PROVIDER })
    expect(statement?.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { [SUB]: subject }
    })
  })

  it('has no wildcard in the subject except the explicit any-ref case', () => {
    const cases: Record<string, string>[] = [
      {},
      { GitHubEnvironment: 'prod' },
      { GitHubBranch: 'develop' },
      { GitHubBranch: '', GitHubEnvironment: 'prod' }
    ]
    for (const parameters of cases) {
      expect(String(subjectOf(parameters))).not.toMatch(/[*?]/)
    }
  })

  it('creates the OIDC provider when none is given, for the STS audience', () => {
    template.hasResource('AWS::IAM::OIDCProvider', {
      Condition: 'CreateOidcProvider',
      Properties: Match.objectLike({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIdList: ['sts.amazonaws.com']
      })
    })
    template.hasCondition('CreateOidcProvider', { 'Fn::Equals': [{ Ref: 'OidcProviderArn' }, ''] })
    const stack = deployed()
    expect(stack.resources.GitHubOidcProvider?.Type).toBe('AWS::IAM::OIDCProvider')
    expect(stack.outputs.OidcProviderArn).toBe(PROVIDER)
  })

  it('uses an existing provider instead of creating one when its ARN is given', () => {
    const existing = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
    expect(conditionHolds(raw, 'CreateOidcProvider', { ...REQUIRED, OidcProviderArn: existing })).toBe(false)
    const stack = deployed({ OidcProviderArn: existing })
    expect(stack.resources.GitHubOidcProvider).toBeUndefined()
    expect(trust({ OidcProviderArn: existing })[0]?.Principal).toEqual({ Federated: existing })
    expect(stack.outputs.OidcProviderArn).toBe(existing)
  })
})

describe('KbSyncGitHubRoleStack: the AllowAnyRef rules', () => {
  const refused = (parameters: Record<string, string>): RuleViolation | undefined => {
    try {
      checkRules(raw, { ...REQUIRED, ...parameters })
      return undefined
    } catch (error) {
      if (error instanceof RuleViolation) return error
      throw error
    }
  }

  it('declares the two rules, on the parameters alone', () => {
    expect(Object.keys(raw.Rules as Record<string, Json>).sort()).toEqual([
      'AllowAnyRefMeansAnyRef',
      'AnyRefOnlyWhenAsked'
    ])
    const bothEmpty = {
      'Fn::And': [{ 'Fn::Equals': [{ Ref: 'GitHubBranch' }, ''] }, { 'Fn::Equals': [{ Ref: 'GitHubEnvironment' }, ''] }]
    }
    template.templateMatches({
      Rules: {
        AnyRefOnlyWhenAsked: {
          RuleCondition: bothEmpty,
          Assertions: [
            { Assert: { 'Fn::Equals': [{ Ref: 'AllowAnyRef' }, 'true'] }, AssertDescription: Match.anyValue() }
          ]
        },
        AllowAnyRefMeansAnyRef: {
          RuleCondition: { 'Fn::Equals': [{ Ref: 'AllowAnyRef' }, 'true'] },
          Assertions: [{ Assert: bothEmpty, AssertDescription: Match.anyValue() }]
        }
      }
    })
  })

  it.each([
    [{ GitHubBranch: '' }],
    [{ GitHubBranch: '', AllowAnyRef: 'false' }],
    [{ GitHubBranch: '', GitHubEnvironment: '' }]
  ])('refuses to deploy a subject for any ref when the branch and the environment are both empty: %p', (parameters) => {
    const violation = refused(parameters)
    expect(violation?.rule).toBe('AnyRefOnlyWhenAsked')
    expect(violation?.description).toMatch(/GitHubBranch.*GitHubEnvironment.*AllowAnyRef=true/s)
  })

  it.each([
    [{ AllowAnyRef: 'true' }],
    [{ AllowAnyRef: 'true', GitHubBranch: 'develop' }],
    [{ AllowAnyRef: 'true', GitHubBranch: '', GitHubEnvironment: 'production' }]
  ])(
    'refuses AllowAnyRef=true together with a branch or an environment, which would not trust any ref: %p',
    (parameters) => {
      const violation = refused(parameters)
      expect(violation?.rule).toBe('AllowAnyRefMeansAnyRef')
      expect(violation?.description).toMatch(/AllowAnyRef=true/)
    }
  )

  it.each([
    [{}],
    [{ GitHubBranch: 'main', AllowAnyRef: 'false' }],
    [{ GitHubEnvironment: 'production' }],
    [{ GitHubBranch: '', GitHubEnvironment: 'production' }],
    [{ GitHubBranch: '', AllowAnyRef: 'true' }]
  ])('deploys every other combination: %p', (parameters) => {
    expect(refused(parameters)).toBeUndefined()
  })

  it('trusts any ref of the repository only when asked for with AllowAnyRef=true', () => {
    expect(subjectOf({ GitHubBranch: '', AllowAnyRef: 'true' })).toBe('repo:my-org/my-repo:*')
    expect(subjectOf({ GitHubBranch: 'main' })).toBe('repo:my-org/my-repo:ref:refs/heads/main')
    expect(subjectOf({ GitHubBranch: 'main', AllowAnyRef: 'false' })).toBe('repo:my-org/my-repo:ref:refs/heads/main')
  })
})

describe('KbSyncGitHubRoleStack: permissions', () => {
  it('has one inline policy with these statements, the backlog count only with a table', () => {
    const sub = (text: string) => ({ 'Fn::Sub': text })
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: Match.exact([
        {
          PolicyName: 'kb-sync',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'InvokeBatchSyncFunction',
                Effect: 'Allow',
                Action: ['lambda:InvokeFunction'],
                Resource: [
                  sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}'),
                  sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}:*')
                ]
              },
              {
                Sid: 'RunIngestionJobs',
                Effect: 'Allow',
                Action: [
                  'bedrock:DeleteKnowledgeBaseDocuments',
                  'bedrock:GetDataSource',
                  'bedrock:GetIngestionJob',
                  'bedrock:GetKnowledgeBase',
                  'bedrock:GetKnowledgeBaseDocuments',
                  'bedrock:IngestKnowledgeBaseDocuments',
                  'bedrock:ListIngestionJobs',
                  'bedrock:StartIngestionJob'
                ],
                Resource: [
                  sub(
                    'arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:knowledge-base/${KnowledgeBaseId}'
                  )
                ]
              },
              {
                'Fn::If': [
                  'HasBacklogTable',
                  {
                    Sid: 'CountBacklog',
                    Effect: 'Allow',
                    Action: ['dynamodb:Query'],
                    Resource: [
                      sub(
                        'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}/index/${IndexName}'
                      )
                    ]
                  },
                  { Ref: 'AWS::NoValue' }
                ]
              },
              {
                Sid: 'PublishRunMetrics',
                Effect: 'Allow',
                Action: ['cloudwatch:PutMetricData'],
                Resource: ['*'],
                Condition: { StringEquals: { 'cloudwatch:namespace': { Ref: 'MetricsNamespace' } } }
              }
            ]
          }
        }
      ]),
      ManagedPolicyArns: Match.absent()
    })
    template.resourceCountIs('AWS::IAM::Policy', 0)
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0)
  })

  it('allows only, and denies nothing', () => {
    for (const statement of permissions()) expect(statement.Effect).toBe('Allow')
  })

  it('names exact resources built from the parameters; only PutMetricData, which has no resource, has *', () => {
    const statements = permissions()
    for (const statement of statements) {
      expect(list(statement.Resource).length).toBeGreaterThan(0)
      for (const resource of list(statement.Resource)) {
        if (list(statement.Action).every((action) => action === 'cloudwatch:PutMetricData')) continue
        expect(resource).not.toMatch(/^\*$|:\*:|::\*/)
      }
    }
    expect(resourcesOf(statements, 'lambda:InvokeFunction')).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:incident-kb-batch-sync',
      'arn:aws:lambda:us-east-1:123456789012:function:incident-kb-batch-sync:*'
    ])
    for (const action of [
      'bedrock:StartIngestionJob',
      'bedrock:GetIngestionJob',
      'bedrock:ListIngestionJobs',
      'bedrock:GetKnowledgeBase',
      'bedrock:GetDataSource'
    ]) {
      expect(resourcesOf(statements, action)).toEqual([
        'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/LPR1PEW0LN'
      ])
    }
    expect(resourcesOf(statements, 'dynamodb:Query')).toEqual([
      'arn:aws:dynamodb:us-east-1:123456789012:table/incidents/index/status-priority-index'
    ])
  })

  it('lets the role publish metrics to the metrics namespace only', () => {
    const publish = (parameters: Record<string, string> = {}) =>
      permissions(parameters).filter((statement) => list(statement.Action).includes('cloudwatch:PutMetricData'))
    expect(publish()).toEqual([
      {
        Sid: 'PublishRunMetrics',
        Effect: 'Allow',
        Action: ['cloudwatch:PutMetricData'],
        Resource: ['*'],
        Condition: { StringEquals: { 'cloudwatch:namespace': 'IncidentKBSync' } }
      }
    ])
    expect(publish({ MetricsNamespace: 'Team/KbSync' })[0]?.Condition).toEqual({
      StringEquals: { 'cloudwatch:namespace': 'Team/KbSync' }
    })
  })

  it('follows the parameters, the partition and the region', () => {
    const statements = permissions(
      { FunctionName: 'my-sync', KnowledgeBaseId: 'ABCDEFGHIJ', TableName: 'tickets', IndexName: 'by-status' },
      'aws-us-gov',
      'us-gov-west-1'
    )
    expect(resourcesOf(statements, 'lambda:InvokeFunction')).toEqual([
      'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my-sync',
      'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my-sync:*'
    ])
    expect(resourcesOf(statements, 'bedrock:StartIngestionJob')).toEqual([
      'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:knowledge-base/ABCDEFGHIJ'
    ])
    expect(resourcesOf(statements, 'dynamodb:Query')).toEqual([
      'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/tickets/index/by-status'
    ])
  })

  it('leaves DynamoDB out when TableName is empty', () => {
    const statements = permissions({ TableName: '' })
    expect(statements.flatMap((statement) => list(statement.Action))).not.toContain('dynamodb:Query')
    expect(statements.map((statement) => statement.Sid)).toEqual([
      'InvokeBatchSyncFunction',
      'RunIngestionJobs',
      'PublishRunMetrics'
    ])
  })

  it('builds every ARN with ${AWS::Partition}, never a literal partition', () => {
    const text = JSON.stringify(raw.Resources)
    expect(text).not.toMatch(/arn:aws[:-]/)
    expect(text).toMatch(/arn:\$\{AWS::Partition\}:/)
  })

  it('outputs the role ARN', () => {
    template.hasOutput('RoleArn', { Value: { 'Fn::GetAtt': ['KbSyncRole', 'Arn'] } })
    expect(deployed().outputs.RoleArn).toBe('arn:aws:iam::123456789012:role/kb-sync')
  })

  it('names the role only when asked, and allows sessions long enough for a long run', () => {
    expect(role().RoleName).toBeUndefined()
    expect(role({ RoleName: 'kb-sync-github' }).RoleName).toBe('kb-sync-github')
    expect(Number(role().MaxSessionDuration)).toBe(7200)
    template.hasParameter('MaxSessionDurationSeconds', { Type: 'Number', MinValue: 3600, MaxValue: 43200 })
  })
})

describe('KbSyncGitHubRoleStack: parameters', () => {
  const check =
    (parameters: Record<string, string>): (() => void) =>
    () =>
      parameterValues(raw, { ...REQUIRED, ...parameters })

  it('requires the repository and the knowledge base, and defaults everything else', () => {
    const required = Object.entries(raw.Parameters as Record<string, Record<string, Json>>)
      .filter(([, spec]) => spec.Default === undefined)
      .map(([name]) => name)
      .sort()
    expect(required).toEqual(['GitHubOrg', 'GitHubRepo', 'KnowledgeBaseId'])
    expect(check({})).not.toThrow()
    template.hasParameter('MetricsNamespace', { Default: 'IncidentKBSync' })
  })

  it.each([
    ['KnowledgeBaseId', 'LPR1PEW0L'],
    ['KnowledgeBaseId', 'LPR1PEW0LN1'],
    ['KnowledgeBaseId', 'LPR1-EW0LN'],
    ['FunctionName', 'arn:aws:lambda:us-east-1:123456789012:function:x'],
    ['GitHubOrg', 'my org'],
    ['GitHubRepo', 'my/repo'],
    ['GitHubBranch', 'main*'],
    ['OidcProviderArn', 'arn:aws:iam::123456789012:oidc-provider/example.com'],
    ['MaxSessionDurationSeconds', '900'],
    ['AllowAnyRef', 'yes'],
    ['AllowAnyRef', 'True'],
    ['MetricsNamespace', ''],
    ['MetricsNamespace', 'Kb"Sync']
  ])('rejects %s = %p', (name, value) => {
    expect(check({ [name]: value })).toThrow(new RegExp(name))
  })

  it.each([
    ['GitHubBranch', 'feature/x.y_z-1'],
    ['GitHubEnvironment', 'production'],
    ['OidcProviderArn', 'arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'],
    ['FunctionName', 'incident-kb-batch-sync'],
    ['TableName', ''],
    ['AllowAnyRef', 'false'],
    ['MetricsNamespace', 'Team/Incident KB:Sync#1']
  ])('accepts %s = %p', (name, value) => {
    expect(check({ [name]: value })).not.toThrow()
  })
})

describe('KbSyncGitHubRoleStack: updates a stack deployed from the former infra/github-oidc-role.yaml in place', () => {
  it('keeps its logical ids, parameters, rules and outputs', () => {
    expect(Object.keys(raw.Resources as Record<string, Json>).sort()).toEqual(['GitHubOidcProvider', 'KbSyncRole'])
    const declared = raw.Parameters as Record<string, Record<string, Json>>
    const before = [
      'GitHubOrg',
      'GitHubRepo',
      'GitHubBranch',
      'GitHubEnvironment',
      'AllowAnyRef',
      'OidcProviderArn',
      'FunctionName',
      'KnowledgeBaseId',
      'TableName',
      'IndexName',
      'RoleName',
      'MaxSessionDurationSeconds'
    ]
    for (const name of before) expect(Object.keys(declared)).toContain(name)
    // A parameter the old stack does not have needs a default, or its update would ask for a value.
    const added = Object.keys(declared).filter((name) => !before.includes(name))
    expect(added).toEqual(['MetricsNamespace'])
    for (const name of added) expect(declared[name]?.Default).toBeDefined()
    expect(Object.keys(raw.Outputs as Record<string, Json>).sort()).toEqual(['OidcProviderArn', 'RoleArn'])
  })
})
