import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  CfnRule,
  Fn,
  Stack,
  Validations,
  type StackProps
} from 'aws-cdk-lib'
import { CfnOIDCProvider, CfnRole } from 'aws-cdk-lib/aws-iam'
import type { Construct } from 'constructs'
import { DEFAULT_FUNCTION_NAME, DEFAULT_INDEX_NAME, DEFAULT_TABLE_NAME, METRICS_NAMESPACE } from './names.js'

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com'

/**
 * The IAM role that one GitHub repository's workflows assume with GitHub OIDC to run the kb-sync action, and
 * optionally the account's GitHub OIDC provider. Parameter names, rule names and logical ids are those of the
 * hand-written template this stack replaced, so a stack deployed from that template updates in place.
 */
export class GitHubRoleStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description:
        "kb-sync: the IAM role that one GitHub repository's workflows assume with GitHub OIDC to run the kb-sync " +
        'action (invoke the batch-sync Lambda, start and watch Bedrock ingestion jobs, count the DynamoDB backlog, ' +
        'publish its metrics). Least privilege: exactly the API calls the action makes, on exact resource ARNs. ' +
        "Optionally creates the account's GitHub OIDC provider.",
      ...props
    })

    new CfnParameter(this, 'GitHubOrg', {
      type: 'String',
      description: 'Owner (organization or user) of the repository whose workflows run kb-sync.',
      allowedPattern: '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$',
      constraintDescription: 'a GitHub organization or user name'
    })
    new CfnParameter(this, 'GitHubRepo', {
      type: 'String',
      description: 'Name of that repository (without the owner).',
      allowedPattern: '^[A-Za-z0-9._-]{1,100}$',
      constraintDescription: 'a GitHub repository name'
    })
    const gitHubBranch = new CfnParameter(this, 'GitHubBranch', {
      type: 'String',
      default: 'main',
      description:
        'Branch whose workflow runs may assume the role (OIDC subject repo:OWNER/REPO:ref:refs/heads/BRANCH). ' +
        'Scheduled runs use the default branch. Ignored when GitHubEnvironment is set. Empty with an empty ' +
        'GitHubEnvironment: any branch, tag or pull request of the repository (repo:OWNER/REPO:*), which the ' +
        "stack refuses unless AllowAnyRef is 'true'.",
      allowedPattern: '^[A-Za-z0-9._/-]*$',
      constraintDescription: 'a branch name (letters, digits, . _ / -) or empty'
    })
    const gitHubEnvironment = new CfnParameter(this, 'GitHubEnvironment', {
      type: 'String',
      default: '',
      description:
        'GitHub environment of the job that runs kb-sync (`environment: NAME`); a job with an environment gets ' +
        'the OIDC subject repo:OWNER/REPO:environment:NAME. Empty: use GitHubBranch.',
      allowedPattern: '^[A-Za-z0-9._ -]*$',
      constraintDescription: 'an environment name or empty'
    })
    const allowAnyRef = new CfnParameter(this, 'AllowAnyRef', {
      type: 'String',
      default: 'false',
      allowedValues: ['true', 'false'],
      description:
        "'true' lets any branch, tag or pull request of the repository assume the role (subject " +
        'repo:OWNER/REPO:*), and needs GitHubBranch and GitHubEnvironment both empty. Not recommended: code ' +
        "that nobody reviewed yet would get the role's permissions."
    })
    const oidcProviderArn = new CfnParameter(this, 'OidcProviderArn', {
      type: 'String',
      default: '',
      description:
        `ARN of the account's existing IAM OIDC provider for ${GITHUB_OIDC_HOST} (an account can have only ` +
        'one per URL). Empty: this stack creates it.',
      allowedPattern: '^(arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com)?$',
      constraintDescription: `empty, or arn:aws:iam::ACCOUNT_ID:oidc-provider/${GITHUB_OIDC_HOST}`
    })
    new CfnParameter(this, 'FunctionName', {
      type: 'String',
      default: DEFAULT_FUNCTION_NAME,
      description:
        "Name of the batch-sync Lambda (the action's function_name, without an ARN). The role may invoke the " +
        "function and any of its versions and aliases, in this stack's account and region.",
      allowedPattern: '^[A-Za-z0-9_-]{1,64}$',
      constraintDescription: 'a Lambda function name (not an ARN)'
    })
    new CfnParameter(this, 'KnowledgeBaseId', {
      type: 'String',
      description: "Bedrock knowledge base id (10 characters), in this stack's region.",
      allowedPattern: '^[0-9a-zA-Z]{10}$',
      constraintDescription: '10 letters or digits'
    })
    const tableName = new CfnParameter(this, 'TableName', {
      type: 'String',
      default: DEFAULT_TABLE_NAME,
      description:
        "DynamoDB table of the backlog count (the action's backlog_table). Empty: no DynamoDB permission; then " +
        "set backlog_table to '' in the workflow, or the count is reported as unknown with a warning.",
      allowedPattern: '^([A-Za-z0-9_.-]{3,255})?$',
      constraintDescription: 'a DynamoDB table name or empty'
    })
    new CfnParameter(this, 'IndexName', {
      type: 'String',
      default: DEFAULT_INDEX_NAME,
      description: "Global secondary index of that table, hash key `status` (the action's backlog_index).",
      allowedPattern: '^[A-Za-z0-9_.-]{3,255}$',
      constraintDescription: 'a DynamoDB index name'
    })
    const metricsNamespace = new CfnParameter(this, 'MetricsNamespace', {
      type: 'String',
      default: METRICS_NAMESPACE,
      description:
        "CloudWatch namespace of the metrics the action publishes after each run (the action's " +
        'metrics_namespace). The role may publish metrics to this namespace only.',
      allowedPattern: '^[A-Za-z0-9._/#:-][A-Za-z0-9._/#: -]{0,254}$',
      constraintDescription: 'a CloudWatch namespace (up to 255 letters, digits and . _ / # : - or spaces)'
    })
    const roleName = new CfnParameter(this, 'RoleName', {
      type: 'String',
      default: '',
      description: 'Name of the role. Empty: CloudFormation generates one.',
      allowedPattern: '^[A-Za-z0-9+=,.@_-]{0,64}$',
      constraintDescription: 'an IAM role name or empty'
    })
    const maxSessionDuration = new CfnParameter(this, 'MaxSessionDurationSeconds', {
      type: 'Number',
      default: 7200,
      minValue: 3600,
      maxValue: 43200,
      description:
        'Longest session the role allows. At least the duration the action requests from STS; a run that ' +
        'drains a backlog and then waits for an ingestion job can outlast one hour.'
    })

    this.templateOptions.metadata = {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          {
            Label: { default: 'Who may assume the role (GitHub)' },
            Parameters: [
              'GitHubOrg',
              'GitHubRepo',
              'GitHubBranch',
              'GitHubEnvironment',
              'AllowAnyRef',
              'OidcProviderArn'
            ]
          },
          {
            Label: { default: 'What the role may do (kb-sync resources)' },
            Parameters: ['FunctionName', 'KnowledgeBaseId', 'TableName', 'IndexName', 'MetricsNamespace']
          },
          { Label: { default: 'The role' }, Parameters: ['RoleName', 'MaxSessionDurationSeconds'] }
        ]
      }
    }

    const branchEmpty = Fn.conditionEquals(gitHubBranch.valueAsString, '')
    const environmentEmpty = Fn.conditionEquals(gitHubEnvironment.valueAsString, '')
    // An empty branch used to mean "any ref" silently, so a parameter left empty by mistake trusted every branch,
    // tag and pull request of the repository. The stack refuses that unless it is asked for by name.
    new CfnRule(this, 'AnyRefOnlyWhenAsked', {
      ruleCondition: Fn.conditionAnd(branchEmpty, environmentEmpty),
      assertions: [
        {
          assert: Fn.conditionEquals(allowAnyRef.valueAsString, 'true'),
          assertDescription:
            'GitHubBranch and GitHubEnvironment are both empty, which would let any branch, tag or pull request ' +
            'of the repository assume the role (subject repo:OWNER/REPO:*). Set GitHubBranch (for example main, ' +
            'where scheduled runs run) or GitHubEnvironment; or, to trust any ref on purpose, set AllowAnyRef=true.'
        }
      ]
    })
    new CfnRule(this, 'AllowAnyRefMeansAnyRef', {
      ruleCondition: Fn.conditionEquals(allowAnyRef.valueAsString, 'true'),
      assertions: [
        {
          assert: Fn.conditionAnd(branchEmpty, environmentEmpty),
          assertDescription:
            "AllowAnyRef=true trusts any ref only with GitHubBranch='' and GitHubEnvironment=''; with a branch or " +
            'an environment set the role would trust just that one. Empty both, or set AllowAnyRef=false.'
        }
      ]
    })

    const createOidcProvider = new CfnCondition(this, 'CreateOidcProvider', {
      expression: Fn.conditionEquals(oidcProviderArn.valueAsString, '')
    })
    const hasEnvironment = new CfnCondition(this, 'HasEnvironment', { expression: Fn.conditionNot(environmentEmpty) })
    const hasBranch = new CfnCondition(this, 'HasBranch', { expression: Fn.conditionNot(branchEmpty) })
    const hasRoleName = new CfnCondition(this, 'HasRoleName', {
      expression: Fn.conditionNot(Fn.conditionEquals(roleName.valueAsString, ''))
    })
    const hasBacklogTable = new CfnCondition(this, 'HasBacklogTable', {
      expression: Fn.conditionNot(Fn.conditionEquals(tableName.valueAsString, ''))
    })

    const provider = new CfnOIDCProvider(this, 'GitHubOidcProvider', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
      // IAM trusts GitHub's OIDC endpoint through its own root CAs and ignores these, but some partitions and older
      // API versions still require the list: GitHub's two published intermediate certificate thumbprints.
      thumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd']
    })
    provider.cfnOptions.condition = createOidcProvider
    const providerArn = Fn.conditionIf(createOidcProvider.logicalId, provider.ref, oidcProviderArn.valueAsString)

    const subject = Fn.conditionIf(
      hasEnvironment.logicalId,
      Fn.sub('repo:${GitHubOrg}/${GitHubRepo}:environment:${GitHubEnvironment}'),
      Fn.conditionIf(
        hasBranch.logicalId,
        Fn.sub('repo:${GitHubOrg}/${GitHubRepo}:ref:refs/heads/${GitHubBranch}'),
        Fn.sub('repo:${GitHubOrg}/${GitHubRepo}:*')
      )
    )

    const role = new CfnRole(this, 'KbSyncRole', {
      roleName: Fn.conditionIf(hasRoleName.logicalId, roleName.valueAsString, Aws.NO_VALUE).toString(),
      description: Fn.sub('kb-sync GitHub Action (GitHub OIDC, ${GitHubOrg}/${GitHubRepo})'),
      maxSessionDuration: maxSessionDuration.valueAsNumber,
      assumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'GitHubActionsOidc',
            Effect: 'Allow',
            Principal: { Federated: providerArn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com' },
              StringLike: { [`${GITHUB_OIDC_HOST}:sub`]: subject }
            }
          }
        ]
      },
      policies: [
        {
          policyName: 'kb-sync',
          policyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'InvokeBatchSyncFunction',
                Effect: 'Allow',
                Action: ['lambda:InvokeFunction'],
                Resource: [
                  Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}'),
                  Fn.sub('arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${FunctionName}:*')
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
                  Fn.sub(
                    'arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:knowledge-base/${KnowledgeBaseId}'
                  )
                ]
              },
              Fn.conditionIf(
                hasBacklogTable.logicalId,
                {
                  Sid: 'CountBacklog',
                  Effect: 'Allow',
                  Action: ['dynamodb:Query'],
                  Resource: [
                    Fn.sub(
                      'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableName}/index/${IndexName}'
                    )
                  ]
                },
                Aws.NO_VALUE
              ),
              {
                Sid: 'PublishRunMetrics',
                Effect: 'Allow',
                Action: ['cloudwatch:PutMetricData'],
                // PutMetricData has no resource type: the namespace condition is what scopes it.
                Resource: ['*'],
                Condition: { StringEquals: { 'cloudwatch:namespace': metricsNamespace.valueAsString } }
              }
            ]
          }
        }
      ]
    })
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:<FunctionName>:*]',
        reason: 'Versions and aliases of the one batch-sync function (function_name may carry a qualifier).'
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'cloudwatch:PutMetricData has no resource type; the cloudwatch:namespace condition limits it.'
      }
    )

    Validations.of(this).acknowledge(
      {
        id: 'CloudFormation-Validate::W1030',
        reason: "RoleName is the role's name only under HasRoleName, that is when it is not empty."
      },
      {
        id: 'CloudFormation-Validate::W1001',
        reason: "The output names GitHubOidcProvider only under CreateOidcProvider, the provider's own condition."
      }
    )

    new CfnOutput(this, 'RoleArn', {
      description:
        "The role to assume. Set it as the repository variable KB_SYNC_ROLE_ARN (the action's role_to_assume).",
      value: role.attrArn
    })
    new CfnOutput(this, 'OidcProviderArnOutput', {
      key: 'OidcProviderArn',
      description: 'The GitHub OIDC provider the role trusts (created by this stack or passed in).',
      value: providerArn.toString()
    })
  }
}
