/** The docs say what the template and the workflows do: policies, parameters, variables, pins. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { RuleViolation, deploy as deployTemplate, type Json, type Template } from '../support/cfn-values.js'
import { parse } from 'yaml'
import { runBudgetMs } from '../../src/budget.js'
import { actionConfig, renderStepInputs } from '../support/action-config.js'
import {
  FULL_SHA,
  REPO_ROOT,
  isRemoteAction,
  loadWorkflow,
  usesLines,
  type Workflow
} from '../support/workflow-files.js'

// The setup guide, usage examples, troubleshooting and costs all live in README.md.
const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')
const setup = readme
// The role's template as committed (__tests__/infra/templates.test.ts holds it to the CDK app).
const ROLE_TEMPLATE = 'infra/templates/KbSyncGitHubRoleStack.template.json'
const template = JSON.parse(readFileSync(path.join(REPO_ROOT, ROLE_TEMPLATE), 'utf8')) as Template

/** The template deployed with the example values the docs use throughout, and any parameters on top. */
function renderExample(parameters: Record<string, string> = {}) {
  return deployTemplate(template, {
    parameters: { GitHubOrg: 'my-org', GitHubRepo: 'my-repo', KnowledgeBaseId: 'LPR1PEW0LN', ...parameters },
    pseudo: { 'AWS::Partition': 'aws', 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012' },
    resources: {
      GitHubOidcProvider: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      'KbSyncRole.Arn': 'arn:aws:iam::123456789012:role/kb-sync'
    }
  })
}
const rendered = renderExample()
const roleProperties = rendered.resources.KbSyncRole?.Properties as Record<string, Json>

function jsonBlocks(markdown: string): Json[] {
  return [...markdown.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] as string) as Json)
}

function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map(
    (match) => match[1] as string
  )
}

// README.md still shows the hand-written infra/github-oidc-role.yaml that the CDK template replaced: its path, its
// policy without PutMetricData, its parameters without MetricsNamespace. The tests marked `it.failing` hold once the
// README shows the synthesized template; jest then reports them, and `.failing` goes.
describe('README setup guide', () => {
  const blocks = jsonBlocks(setup)
  const mentions = (text: string) => (block: Json) => JSON.stringify(block).includes(text)

  it('shows the trust policy exactly as the template builds it', () => {
    expect(blocks.filter(mentions('sts:AssumeRoleWithWebIdentity'))).toEqual([roleProperties.AssumeRolePolicyDocument])
  })

  it.failing('shows the permissions policy exactly as the template builds it', () => {
    const policies = roleProperties.Policies as { PolicyDocument: Json }[]
    expect(policies).toHaveLength(1)
    expect(blocks.filter(mentions('lambda:InvokeFunction'))).toEqual([policies[0]?.PolicyDocument])
  })

  it.failing('lists every granted action in its table', () => {
    const policies = roleProperties.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[]
    for (const action of policies.flatMap((policy) => policy.PolicyDocument.Statement.flatMap((s) => s.Action))) {
      expect(setup).toContain(`| \`${action}\``)
    }
  })

  it.failing('deploys with parameters the template declares, and with the IAM capability', () => {
    const deploy = codeBlocks(setup, 'sh').find((block) => block.includes('aws cloudformation deploy'))
    expect(deploy).toBeDefined()
    expect(deploy).toContain(`--template-file ${ROLE_TEMPLATE}`)
    expect(deploy).toContain('--capabilities CAPABILITY_NAMED_IAM')
    const declared = Object.keys(template.Parameters as Record<string, Json>)
    const given = [...(deploy ?? '').matchAll(/^\s+([A-Za-z]+)=/gm)].map((match) => match[1])
    expect(given.length).toBeGreaterThan(0)
    for (const name of given) expect(declared).toContain(name)
  })

  it('deploys as written: the command’s parameters pass the template’s constraints and rules', () => {
    const deploy = codeBlocks(setup, 'sh').find((block) => block.includes('aws cloudformation deploy')) ?? ''
    const given = Object.fromEntries(
      [...deploy.matchAll(/^\s+([A-Za-z]+)=(\S*?)(?:\s*\\)?$/gm)].map((match) => [
        match[1] as string,
        (match[2] as string).replace(/^'(.*)'$/, '$1')
      ])
    )
    expect(Object.keys(given).sort()).toEqual(['GitHubOrg', 'GitHubRepo', 'KnowledgeBaseId'])
    expect(() => renderExample(given)).not.toThrow()
  })

  it('shows the OIDC subject each parameter combination gives, and the one the template refuses', () => {
    const section = setup.split('The `sub` condition by parameter:')[1]?.split('\n\n')[1] ?? ''
    const rows = section.split('\n').filter((line) => /^\| `/.test(line))
    expect(rows.length).toBeGreaterThanOrEqual(4)
    for (const row of rows) {
      const [, parametersCell = '', subjectCell = ''] = row.split('|').map((cell) => cell.trim())
      const parameters = Object.fromEntries(
        [...parametersCell.matchAll(/`([A-Za-z]+)=([^`]*)`/g)].map((match) => [
          match[1] as string,
          (match[2] as string).replace(/^''$/, '')
        ])
      )
      const subject = /`(repo:[^`]+)`/.exec(subjectCell)?.[1]
      if (subject === undefined) {
        let refused = false
        try {
          renderExample(parameters)
        } catch (error) {
          refused = error instanceof RuleViolation
        }
        expect({ row, refused }).toEqual({ row, refused: true })
        continue
      }
      const role = renderExample(parameters).resources.KbSyncRole?.Properties as Record<string, Json>
      const trust = JSON.stringify(role.AssumeRolePolicyDocument)
      expect({ row, subject: trust.includes(`"token.actions.githubusercontent.com:sub":"${subject}"`) }).toEqual({
        row,
        subject: true
      })
    }
  })

  it.failing('documents every parameter of the template', () => {
    for (const name of Object.keys(template.Parameters as Record<string, Json>)) expect(setup).toContain(`\`${name}\``)
  })

  it('documents every repository variable the scheduled workflow reads', () => {
    const variables = new Set([...loadWorkflow('kb-sync.yml').raw.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]))
    for (const name of variables) expect(setup).toContain(`gh variable set ${name} `)
  })
})

