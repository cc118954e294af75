/**
 * The workflows the docs offer to copy: examples/*.yml and the job snippets in the Markdown. Each gives the action's
 * job a timeout above the run budget of the inputs it really passes, for every choice a person can make when
 * starting it by hand; pins third-party actions like the repository's workflows do; and shares the hourly
 * workflow's concurrency group. The hourly workflow itself is linked, never copied.
 */
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { runBudgetMs } from '../../src/budget.js'
import { actionConfig, renderStepInputs } from '../support/action-config.js'
import { codeBlocks, exampleFiles, loadExample, readDoc, userDocs } from '../support/docs.js'
import {
  FULL_SHA,
  isRemoteAction,
  loadWorkflow,
  usesLines,
  type ExpressionContexts,
  type Job,
  type Mapping,
  type Step,
  type Workflow
} from '../support/workflow-files.js'

const MINUTE_MS = 60_000
/** What the runner and the other steps of the job take besides the action. */
const JOB_OVERHEAD_MS = 5 * MINUTE_MS
const VARS = {
  KB_SYNC_KNOWLEDGE_BASE_ID: 'LPR1PEW0LN',
  KB_SYNC_DATA_SOURCE_ID: 'AJIJE6BWIV',
  KB_SYNC_ROLE_ARN: 'arn:aws:iam::123456789012:role/kb-sync',
  AWS_REGION: 'us-east-1'
}
const ENV = { AWS_REGION: 'us-east-1' }
const shipped = loadWorkflow('kb-sync.yml')
const shippedJob = Object.values(shipped.doc.jobs)[0] ?? {}

interface Source {
  name: string
  raw: string
  doc: Workflow['doc']
}

/** Every example file, and every ```yaml block of the user docs that has jobs (whole workflows or job snippets). */
function sources(): Source[] {
  const files = exampleFiles().map((file) => loadExample(file))
  const snippets = userDocs().flatMap((doc) =>
    codeBlocks(readDoc(doc), 'yaml')
      .filter((block) => /^jobs:/m.test(block))
      .map((block, index) => ({
        name: `${doc} yaml block ${index + 1}`,
        raw: block,
        doc: { on: {}, ...(parse(block) as Mapping) } as Workflow['doc']
      }))
  )
  return [...files, ...snippets]
}

const isTheAction = (step: Step): boolean => step.uses?.startsWith('my-org/kb-sync@') ?? false

function runsOfTheAction(source: Source): { name: string; job: Job; step: Step }[] {
  return Object.entries(source.doc.jobs ?? {}).flatMap(([jobId, job]) =>
    (job.steps ?? []).filter(isTheAction).map((step) => ({ name: `${source.name} / ${jobId}`, job, step }))
  )
}

/**
 * Every set of contexts a run can see: each combination of the workflow_dispatch inputs' choices and booleans, and
 * no inputs at all for any other trigger (a schedule, a push, a dispatch through the API).
 */
function eventContexts(doc: Workflow['doc']): ExpressionContexts[] {
  const dispatch = doc.on?.workflow_dispatch as { inputs?: Record<string, Mapping> } | null | undefined
  let combinations: Record<string, string | boolean>[] = [{}]
  for (const [name, input] of Object.entries(dispatch?.inputs ?? {})) {
    const values: (string | boolean)[] =
      input.type === 'boolean'
        ? [true, false]
        : input.type === 'choice'
          ? (input.options as string[])
          : input.default !== undefined
            ? [input.default as string]
            : ['']
    combinations = combinations.flatMap((combination) => values.map((value) => ({ ...combination, [name]: value })))
  }
  const dispatched = dispatch === undefined ? [] : combinations
  return [
    { github: { event_name: 'schedule' }, inputs: {}, vars: VARS },
    ...dispatched.map((inputs) => ({ github: { event_name: 'workflow_dispatch' }, inputs, vars: VARS }))
  ]
}

const all = sources()

describe('examples/', () => {
  it('has the post-deploy, manual and configure-aws-credentials workflows', () => {
    expect(exampleFiles()).toEqual(
      expect.arrayContaining([
        'examples/manual.yml',
        'examples/post-deploy.yml',
        'examples/with-configure-aws-credentials.yml'
      ])
    )
  })

  it('runs kb-sync after the deploy job in the post-deploy example', () => {
    const { doc } = loadExample('examples/post-deploy.yml')
    const [, job] = Object.entries(doc.jobs).find(([, candidate]) => (candidate.steps ?? []).some(isTheAction)) ?? []
    const needs = [job?.needs ?? []].flat()
    expect(needs.length).toBeGreaterThan(0)
    for (const need of needs) {
      expect(doc.jobs[need]).toBeDefined()
      expect(need).toMatch(/deploy/)
    }
  })

  it.each(exampleFiles())('%s expands no ${{ }} expression inside a run script', (file) => {
    const { doc } = loadExample(file)
    for (const [jobId, job] of Object.entries(doc.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.run !== undefined)
          expect({ jobId, run: step.run }).not.toMatchObject({ run: expect.stringContaining('${{') })
      }
    }
  })

  it.each(exampleFiles())('%s keeps the top-level token read-only or empty', (file) => {
    const { doc } = loadExample(file)
    expect([{}, { contents: 'read' }]).toContainEqual(doc.permissions)
  })
})

