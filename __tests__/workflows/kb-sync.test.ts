import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { runBudgetMs } from '../../src/budget.js'
import type { Config } from '../../src/inputs.js'
import { actionConfig, renderStepInputs } from '../support/action-config.js'
import {
  REPO_ROOT,
  allSteps,
  loadWorkflow,
  loadYaml,
  renderValue,
  type ExpressionContexts,
  type Mapping,
  type Step
} from '../support/workflow-files.js'

const workflow = loadWorkflow('kb-sync.yml')
const action = loadYaml(path.join(REPO_ROOT, 'action.yml')) as { inputs: Record<string, { required?: boolean }> }
const jobs = Object.entries(workflow.doc.jobs)
const [jobId, job] = jobs[0] ?? ['', {}]
const steps = job.steps ?? []
const actionStep = steps.find((step) => step.uses === './') as Step

const VARS = {
  KB_SYNC_KNOWLEDGE_BASE_ID: 'LPR1PEW0LN',
  KB_SYNC_DATA_SOURCE_ID: 'AJIJE6BWIV',
  KB_SYNC_ROLE_ARN: 'arn:aws:iam::123456789012:role/kb-sync',
  AWS_REGION: 'us-east-1'
}

/** The action's inputs as the runner would pass them for one event. */
function renderedInputs(contexts: ExpressionContexts): Record<string, string> {
  return renderStepInputs(actionStep, contexts)
}

const schedule = (vars: Mapping = VARS): ExpressionContexts => ({
  github: { event_name: 'schedule' },
  inputs: {},
  vars: vars as ExpressionContexts
})
const dispatch = (inputs: Record<string, string | boolean>): ExpressionContexts => ({
  github: { event_name: 'workflow_dispatch' },
  inputs,
  vars: VARS
})
const DISPATCH_DEFAULTS = { wait_for_sync: true, ingestion: 'auto', wait_for_ingestion: true, dry_run: false }

