/** Rules every workflow in .github/workflows follows. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  FULL_SHA,
  REPO_ROOT,
  allSteps,
  isRemoteAction,
  jobEntries,
  loadAllWorkflows,
  loadWorkflow,
  stringsIn,
  usesLines
} from '../support/workflow-files.js'

const workflows = loadAllWorkflows()
const names = workflows.map((workflow) => workflow.name)

describe.each(names)('%s', (name) => {
  const workflow = workflows.find((candidate) => candidate.name === name)!

  it('pins every remote action to a full commit SHA with a # vX.Y.Z comment', () => {
    const uses = usesLines(workflow.raw).filter((use) => isRemoteAction(use.reference))
    for (const use of uses) {
      const [, ref = ''] = use.reference.split('@')
      expect({ line: use.line, ref, pinned: FULL_SHA.test(ref) }).toEqual({ line: use.line, ref, pinned: true })
      expect({ line: use.line, comment: use.comment }).toEqual({
        line: use.line,
        comment: expect.stringMatching(/^v\d+\.\d+\.\d+$/)
      })
    }
  })

  it('has every uses: of the parsed document on a line the pin check reads', () => {
    const parsed = allSteps(workflow)
      .map(({ step }) => step.uses)
      .filter((uses): uses is string => uses !== undefined)
    const jobUses = jobEntries(workflow)
      .map(([, job]) => job.uses as string | undefined)
      .filter((uses): uses is string => uses !== undefined)
    expect(
      usesLines(workflow.raw)
        .map((use) => use.reference)
        .sort()
    ).toEqual([...parsed, ...jobUses].sort())
  })

  it('expands no ${{ }} expression inside a run script (values go through env:)', () => {
    for (const { jobId, step } of allSteps(workflow)) {
      if (step.run !== undefined)
        expect({ jobId, step: step.name, run: step.run }).not.toMatchObject({
          run: expect.stringContaining('${{')
        })
    }
  })

  it('keeps the top-level token read-only or empty', () => {
    const permissions = workflow.doc.permissions
    expect(permissions).toBeDefined()
    expect([{}, { contents: 'read' }]).toContainEqual(permissions)
  })

  it('grants write scopes only on jobs, never at the top', () => {
    const top = stringsIn(workflow.doc.permissions ?? {})
    expect(top.filter((entry) => entry.value === 'write')).toEqual([])
    expect(workflow.doc.permissions).not.toBe('write-all')
  })

  it('checks out without persisting the token in .git/config', () => {
    for (const { step } of allSteps(workflow)) {
      if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials']).toBe(false)
    }
  })

  it('gives every job a timeout (a job that calls a reusable workflow, through the jobs of that workflow)', () => {
    for (const [jobId, job] of jobEntries(workflow)) {
      const uses = job.uses as string | undefined
      if (uses === undefined) {
        expect({ jobId, timeout: typeof job['timeout-minutes'] }).toEqual({ jobId, timeout: 'number' })
        continue
      }
      // GitHub allows no timeout-minutes on such a job; a workflow of this repository has its own checked here.
      const called = /^\.\/\.github\/workflows\/([^/@]+\.ya?ml)$/.exec(uses)?.[1]
      expect({ jobId, uses, local: called !== undefined }).toEqual({ jobId, uses, local: true })
      for (const [calledId, calledJob] of jobEntries(loadWorkflow(called as string))) {
        expect({ jobId, calledId, timeout: typeof calledJob['timeout-minutes'] }).toEqual({
          jobId,
          calledId,
          timeout: 'number'
        })
      }
    }
  })

  it('runs no pull_request_target trigger (it would run PR code with a write token)', () => {
    expect(Object.keys(workflow.doc.on)).not.toContain('pull_request_target')
  })
})

describe('across workflows', () => {
  it('pins one action to one commit everywhere', () => {
    const pins = new Map<string, Set<string>>()
    for (const workflow of workflows) {
      for (const use of usesLines(workflow.raw).filter((candidate) => isRemoteAction(candidate.reference))) {
        const [action = '', ref = ''] = use.reference.split('@')
        pins.set(action, (pins.get(action) ?? new Set()).add(`${ref} # ${use.comment}`))
      }
    }
    for (const [action, refs] of pins) expect({ action, refs: [...refs] }).toEqual({ action, refs: [[...refs][0]] })
  })

  it('calls only npm scripts that package.json defines', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
        .scripts
    )
    const called = new Set<string>()
    for (const workflow of workflows) {
      for (const { step } of allSteps(workflow)) {
        for (const match of (step.run ?? '').matchAll(/\bnpm run ([A-Za-z0-9:_-]+)/g)) called.add(match[1] as string)
        if (/\bnpm test\b/.test(step.run ?? '')) called.add('test')
      }
    }
    expect([...called].filter((script) => !scripts.includes(script)).sort()).toEqual([])
  })
})
