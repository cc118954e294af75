import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  checkRules,
  loadCloudFormation,
  parseCloudFormation,
  policyStatements,
  renderCloudFormation,
  resolveParameters,
  RuleViolation,
  type Json,
  type PolicyStatement,
  type RenderedTemplate
} from '../support/iam-cloudformation.js'
import { requiredIamActions, scanActionSource } from '../support/iam-operations.js'
import { REPO_ROOT } from '../support/workflow-files.js'

const template = loadCloudFormation(path.join(REPO_ROOT, 'infra', 'github-oidc-role.yaml'))

const ACCOUNT = '123456789012'
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
const REQUIRED = { GitHubOrg: 'my-org', GitHubRepo: 'my-repo', KnowledgeBaseId: 'LPR1PEW0LN' }

function render(parameters: Record<string, string> = {}, partition = 'aws', region = 'us-east-1'): RenderedTemplate {
  return renderCloudFormation(template, {
    parameters: { ...REQUIRED, ...parameters },
    pseudo: { 'AWS::Partition': partition, 'AWS::Region': region, 'AWS::AccountId': ACCOUNT },
    resourceValues: {
      GitHubOidcProvider: PROVIDER.replace('arn:aws:', `arn:${partition}:`),
      'KbSyncRole.Arn': `arn:${partition}:iam::${ACCOUNT}:role/kb-sync`
    }
  })
}

function role(rendered: RenderedTemplate): Record<string, Json> {
  const roles = Object.values(rendered.resources).filter((resource) => resource.Type === 'AWS::IAM::Role')
  expect(roles).toHaveLength(1)
  return roles[0]!.Properties
}

function trust(rendered: RenderedTemplate): PolicyStatement[] {
  return policyStatements(role(rendered).AssumeRolePolicyDocument)
}

function permissions(rendered: RenderedTemplate): PolicyStatement[] {
  const policies = (role(rendered).Policies ?? []) as { PolicyDocument: Json }[]
  return policies.flatMap((policy) => policyStatements(policy.PolicyDocument))
}

function grantedActions(rendered: RenderedTemplate): string[] {
  return [...new Set(permissions(rendered).flatMap((statement) => statement.Action))].sort()
}

function resourcesOf(rendered: RenderedTemplate, action: string): string[] {
  return permissions(rendered)
    .filter((statement) => statement.Action.includes(action))
    .flatMap((statement) => statement.Resource)
    .sort()
}