describe('kb-sync.yml triggers', () => {
  it('runs every hour at one fixed minute away from the top of the hour and the quarter marks', () => {
    const schedule = workflow.doc.on.schedule as { cron: string }[]
    expect(schedule).toHaveLength(1)
    const match = /^(\d{1,2}) \* \* \* \*$/.exec(schedule[0]?.cron ?? '')
    expect(match).not.toBeNull()
    const minute = Number(match?.[1])
    expect(minute).toBeLessThan(60)
    // GitHub delays, and under load drops, scheduled runs at the busiest minutes.
    expect([0, 15, 30, 45]).not.toContain(minute)
  })

  it('says in a comment why the schedule avoids the top of the hour', () => {
    const lines = workflow.raw.split('\n')
    const cron = lines.findIndex((line) => /^\s*- cron:/.test(line))
    const comment = lines
      .slice(0, cron)
      .reverse()
      .findIndex((line) => !/^\s*#/.test(line))
    expect(comment).toBeGreaterThan(0)
    const text = lines
      .slice(cron - comment, cron)
      .map((line) => line.replace(/^\s*#\s*/, ''))
      .join(' ')
    expect(text).toMatch(/top of the hour/i)
  })

  it('has no other triggers than schedule and workflow_dispatch', () => {
    expect(Object.keys(workflow.doc.on).sort()).toEqual(['schedule', 'workflow_dispatch'])
  })

  it('offers the wait flags, ingestion and dry_run when run by hand, typed and defaulted like the action', () => {
    const inputs = (workflow.doc.on.workflow_dispatch as { inputs: Record<string, Mapping> }).inputs
    expect(Object.keys(inputs).sort()).toEqual(['dry_run', 'ingestion', 'wait_for_ingestion', 'wait_for_sync'])
    expect(inputs.wait_for_sync).toMatchObject({ type: 'boolean', default: true })
    expect(inputs.wait_for_ingestion).toMatchObject({ type: 'boolean', default: true })
    expect(inputs.dry_run).toMatchObject({ type: 'boolean', default: false })
    expect(inputs.ingestion).toMatchObject({ type: 'choice', options: ['auto', 'always', 'never'], default: 'auto' })
    for (const input of Object.values(inputs)) expect(typeof input.description).toBe('string')
  })

  it('names each dispatch input after the action input it feeds', () => {
    const inputs = (workflow.doc.on.workflow_dispatch as { inputs: Mapping }).inputs as Mapping
    for (const name of Object.keys(inputs)) {
      expect(Object.keys(action.inputs)).toContain(name)
      expect(String(actionStep.with?.[name])).toContain(`inputs.${name}`)
    }
  })
})

describe('kb-sync.yml job', () => {
  it('has one job that checks out without persisting credentials and then runs the action from this repository', () => {
    expect(jobs).toHaveLength(1)
    const checkout = steps.find((step) => step.uses?.startsWith('actions/checkout@'))
    expect(checkout?.with?.['persist-credentials']).toBe(false)
    expect(actionStep).toBeDefined()
    expect(steps.indexOf(checkout as Step)).toBeLessThan(steps.indexOf(actionStep))
  })

  it('asks for no permission at the top, and on the job only for the OIDC token and the alert issue', () => {
    expect(workflow.doc.permissions).toEqual({})
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' })
  })

  it('runs one sync per knowledge base at a time and never cancels a run in progress', () => {
    const concurrency = workflow.doc.concurrency as { group: string; 'cancel-in-progress': boolean }
    expect(concurrency.group).toContain('vars.KB_SYNC_KNOWLEDGE_BASE_ID')
    expect(concurrency['cancel-in-progress']).toBe(false)
    expect(renderValue(concurrency.group, schedule())).toBe('kb-sync-LPR1PEW0LN')
    expect(renderValue(concurrency.group, schedule({ ...VARS, KB_SYNC_KNOWLEDGE_BASE_ID: 'OTHERKB123' }))).not.toBe(
      renderValue(concurrency.group, schedule())
    )
  })

  it('takes ids, role and region from repository variables', () => {
    expect(actionStep.with).toMatchObject({
      knowledge_base_id: '${{ vars.KB_SYNC_KNOWLEDGE_BASE_ID }}',
      data_source_id: '${{ vars.KB_SYNC_DATA_SOURCE_ID }}',
      role_to_assume: '${{ vars.KB_SYNC_ROLE_ARN }}',
      aws_region: '${{ vars.AWS_REGION }}'
    })
    expect(String(actionStep.with?.function_name)).toContain('vars.KB_SYNC_FUNCTION_NAME')
  })

  it('passes only inputs the action declares, and every required one', () => {
    const given = Object.keys(actionStep.with ?? {})
    for (const name of given) expect(Object.keys(action.inputs)).toContain(name)
    for (const [name, input] of Object.entries(action.inputs)) {
      if (input.required) expect(given).toContain(name)
    }
  })

  it('fails early, naming the variable, when a repository variable is missing', () => {
    const check = steps.find((step) => step.run?.includes('KB_SYNC_ROLE_ARN'))
    expect(check).toBeDefined()
    expect(steps.indexOf(check as Step)).toBeLessThan(steps.indexOf(actionStep))
    for (const name of ['KB_SYNC_KNOWLEDGE_BASE_ID', 'KB_SYNC_DATA_SOURCE_ID', 'KB_SYNC_ROLE_ARN', 'AWS_REGION']) {
      expect(check?.env?.[name]).toBe(`\${{ vars.${name} }}`)
      expect(check?.run).toContain(name)
    }
  })

  it('expands no expression inside a run script', () => {
    for (const { step } of allSteps(workflow)) {
      if (step.run !== undefined) expect(step.run).not.toContain('${{')
    }
  })
})

describe('kb-sync.yml inputs as the action receives them', () => {
  it('on schedule (empty inputs context): the action’s defaults', () => {
    expect(renderedInputs(schedule())).toEqual({
      knowledge_base_id: 'LPR1PEW0LN',
      data_source_id: 'AJIJE6BWIV',
      function_name: 'incident-kb-batch-sync',
      aws_region: 'us-east-1',
      role_to_assume: 'arn:aws:iam::123456789012:role/kb-sync',
      sync_timeout_seconds: '300',
      wait_for_sync: 'true',
      ingestion: 'auto',
      wait_for_ingestion: 'true',
      dry_run: 'false',
      alert_issue: 'true'
    })
  })

  it('uses KB_SYNC_FUNCTION_NAME when the variable is set', () => {
    expect(renderedInputs(schedule({ ...VARS, KB_SYNC_FUNCTION_NAME: 'my-sync' })).function_name).toBe('my-sync')
  })

  it('on dispatch with the defaults: the same values as on schedule, but no alert issue for a run someone watches', () => {
    const fromSchedule = renderedInputs(schedule())
    expect(renderedInputs(dispatch(DISPATCH_DEFAULTS))).toEqual({ ...fromSchedule, alert_issue: 'false' })
  })

  it.each([
    ['wait_for_sync', false, 'false'],
    ['wait_for_sync', true, 'true'],
    ['wait_for_ingestion', false, 'false'],
    ['wait_for_ingestion', true, 'true'],
    ['dry_run', true, 'true'],
    ['dry_run', false, 'false'],
    ['ingestion', 'always', 'always'],
    ['ingestion', 'never', 'never'],
    ['ingestion', 'auto', 'auto']
  ])('on dispatch, %s = %p reaches the action as %p', (name, chosen, expected) => {
    expect(renderedInputs(dispatch({ ...DISPATCH_DEFAULTS, [name]: chosen }))[name]).toBe(expected)
  })

  it('hands every boolean input to the action in a form core.getBooleanInput accepts', () => {
    const booleans = ['wait_for_sync', 'wait_for_ingestion', 'dry_run']
    for (const contexts of [
      schedule(),
      dispatch(DISPATCH_DEFAULTS),
      dispatch({ ...DISPATCH_DEFAULTS, dry_run: true })
    ]) {
      const inputs = renderedInputs(contexts)
      for (const name of booleans) expect(['true', 'false']).toContain(inputs[name])
    }
  })

  it('belongs to the job named in the file', () => {
    expect(jobId).toBe('kb-sync')
  })
})

const MINUTE_MS = 60_000
/** Time for the runner to start the job, check out, and run the steps before and after the action. */
const MARGIN_MS = 5 * MINUTE_MS
/** More than this above the budget, and a hung runner holds the concurrency group for nothing. */
const SLACK_MS = 15 * MINUTE_MS

/** The Config the action builds from what the workflow passes it, action.yml's defaults filling in the rest. */
function configFor(contexts: ExpressionContexts): Config {
  return actionConfig(renderedInputs(contexts))
}

const ALL_DISPATCHES = [true, false].flatMap((wait_for_sync) =>
  ['auto', 'always', 'never'].flatMap((ingestion) =>
    [true, false].flatMap((wait_for_ingestion) =>
      [true, false].map((dry_run) => ({ wait_for_sync, ingestion, wait_for_ingestion, dry_run }))
    )
  )
)

describe('kb-sync.yml deadlines', () => {
  const timeoutMs = (job['timeout-minutes'] as number) * MINUTE_MS

  it('waits for one invocation as long as the reference Lambda may run (5 minutes), not the 15-minute maximum', () => {
    expect(String(actionStep.with?.sync_timeout_seconds)).toBe('300')
    expect(configFor(schedule()).syncTimeoutSeconds).toBe(300)
  })

  it.each([
    ['a scheduled run', schedule()],
    ['a run dispatched with the defaults', dispatch(DISPATCH_DEFAULTS)],
    ['a run dispatched with ingestion: always', dispatch({ ...DISPATCH_DEFAULTS, ingestion: 'always' })]
  ])('gives %s the action’s whole run budget plus a margin, and not much more', (_what, contexts) => {
    const budget = runBudgetMs(configFor(contexts))
    expect(typeof job['timeout-minutes']).toBe('number')
    expect(timeoutMs).toBeGreaterThanOrEqual(budget + MARGIN_MS)
    expect(timeoutMs).toBeLessThanOrEqual(budget + SLACK_MS)
  })

  it('gives every combination of dispatch inputs its run budget plus the margin', () => {
    for (const inputs of ALL_DISPATCHES) {
      const budget = runBudgetMs(configFor(dispatch(inputs)))
      expect({ inputs, fits: timeoutMs >= budget + MARGIN_MS }).toEqual({ inputs, fits: true })
    }
  })
})