/** The README's copy of the hourly workflow: the ```yaml block that starts with `name: kb-sync`. */
function hourlyExample(): Workflow['doc'] {
  const blocks = codeBlocks(readme, 'yaml').filter((block) => block.startsWith('name: kb-sync\n'))
  expect(blocks).toHaveLength(1)
  return parse(blocks[0] as string) as Workflow['doc']
}

describe('README usage: the hourly workflow', () => {
  const shipped = loadWorkflow('kb-sync.yml').doc
  const example = hourlyExample()
  const onlyJob = (doc: Workflow['doc']) => Object.values(doc.jobs)[0] ?? {}
  const actionStep = (doc: Workflow['doc']) =>
    (onlyJob(doc).steps ?? []).find((step) => step.uses === './' || step.uses?.startsWith('my-org/kb-sync@'))

  it('has the shipped workflow’s schedule', () => {
    expect(example.on.schedule).toEqual(shipped.on.schedule)
  })

  it('offers the same dispatch inputs, typed and defaulted alike', () => {
    const shape = (doc: Workflow['doc']) => {
      const inputs = (doc.on.workflow_dispatch as { inputs: Record<string, Record<string, unknown>> }).inputs
      return Object.fromEntries(
        Object.entries(inputs).map(([name, { description: _description, ...rest }]) => [name, rest])
      )
    }
    expect(shape(example)).toEqual(shape(shipped))
  })

  it('has the shipped workflow’s permissions, concurrency and job timeout', () => {
    expect(example.permissions).toEqual(shipped.permissions)
    expect(example.concurrency).toEqual(shipped.concurrency)
    expect(onlyJob(example).permissions).toEqual(onlyJob(shipped).permissions)
    expect(onlyJob(example)['timeout-minutes']).toBe(onlyJob(shipped)['timeout-minutes'])
  })

  it('passes the action the shipped workflow’s inputs', () => {
    expect(actionStep(example)?.with).toEqual(actionStep(shipped)?.with)
  })
})

describe('README usage: job timeouts', () => {
  const MINUTE_MS = 60_000
  const contexts = {
    github: { event_name: 'workflow_dispatch' },
    inputs: {},
    vars: {
      KB_SYNC_KNOWLEDGE_BASE_ID: 'LPR1PEW0LN',
      KB_SYNC_DATA_SOURCE_ID: 'AJIJE6BWIV',
      KB_SYNC_ROLE_ARN: 'arn:aws:iam::123456789012:role/kb-sync',
      AWS_REGION: 'us-east-1'
    }
  }
  const examples = codeBlocks(readme, 'yaml')
    .filter((block) => /^on:/m.test(block) && /^jobs:/m.test(block))
    .map((block) => parse(block) as Workflow['doc'])
  const runsOfTheAction = examples.flatMap((doc) =>
    Object.entries(doc.jobs).flatMap(([jobId, job]) =>
      (job.steps ?? [])
        .filter((step) => step.uses?.startsWith('my-org/kb-sync@'))
        .map((step) => ({ name: `${String(doc.name)} / ${jobId}`, job, step }))
    )
  )

  it('finds the examples that run the action', () => {
    expect(runsOfTheAction.length).toBeGreaterThanOrEqual(3)
  })

  it('gives every job that runs the action its run budget plus 5 minutes', () => {
    for (const { name, job, step } of runsOfTheAction) {
      const budget = runBudgetMs(actionConfig(renderStepInputs(step, contexts), { AWS_REGION: 'us-east-1' }))
      const timeout = Number(job['timeout-minutes']) * MINUTE_MS
      expect({ name, fits: timeout >= budget + 5 * MINUTE_MS }).toEqual({ name, fits: true })
    }
  })

  it('asks configure-aws-credentials for a session that outlasts the run (those credentials are not renewed)', () => {
    for (const { name, job, step } of runsOfTheAction) {
      const configure = (job.steps ?? []).find((other) =>
        other.uses?.startsWith('aws-actions/configure-aws-credentials@')
      )
      if (configure === undefined) continue
      const budget = runBudgetMs(actionConfig(renderStepInputs(step, contexts), { AWS_REGION: 'us-east-1' }))
      const session = Number(configure.with?.['role-duration-seconds'] ?? 3600) * 1000
      expect({ name, outlasts: session >= budget }).toEqual({ name, outlasts: true })
    }
  })
})

describe('docs examples', () => {
  it.each(['README.md'])('%s pins third-party actions like the workflows do', () => {
    for (const use of usesLines(readme).filter((candidate) => isRemoteAction(candidate.reference))) {
      if (use.reference.startsWith('my-org/kb-sync@')) continue // the action itself, by its major tag
      const [, ref = ''] = use.reference.split('@')
      expect({ reference: use.reference, pinned: FULL_SHA.test(ref), comment: use.comment }).toEqual({
        reference: use.reference,
        pinned: true,
        comment: expect.stringMatching(/^v\d+\.\d+\.\d+$/)
      })
    }
  })

  it('the costs section says its AWS figures are the write-up’s estimates, with the write-up’s numbers', () => {
    const costs = readme
    expect(costs).toMatch(/estimates from the team's write-up/i)
    for (const figure of ['$0.06', '$0.05', '$18']) expect(costs).toContain(figure)
  })
})