describe('workflows the docs offer to copy', () => {
  it('find the runs of the action: every example and the README snippet', () => {
    const names = all.filter((source) => runsOfTheAction(source).length > 0).map((source) => source.name)
    for (const file of exampleFiles()) expect(names).toContain(file)
    expect(names).toContain('README.md yaml block 1')
  })

  it('give every job that runs the action its run budget plus 5 minutes, for every way to start it', () => {
    for (const source of all) {
      for (const { name, job, step } of runsOfTheAction(source)) {
        for (const contexts of eventContexts(source.doc)) {
          const budget = runBudgetMs(actionConfig(renderStepInputs(step, contexts), ENV))
          const timeout = Number(job['timeout-minutes']) * MINUTE_MS
          const inputs = contexts.inputs
          expect({ name, inputs, fits: timeout >= budget + JOB_OVERHEAD_MS }).toEqual({ name, inputs, fits: true })
        }
      }
    }
  })

  it('ask configure-aws-credentials for a session that outlasts the run (those credentials are not renewed)', () => {
    let seen = 0
    for (const source of all) {
      for (const { name, job, step } of runsOfTheAction(source)) {
        const configure = (job.steps ?? []).find((other) =>
          other.uses?.startsWith('aws-actions/configure-aws-credentials@')
        )
        if (configure === undefined) continue
        seen++
        for (const contexts of eventContexts(source.doc)) {
          const budget = runBudgetMs(actionConfig(renderStepInputs(step, contexts), ENV))
          const session = Number(configure.with?.['role-duration-seconds'] ?? 3600) * 1000
          expect({ name, outlasts: session >= budget }).toEqual({ name, outlasts: true })
        }
      }
    }
    expect(seen).toBeGreaterThan(0)
  })

  it('give the job that assumes a role with OIDC the shipped job’s permissions', () => {
    for (const source of all) {
      for (const { name, job, step } of runsOfTheAction(source)) {
        const oidc =
          step.with?.role_to_assume !== undefined ||
          (job.steps ?? []).some((s) => s.uses?.includes('configure-aws-credentials'))
        // The shipped job's OIDC permissions; `issues: write` only where the example opens alert issues.
        const expected = { ...(shippedJob.permissions as Record<string, unknown>) }
        if (step.with?.alert_issue === undefined) delete expected.issues
        if (oidc) expect({ name, permissions: job.permissions }).toEqual({ name, permissions: expected })
      }
    }
  })

  it('share the hourly workflow’s concurrency group, so two runs never work on one knowledge base at once', () => {
    for (const file of exampleFiles()) {
      const { doc } = loadExample(file)
      for (const [jobId, job] of Object.entries(doc.jobs)) {
        if (!(job.steps ?? []).some(isTheAction)) continue
        expect({ file, jobId, concurrency: job.concurrency ?? doc.concurrency }).toEqual({
          file,
          jobId,
          concurrency: shipped.doc.concurrency
        })
      }
    }
  })

  it('pin third-party actions like the workflows do', () => {
    for (const source of all) {
      for (const use of usesLines(source.raw).filter((candidate) => isRemoteAction(candidate.reference))) {
        if (use.reference.startsWith('my-org/kb-sync@')) continue // the action itself, by its major tag
        const [, ref = ''] = use.reference.split('@')
        expect({ source: source.name, pinned: FULL_SHA.test(ref), comment: use.comment }).toEqual({
          source: source.name,
          pinned: true,
          comment: expect.stringMatching(/^v\d+\.\d+\.\d+$/)
        })
      }
    }
  })

  it('pass the action only inputs it has', () => {
    const inputs = Object.keys((parse(readDoc('action.yml')) as { inputs: Mapping }).inputs)
    for (const source of all) {
      for (const { name, step } of runsOfTheAction(source)) {
        for (const key of Object.keys(step.with ?? {}))
          expect({ name, key, known: inputs.includes(key) }).toEqual({ name, key, known: true })
      }
    }
  })
})

describe('the hourly workflow', () => {
  it('is linked from the README, not copied into any doc', () => {
    expect(readDoc('README.md')).toContain('](.github/workflows/kb-sync.yml)')
    for (const source of all) {
      const copy = {
        name: source.doc.name === shipped.doc.name,
        schedule: JSON.stringify(source.doc.on?.schedule) === JSON.stringify(shipped.doc.on.schedule)
      }
      expect({ source: source.name, copy }).toEqual({ source: source.name, copy: { name: false, schedule: false } })
    }
  })
})
