/** infra/README.md says what the templates take and deploys them with commands that work as written. */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { checkRules, parameterValues, type Template } from '../support/cfn-values.js'
import { REPO_ROOT } from '../support/workflow-files.js'

const readme = readFileSync(path.join(REPO_ROOT, 'infra', 'README.md'), 'utf8')
const TEMPLATES = ['KbSyncLambdaStack', 'KbSyncMonitoringStack', 'KbSyncGitHubRoleStack']
const load = (file: string): Template => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as Template

/** What the README's shell variables hold in its example account. */
const SHELL = {
  $REGION: 'us-east-1',
  $ARTIFACTS: 'kb-sync-artifacts-123456789012-us-east-1',
  $KEY: 'kb-sync/lambda-0123456789abcdef.zip'
} as Record<string, string>

const deploys = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)]
  .map((match) => match[1] as string)
  .filter((block) => block.includes('aws cloudformation deploy'))
  .map((block) => {
    const file = /--template-file (\S+)/.exec(block)?.[1] ?? ''
    const overrides = Object.fromEntries(
      [...block.matchAll(/^\s+([A-Za-z]+)=(\S+?)(?:\s*\\)?$/gm)].map((match) => {
        const value = (match[2] as string).replace(/^"(.*)"$/, '$1')
        return [match[1] as string, SHELL[value] ?? value]
      })
    )
    return { block, file, overrides }
  })

describe('infra/README.md', () => {
  it('deploys each template once', () => {
    expect(deploys.map((deploy) => deploy.file).sort()).toEqual(
      TEMPLATES.map((name) => `infra/templates/${name}.template.json`).sort()
    )
  })

  it.each(deploys.map((deploy) => [deploy.file, deploy] as const))(
    '%s: the command passes the parameters’ constraints and the rules, with the capabilities it needs',
    (file, { block, overrides }) => {
      expect(existsSync(path.join(REPO_ROOT, file))).toBe(true)
      const template = load(file)
      expect(() => parameterValues(template, overrides)).not.toThrow()
      expect(() => checkRules(template, overrides)).not.toThrow()
      const types = Object.values(template.Resources as Record<string, { Type: string }>).map((r) => r.Type)
      if (types.includes('AWS::IAM::Role')) {
        const named = 'RoleName' in (template.Parameters as Record<string, unknown>)
        expect(block).toContain(`--capabilities ${named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'}`)
      }
    }
  )

  it.each(TEMPLATES)('documents every parameter of %s', (name) => {
    const template = load(`infra/templates/${name}.template.json`)
    const section = readme.split(`### ${name}\n`)[1]?.split('\n### ')[0] ?? ''
    for (const parameter of Object.keys(template.Parameters as Record<string, unknown>)) {
      expect({ name, parameter, documented: section.includes(`\`${parameter}\``) }).toEqual({
        name,
        parameter,
        documented: true
      })
    }
  })

  it('zips dist/lambda/ with the files the function needs', () => {
    expect(readme).toContain('(cd dist/lambda && zip -q -X -r ../../kb-sync-lambda.zip .)')
    for (const file of ['index.js', 'package.json'])
      expect(existsSync(path.join(REPO_ROOT, 'dist/lambda', file))).toBe(true)
  })
})
