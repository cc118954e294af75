import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  allSteps,
  jobEntries,
  loadWorkflow,
  loadYaml,
  REPO_ROOT,
  type Job,
  type Step
} from '../support/workflow-files.js'

const workflow = loadWorkflow('ci.yml')
const jobs = jobEntries(workflow)
const runs = allSteps(workflow)
  .map(({ step }) => step.run ?? '')
  .join('\n')

function jobRunning(pattern: RegExp): [string, Job] | undefined {
  return jobs.find(([, job]) => (job.steps ?? []).some((step) => pattern.test(step.run ?? '')))
}

function stepsOf(job: Job | undefined): Step[] {
  return job?.steps ?? []
}

describe('ci.yml', () => {
  it('runs on push and on pull requests', () => {
    expect(Object.keys(workflow.doc.on)).toEqual(expect.arrayContaining(['push', 'pull_request']))
  })

  it('gives the token read access to contents only', () => {
    expect(workflow.doc.permissions).toEqual({ contents: 'read' })
    for (const [, job] of jobs) expect(job.permissions).toBeUndefined()
  })

  it.each([
    ['install', /^\s*npm ci\s*$/m],
    ['format check', /npm run format:check\b/],
    ['lint', /npm run lint(?!:)\b/],
    ['type-check', /npm run typecheck\b/],
    ['tests', /npm test\b/],
    ['workflow and action.yml validation', /npm run lint:workflows\b/],
    ['dist/ freshness check', /\bbash scripts\/check-dist\.sh\b/],
    ['infra/templates/ freshness check', /\bbash scripts\/check-infra\.sh\b/],
    ['end-to-end tests', /npm run test:e2e\b/]
  ])('runs the %s', (_what, pattern) => {
    expect(runs).toMatch(pattern)
  })

  it('installs before it runs anything else in every job that uses npm', () => {
    for (const [jobId, job] of jobs) {
      const scripts = stepsOf(job).map((step) => step.run ?? '')
      const install = scripts.findIndex((run) => /^\s*npm ci\s*$/m.test(run))
      const firstNpm = scripts.findIndex((run) => /\bnpm (run|test)\b/.test(run))
      if (firstNpm >= 0)
        expect({ jobId, installBeforeUse: install >= 0 && install < firstNpm }).toEqual({
          jobId,
          installBeforeUse: true
        })
    }
  })

  it('checks dist/ with the same script as .ci/run', () => {
    expect(jobRunning(/\bbash scripts\/check-dist\.sh\b/)).toBeDefined()
    expect(readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^bash scripts\/check-dist\.sh$/m)
  })

  it('checks infra/templates/ with the same script as .ci/run', () => {
    expect(jobRunning(/\bbash scripts\/check-infra\.sh\b/)).toBeDefined()
    expect(readFileSync(path.join(REPO_ROOT, '.ci/run'), 'utf8')).toMatch(/^bash scripts\/check-infra\.sh$/m)
  })

  it('runs the end-to-end suite on the Node.js that action.yml declares', () => {
    const action = loadYaml(path.join(REPO_ROOT, 'action.yml')) as { runs: { using: string } }
    const entry = jobRunning(/npm run test:e2e\b/)
    const setup = stepsOf(entry?.[1]).find((step) => step.uses?.startsWith('actions/setup-node@'))
    expect(`node${String(setup?.with?.['node-version'])}`).toBe(action.runs.using)
  })

  it('runs the action itself (uses: ./) against the local stack: the whole pipeline, then a dry run', () => {
    const entry = jobs.find(([, job]) => stepsOf(job).some((step) => step.uses === './'))
    expect(entry).toBeDefined()
    const steps = stepsOf(entry?.[1])
    const stack = steps.findIndex((step) => /\bnpm run stack\b[^\n]*&\s*$/m.test(step.run ?? ''))
    const runs = steps.flatMap((step, index) => (step.uses === './' ? [index] : []))
    expect(stack).toBeGreaterThanOrEqual(0)
    expect(runs).toHaveLength(2)
    expect(stack).toBeLessThan(runs[0]!)
    // the stack's `export` lines reach the action through $GITHUB_ENV
    expect(steps[stack]?.run).toContain('GITHUB_ENV')
    const [full, dry] = runs.map((index) => steps[index])
    expect(full?.with?.dry_run).toBeUndefined()
    expect(String(dry?.with?.dry_run)).toBe('true')
    const checks = steps.slice(runs[0]! + 1).filter((step) => step.env?.STATUS !== undefined)
    expect(checks.map((step) => /test "\$STATUS" = (\w+)/.exec(step.run ?? '')?.[1])).toEqual(['completed', 'dry_run'])
  })

  it('caches npm downloads through setup-node and takes the Node version from .node-version (but for Node.js 24)', () => {
    for (const { step } of allSteps(workflow)) {
      if (step.uses?.startsWith('actions/setup-node@')) {
        expect(step.with).toMatchObject({ cache: 'npm' })
        if (step.with?.['node-version'] === undefined)
          expect(step.with).toMatchObject({ 'node-version-file': '.node-version' })
      }
    }
  })
})
