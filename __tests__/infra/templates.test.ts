/** infra/templates/ is what `aws cloudformation deploy` gets: the app's synthesis, byte for byte, with no CDK in it. */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { synthesizeTemplates, TEMPLATES_DIR } from '../../infra/synth.js'

const fresh = synthesizeTemplates()
const committed = new Map(
  readdirSync(TEMPLATES_DIR)
    .filter((name) => name.endsWith('.template.json'))
    .map((name) => [name, readFileSync(path.join(TEMPLATES_DIR, name), 'utf8')])
)

describe('infra/templates/', () => {
  it('holds one template per stack, as the app synthesizes them now (else: npm run infra:synth)', () => {
    expect([...committed.keys()].sort()).toEqual([
      'KbSyncGitHubRoleStack.template.json',
      'KbSyncLambdaStack.template.json',
      'KbSyncMonitoringStack.template.json'
    ])
    for (const [name, text] of fresh) expect({ name, text: committed.get(name) }).toEqual({ name, text })
  })

  it('is deterministic: a second synthesis gives the same bytes', () => {
    expect(synthesizeTemplates()).toEqual(fresh)
  })

  it.each([...fresh.keys()])('%s deploys without CDK bootstrap, assets or CDK metadata', (name) => {
    const text = fresh.get(name) as string
    const template = JSON.parse(text) as {
      Parameters?: object
      Rules?: object
      Resources: Record<string, { Type: string }>
    }
    expect(Object.keys(template.Parameters ?? {})).not.toContain('BootstrapVersion')
    expect(Object.keys(template.Rules ?? {})).not.toContain('CheckBootstrapVersion')
    expect(Object.values(template.Resources).map((resource) => resource.Type)).not.toContain('AWS::CDK::Metadata')
    expect(text).not.toMatch(/aws:cdk:|cdk-hnb659fds|AssetParameters|\/cdk-bootstrap\//)
  })
})
