/**
 * docs/setup-aws.md says what the template and the hourly workflow do: the trust and permissions policies exactly as
 * the template builds them, its parameters, the repository variables, and the workflow's settings it explains.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { RuleViolation, deploy as deployTemplate, type Json, type Template } from '../support/cfn-values.js'
import { codeBlocks, readDoc } from '../support/docs.js'
import { REPO_ROOT, loadWorkflow } from '../support/workflow-files.js'

const setup = readDoc('docs/setup-aws.md')
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
  return codeBlocks(markdown, 'json').map((block) => JSON.parse(block) as Json)
}

describe('docs/setup-aws.md', () => {
  const blocks = jsonBlocks(setup)
  const mentions = (text: string) => (block: Json) => JSON.stringify(block).includes(text)

  it('shows the trust policy exactly as the template builds it', () => {
    expect(blocks.filter(mentions('sts:AssumeRoleWithWebIdentity'))).toEqual([roleProperties.AssumeRolePolicyDocument])
  })

  it('shows the permissions policy exactly as the template builds it', () => {
    const policies = roleProperties.Policies as { PolicyDocument: Json }[]
    expect(policies).toHaveLength(1)
    expect(blocks.filter(mentions('lambda:InvokeFunction'))).toEqual([policies[0]?.PolicyDocument])
  })

  it('lists every granted action in its table', () => {
    const policies = roleProperties.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[]
    for (const action of policies.flatMap((policy) => policy.PolicyDocument.Statement.flatMap((s) => s.Action))) {
      expect(setup).toContain(`| \`${action}\``)
    }
  })

  it('deploys with parameters the template declares, and with the IAM capability', () => {
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

  it('documents every parameter of the template', () => {
    for (const name of Object.keys(template.Parameters as Record<string, Json>)) expect(setup).toContain(`\`${name}\``)
  })

  it('documents every repository variable the scheduled workflow reads', () => {
    const variables = new Set([...loadWorkflow('kb-sync.yml').raw.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]))
    for (const name of variables) expect(setup).toContain(`gh variable set ${name} `)
  })
})

describe('docs/setup-aws.md on the hourly workflow', () => {
  const shipped = loadWorkflow('kb-sync.yml')
  const job = Object.values(shipped.doc.jobs)[0] ?? {}
  const step = (job.steps ?? []).find((candidate) => candidate.uses === './')
  const guide = setup.split('## 3. Add the workflow')[1]?.split('\n## ')[0] ?? ''

  it('links the workflow instead of copying it', () => {
    expect(guide).toContain('](../.github/workflows/kb-sync.yml)')
    expect(codeBlocks(setup, 'yaml')).toEqual([])
  })

  it('tells to remove the step that exists only for `uses: ./`', () => {
    const checkout = (job.steps ?? []).find((candidate) => candidate.uses?.startsWith('actions/checkout@'))
    expect(checkout?.name).toBeDefined()
    expect(guide).toContain(`"${checkout?.name}"`)
    expect(guide).toContain('`uses: ./`')
  })

  it('explains the settings the workflow really has', () => {
    const minute = /^(\d+) /.exec((shipped.doc.on.schedule as { cron: string }[])[0]?.cron ?? '')?.[1]
    expect(guide).toContain(`Minute ${minute}`)
    expect(guide).toContain(`\`sync_timeout_seconds: '${String(step?.with?.sync_timeout_seconds)}'\``)
    expect(guide).toContain(`\`timeout-minutes: ${job['timeout-minutes']}\``)
    expect(shipped.doc.permissions).toEqual({})
    expect(guide).toContain('`permissions: {}` at the top')
  })
})