describe('infra/github-oidc-role.yaml: trust policy', () => {
  it('lets only GitHub OIDC tokens for STS assume the role', () => {
    const [statement, ...others] = trust(render())
    expect(others).toEqual([])
    expect(statement).toMatchObject({
      Effect: 'Allow',
      Action: ['sts:AssumeRoleWithWebIdentity'],
      Principal: { Federated: PROVIDER }
    })
    expect(statement?.Condition?.StringEquals).toEqual({
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com'
    })
  })

  it.each([
    [{}, 'repo:my-org/my-repo:ref:refs/heads/main'],
    [{ GitHubBranch: 'release/2025' }, 'repo:my-org/my-repo:ref:refs/heads/release/2025'],
    [{ GitHubEnvironment: 'production' }, 'repo:my-org/my-repo:environment:production'],
    [{ GitHubEnvironment: 'production', GitHubBranch: 'main' }, 'repo:my-org/my-repo:environment:production'],
    [{ GitHubEnvironment: 'production', GitHubBranch: '' }, 'repo:my-org/my-repo:environment:production'],
    [{ GitHubBranch: '', AllowAnyRef: 'true' }, 'repo:my-org/my-repo:*']
  ])('restricts the subject to one repository: %p → %s', (parameters, subject) => {
    const [statement] = trust(render(parameters))
    expect(statement?.Condition).toEqual({
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': subject }
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
      const subject = trust(render(parameters))[0]?.Condition?.StringLike?.['token.actions.githubusercontent.com:sub']
      expect(String(subject)).not.toMatch(/[*?]/)
    }
  })

  it('refuses to deploy a subject for any ref when the branch and the environment are both empty', () => {
    const cases: Record<string, string>[] = [{ GitHubBranch: '' }, { GitHubBranch: '', AllowAnyRef: 'false' }]
    for (const parameters of cases) {
      expect(() => render(parameters)).toThrow(RuleViolation)
      expect(() => render(parameters)).toThrow(/GitHubBranch.*GitHubEnvironment.*AllowAnyRef=true/s)
    }
  })

  it('trusts any ref of the repository only when asked for with AllowAnyRef=true', () => {
    const subject = (parameters: Record<string, string>): unknown =>
      trust(render(parameters))[0]?.Condition?.StringLike?.['token.actions.githubusercontent.com:sub']
    expect(subject({ GitHubBranch: '', AllowAnyRef: 'true' })).toBe('repo:my-org/my-repo:*')
    expect(subject({ GitHubBranch: 'main' })).toBe('repo:my-org/my-repo:ref:refs/heads/main')
    expect(subject({ GitHubBranch: 'main', AllowAnyRef: 'false' })).toBe('repo:my-org/my-repo:ref:refs/heads/main')
  })

  it.each([
    [{ AllowAnyRef: 'true' }],
    [{ AllowAnyRef: 'true', GitHubBranch: 'develop' }],
    [{ AllowAnyRef: 'true', GitHubBranch: '', GitHubEnvironment: 'production' }]
  ])(
    'refuses AllowAnyRef=true together with a branch or an environment, which would not trust any ref: %p',
    (parameters) => {
      expect(() => render(parameters)).toThrow(RuleViolation)
      expect(() => render(parameters)).toThrow(/AllowAnyRef=true/)
    }
  )

  it('creates the OIDC provider when none is given, for the STS audience', () => {
    const rendered = render()
    expect(rendered.resources.GitHubOidcProvider).toEqual({
      Type: 'AWS::IAM::OIDCProvider',
      Properties: expect.objectContaining({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIdList: ['sts.amazonaws.com']
      })
    })
    expect(rendered.outputs.OidcProviderArn).toBe(PROVIDER)
  })

  it('uses an existing provider instead of creating one when its ARN is given', () => {
    const existing = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`
    const rendered = render({ OidcProviderArn: existing })
    expect(rendered.resources.GitHubOidcProvider).toBeUndefined()
    expect(trust(rendered)[0]?.Principal).toEqual({ Federated: existing })
    expect(rendered.outputs.OidcProviderArn).toBe(existing)
  })
})

describe('infra/github-oidc-role.yaml: permissions', () => {
  it('grants exactly the IAM actions of the AWS calls in the action’s source (src/, not src/lambda/)', () => {
    const scan = scanActionSource(REPO_ROOT)
    expect(scan.unsupported).toEqual([])
    const needed = requiredIamActions(scan)
    expect(needed.length).toBeGreaterThan(0)
    expect(grantedActions(render())).toEqual(needed)
  })

  it('allows only, and denies nothing', () => {
    for (const statement of permissions(render())) expect(statement.Effect).toBe('Allow')
  })

  it('names exact resources built from the parameters, never a wildcard resource but for metrics in one namespace', () => {
    const rendered = render()
    for (const statement of permissions(rendered)) {
      expect(statement.Resource.length).toBeGreaterThan(0)
      // PutMetricData has no resource ARN: the namespace condition is what keeps it to the action's own metrics.
      if (statement.Sid === 'PublishMetrics') {
        expect(statement).toMatchObject({
          Resource: ['*'],
          Condition: { StringEquals: { 'cloudwatch:namespace': 'IncidentKBSync' } }
        })
        continue
      }
      for (const resource of statement.Resource) expect(resource).not.toMatch(/^\*$|:\*:|::\*/)
    }
    expect(resourcesOf(rendered, 'lambda:InvokeFunction')).toEqual([
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
      expect(resourcesOf(rendered, action)).toEqual([
        'arn:aws:bedrock:us-east-1:123456789012:knowledge-base/LPR1PEW0LN'
      ])
    }
    expect(resourcesOf(rendered, 'dynamodb:Query')).toEqual([
      'arn:aws:dynamodb:us-east-1:123456789012:table/incidents/index/status-priority-index'
    ])
  })

  it('follows the parameters, the partition and the region', () => {
    const rendered = render(
      { FunctionName: 'my-sync', KnowledgeBaseId: 'ABCDEFGHIJ', TableName: 'tickets', IndexName: 'by-status' },
      'aws-us-gov',
      'us-gov-west-1'
    )
    expect(resourcesOf(rendered, 'lambda:InvokeFunction')).toEqual([
      'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my-sync',
      'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:my-sync:*'
    ])
    expect(resourcesOf(rendered, 'bedrock:StartIngestionJob')).toEqual([
      'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:knowledge-base/ABCDEFGHIJ'
    ])
    expect(resourcesOf(rendered, 'dynamodb:Query')).toEqual([
      'arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/tickets/index/by-status'
    ])
  })

  it('leaves DynamoDB out when TableName is empty', () => {
    const rendered = render({ TableName: '' })
    expect(grantedActions(rendered)).not.toContain('dynamodb:Query')
    expect(permissions(rendered).map((statement) => statement.Sid)).toEqual([
      'InvokeBatchSyncFunction',
      'RunIngestionJobs',
      'PublishMetrics'
    ])
  })

  it('builds every ARN with ${AWS::Partition}, never a literal partition', () => {
    const raw = JSON.stringify(template.Resources)
    expect(raw).not.toMatch(/arn:aws[:-]/)
    expect(raw).toMatch(/arn:\$\{AWS::Partition\}:/)
  })

  it('outputs the role ARN', () => {
    expect(render().outputs.RoleArn).toBe('arn:aws:iam::123456789012:role/kb-sync')
    expect((template.Outputs as Record<string, { Value: Json }>).RoleArn?.Value).toEqual({
      'Fn::GetAtt': ['KbSyncRole', 'Arn']
    })
  })

  it('names the role only when asked, and allows sessions long enough for a long run', () => {
    expect(role(render()).RoleName).toBeUndefined()
    expect(role(render({ RoleName: 'kb-sync-github' })).RoleName).toBe('kb-sync-github')
    expect(Number(role(render()).MaxSessionDuration)).toBeGreaterThanOrEqual(3600)
  })
})

describe('infra/github-oidc-role.yaml: parameters', () => {
  const check =
    (parameters: Record<string, string>): (() => void) =>
    () =>
      resolveParameters(template, { ...REQUIRED, ...parameters })

  it('requires the repository and the knowledge base', () => {
    expect(() => resolveParameters(template, {})).toThrow(/GitHubOrg|GitHubRepo|KnowledgeBaseId/)
    expect(check({})).not.toThrow()
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
    ['AllowAnyRef', 'True']
  ])('rejects %s = %p', (name, value) => {
    expect(check({ [name]: value })).toThrow(new RegExp(name))
  })

  it.each([
    ['GitHubBranch', 'feature/x.y_z-1'],
    ['GitHubEnvironment', 'production'],
    ['OidcProviderArn', 'arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com'],
    ['FunctionName', 'incident-kb-batch-sync'],
    ['TableName', ''],
    ['AllowAnyRef', 'false']
  ])('accepts %s = %p', (name, value) => {
    expect(check({ [name]: value })).not.toThrow()
  })
})

describe('the CloudFormation evaluator of these tests: Rules', () => {
  const rules = parseCloudFormation(
    [
      'Parameters:',
      '  A: { Type: String, Default: "" }',
      '  B: { Type: String, Default: "no" }',
      'Rules:',
      '  AOrB:',
      '    RuleCondition: !Equals [!Ref A, ""]',
      '    Assertions:',
      '      - Assert: !Or [!Equals [!Ref B, "yes"], !Contains [["x", "y"], !Ref B]]',
      '        AssertDescription: set A, or B to yes',
      '  Never:',
      '    RuleCondition: !Not [!Equals [!Ref A, ""]]',
      '    Assertions:',
      '      - Assert: !And [!Equals [!Ref A, "ok"], !Not [!Equals [!Ref B, "yes"]]]',
      '        AssertDescription: A must be ok and B not yes',
      ''
    ].join('\n')
  )

  it('applies an assertion only when its rule’s condition holds, and reports its description', () => {
    expect(() => checkRules(rules, { A: '', B: 'no' })).toThrow(new RuleViolation('AOrB', 'set A, or B to yes'))
    expect(() => checkRules(rules, { A: '', B: 'yes' })).not.toThrow()
    expect(() => checkRules(rules, { A: '', B: 'y' })).not.toThrow()
    expect(() => checkRules(rules, { A: 'ok', B: 'no' })).not.toThrow()
    expect(() => checkRules(rules, { A: 'bad', B: 'no' })).toThrow(/A must be ok/)
  })

  it('rejects what CloudFormation rejects in Rules: template conditions and pseudo parameters', () => {
    const withCondition = parseCloudFormation('Rules:\n  R:\n    Assertions:\n      - Assert: !Condition C\n')
    expect(() => checkRules(withCondition, {})).toThrow(/not a rule function/)
    const withPseudo = parseCloudFormation(
      'Rules:\n  R:\n    Assertions:\n      - Assert: !Equals [!Ref AWS::Region, x]\n'
    )
    expect(() => checkRules(withPseudo, {})).toThrow(/not a parameter/)
  })
})
