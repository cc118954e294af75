import { describe, expect, it } from '@jest/globals'
import {
  FRONT_ONLY_OPERATIONS,
  grantedIamActions,
  requiredIamActions,
  scanActionSource,
  scanAllFrontsSource,
  scanLambdaSource,
  scanSource
} from '../support/iam-operations.js'
import { json, synthesizeApp } from '../support/infra-app.js'
import { REPO_ROOT } from '../support/workflow-files.js'

const actionsOf = (text: string): string[] => requiredIamActions(scanSource('x.ts', text))

describe('iam-operations: deriving IAM actions from AWS SDK v3 calls', () => {
  it('reads imported commands, maps the package to its IAM prefix and Invoke to InvokeFunction', () => {
    const text = [
      "import { InvokeCommand, type InvokeCommandOutput, LambdaClient } from '@aws-sdk/client-lambda'",
      "import { StartIngestionJobCommand as Start, GetIngestionJobCommand } from '@aws-sdk/client-bedrock-agent'",
      "import { QueryCommand } from '@aws-sdk/client-dynamodb'"
    ].join('\n')
    expect(actionsOf(text)).toEqual([
      'bedrock:GetIngestionJob',
      'bedrock:StartIngestionJob',
      'dynamodb:Query',
      'lambda:InvokeFunction'
    ])
  })

  it('counts a paginator as the operation it sends', () => {
    expect(actionsOf("import { paginateQuery } from '@aws-sdk/client-dynamodb'")).toEqual(['dynamodb:Query'])
  })

  it('reads commands used through a namespace import', () => {
    const text = "import * as agent from '@aws-sdk/client-bedrock-agent'\nnew agent.ListIngestionJobsCommand({})"
    expect(actionsOf(text)).toEqual(['bedrock:ListIngestionJobs'])
  })

  it('reads re-exports, and ignores type-only imports and exports', () => {
    const text = [
      "export { GetDataSourceCommand } from '@aws-sdk/client-bedrock-agent'",
      "import type { GetKnowledgeBaseCommand } from '@aws-sdk/client-bedrock-agent'",
      "export type { UpdateItemCommand } from '@aws-sdk/client-dynamodb'"
    ].join('\n')
    expect(actionsOf(text)).toEqual(['bedrock:GetDataSource'])
  })

  it('needs no permission for the web-identity role assumption and GetCallerIdentity', () => {
    const text = "import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts'"
    expect(actionsOf(text)).toEqual([])
    expect(actionsOf("import { AssumeRoleCommand } from '@aws-sdk/client-sts'")).toEqual(['sts:AssumeRole'])
  })

  it('ignores imports that are not calls and code that only mentions a command in a comment or string', () => {
    const text = [
      "import { LambdaClient, LambdaServiceException } from '@aws-sdk/client-lambda'",
      '// new InvokeCommand({})',
      "const s = 'new QueryCommand('"
    ].join('\n')
    expect(actionsOf(text)).toEqual([])
  })

  it('reports what it cannot translate instead of guessing', () => {
    const scan = scanSource(
      'x.ts',
      [
        "import { Lambda } from '@aws-sdk/client-lambda'",
        "import { waitUntilFunctionActive } from '@aws-sdk/client-lambda'",
        "import { PublishCommand } from '@aws-sdk/client-sns'",
        "load(import('@aws-sdk/client-s3'))"
      ].join('\n')
    )
    expect(scan.unsupported).toEqual([
      expect.stringMatching(/^x\.ts:1: aggregated client Lambda/),
      expect.stringMatching(/^x\.ts:2: waiter waitUntilFunctionActive/),
      expect.stringMatching(/^x\.ts:3: PublishCommand from @aws-sdk\/client-sns/),
      expect.stringMatching(/^x\.ts:4: dynamic import of @aws-sdk\/client-s3/)
    ])
  })

  it('follows a client loaded when it is needed: a destructured or named dynamic import', () => {
    const scan = scanSource(
      'x.ts',
      [
        "const { CloudWatchClient, PutMetricDataCommand } = await import('@aws-sdk/client-cloudwatch')",
        "const s3 = await import('@aws-sdk/client-s3')",
        'await client.send(new s3.GetObjectCommand({}))'
      ].join('\n')
    )
    expect(requiredIamActions(scan)).toEqual(['cloudwatch:PutMetricData', 's3:GetObject'])
    expect(scan.unsupported).toEqual([])
  })

  it('says where each call is', () => {
    const scan = scanSource('x.ts', "\nimport { InvokeCommand } from '@aws-sdk/client-lambda'", 'src/sync.ts')
    expect(scan.calls).toEqual([
      {
        operation: 'lambda:Invoke',
        iamAction: 'lambda:InvokeFunction',
        packageName: '@aws-sdk/client-lambda',
        where: 'src/sync.ts:2'
      }
    ])
  })

  it('scans the action’s source but not the reference Lambda under src/lambda/, nor the terminal fronts', () => {
    const scan = scanActionSource(REPO_ROOT)
    expect(scan.files.length).toBeGreaterThan(0)
    for (const file of scan.files) {
      expect(file).toMatch(/^src\//)
      expect(file).not.toMatch(/^src\/(lambda|cli|mcp)\//)
    }
  })

  it('lists apart what only the terminal fronts need: sts:AssumeRole, signed by the person running them', () => {
    const action = requiredIamActions(scanActionSource(REPO_ROOT))
    const all = requiredIamActions(scanAllFrontsSource(REPO_ROOT))
    expect(all.filter((name) => !action.includes(name))).toEqual([...FRONT_ONLY_OPERATIONS])
  })
})

/** Granted by the GitHub role before src/ calls it; empty while the role and the code agree. */
const GRANTED_AHEAD_OF_SRC: string[] = []

describe('the synthesized roles grant exactly the AWS calls of the code that runs under them', () => {
  const { githubRoleTemplate, lambdaTemplate } = synthesizeApp()

  it('the GitHub OIDC role (KbSyncGitHubRoleStack): the calls in src/, not src/lambda/', () => {
    const scan = scanActionSource(REPO_ROOT)
    expect(scan.unsupported).toEqual([])
    const needed = requiredIamActions(scan)
    expect(needed.length).toBeGreaterThan(0)
    expect(grantedIamActions(json(githubRoleTemplate), 'KbSyncRole')).toEqual(
      [...new Set([...needed, ...GRANTED_AHEAD_OF_SRC])].sort()
    )
  })

  it('grants ahead of src/ only what src/ does not call yet', () => {
    const needed = requiredIamActions(scanActionSource(REPO_ROOT))
    expect(GRANTED_AHEAD_OF_SRC.filter((action) => needed.includes(action))).toEqual([])
  })

  it('the batch-sync Lambda’s execution role (KbSyncLambdaStack): the calls in src/lambda/, and its own logs', () => {
    const scan = scanLambdaSource(REPO_ROOT)
    expect(scan.unsupported).toEqual([])
    expect(requiredIamActions(scan)).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject'
    ])
    expect(grantedIamActions(json(lambdaTemplate), 'BatchSyncRole')).toEqual(
      [...requiredIamActions(scan), 'logs:CreateLogStream', 'logs:PutLogEvents'].sort()
    )
  })

  it('reads statements under Fn::If with both branches', () => {
    const template = {
      Resources: {
        R: {
          Type: 'AWS::IAM::Role',
          Properties: {
            Policies: [
              {
                PolicyDocument: {
                  Statement: [
                    { Effect: 'Allow', Action: 'a:One' },
                    { 'Fn::If': ['C', { Effect: 'Allow', Action: ['b:Two'] }, { Ref: 'AWS::NoValue' }] },
                    { Effect: 'Deny', Action: 'c:Three' }
                  ]
                }
              }
            ]
          }
        }
      }
    }
    expect(grantedIamActions(template, 'R')).toEqual(['a:One', 'b:Two'])
  })
})
