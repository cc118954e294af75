import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { REPO_ROOT, loadYaml } from '../support/workflow-files.js'

interface Update {
  'package-ecosystem': string
  directory: string
  schedule: { interval: string }
  groups?: Record<string, { patterns?: string[]; 'dependency-type'?: string; 'update-types'?: string[] }>
}

const config = loadYaml(path.join(REPO_ROOT, '.github', 'dependabot.yml')) as { version: number; updates: Update[] }

describe('dependabot.yml', () => {
  it('is version 2 and covers npm and github-actions at the repository root', () => {
    expect(config.version).toBe(2)
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
    for (const update of config.updates) {
      expect(update.directory).toBe('/')
      expect(['daily', 'weekly', 'monthly']).toContain(update.schedule.interval)
    }
  })

  it('groups the AWS SDK, the actions toolkit and the dev dependencies of npm', () => {
    const npm = config.updates.find((update) => update['package-ecosystem'] === 'npm')
    const groups = npm?.groups ?? {}
    expect(groups['aws-sdk']?.patterns).toEqual(expect.arrayContaining(['@aws-sdk/*', '@smithy/*']))
    expect(groups['actions-toolkit']?.patterns).toEqual(['@actions/*'])
    expect(groups['dev-dependencies']?.['dependency-type']).toBe('development')
  })

  it('groups all GitHub Actions updates in one pull request', () => {
    const actions = config.updates.find((update) => update['package-ecosystem'] === 'github-actions')
    expect(Object.values(actions?.groups ?? {}).map((group) => group.patterns)).toEqual([['*']])
  })
})
