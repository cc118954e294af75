/**
 * The runner protocol writer prints and writes exactly what @actions/core does for the same calls (apart from the
 * random heredoc delimiter of an output), so the runner reads both alike.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { StepSummary } from '../src/report/step-summary.js'
import { addResultToSummary } from '../src/report/summary.js'
import { emptyIngestionPhase, emptySyncPhase, type RunResult } from '../src/pipeline/result.js'
import { setOutput, workflow } from '../src/workflow-commands.js'

let written: string[] = []

beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  process.exitCode = undefined
})

function printed(fn: () => unknown): string {
  written = []
  fn()
  return written.join('')
}

const awkward = ['plain', '50% done\r\nnext: a, b', '::error::not a command', '', 'ünïcødé 🚀']

describe('workflow', () => {
  it.each(awkward)('prints %j as @actions/core does', (text) => {
    expect(printed(() => workflow.info(text))).toBe(printed(() => core.info(text)))
    expect(printed(() => workflow.debug(text))).toBe(printed(() => core.debug(text)))
    expect(printed(() => workflow.warning(text))).toBe(printed(() => core.warning(text)))
    expect(printed(() => workflow.addMask(text))).toBe(printed(() => core.setSecret(text)))
  })

  it('opens and closes a group around the work, also when it throws, as @actions/core does', async () => {
    const ours = await workflow.group('step: one', async () => {
      written.push('work\n')
      return 'value'
    })
    const mine = written.join('')
    written = []
    await core.group('step: one', async () => written.push('work\n'))
    expect(mine).toBe(written.join(''))
    expect(ours).toBe('value')

    written = []
    await expect(
      workflow.group('failing', async () => {
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(written).toEqual(['::group::failing\n', '::endgroup::\n'])
  })
})

describe('annotations and the exit code', () => {
  it.each(awkward)('prints error %j with and without a title as @actions/core does', (text) => {
    expect(printed(() => workflow.error(text))).toBe(printed(() => core.error(text)))
    expect(printed(() => workflow.error(text, 'kb-sync: sync, ingestion'))).toBe(
      printed(() => core.error(text, { title: 'kb-sync: sync, ingestion' }))
    )
  })

  it('fails the step as @actions/core does: an error annotation and exit code 1', () => {
    expect(printed(() => workflow.setFailed('boom\n::x'))).toBe(printed(() => core.setFailed('boom\n::x')))
    process.exitCode = undefined
    workflow.setFailed('boom')
    expect(process.exitCode).toBe(1)
  })
})

describe('setOutput', () => {
  const withoutDelimiters = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER')

  it.each(['plain', 'two\nlines', '', '{"json":["a, b"]}'])(
    'writes %j to GITHUB_OUTPUT as @actions/core does',
    (value) => {
      const dir = mkdtempSync(path.join(tmpdir(), 'kb-sync-output-'))
      const ours = path.join(dir, 'ours')
      const theirs = path.join(dir, 'theirs')
      writeFileSync(ours, '')
      writeFileSync(theirs, '')
      setOutput('result', value, { GITHUB_OUTPUT: ours })
      const saved = process.env.GITHUB_OUTPUT
      process.env.GITHUB_OUTPUT = theirs
      try {
        core.setOutput('result', value)
      } finally {
        if (saved === undefined) delete process.env.GITHUB_OUTPUT
        else process.env.GITHUB_OUTPUT = saved
      }
      expect(withoutDelimiters(readFileSync(ours, 'utf8'))).toBe(withoutDelimiters(readFileSync(theirs, 'utf8')))
    }
  )

  it('prints the old command where the runner gives no output file', () => {
    const saved = process.env.GITHUB_OUTPUT
    delete process.env.GITHUB_OUTPUT
    try {
      expect(printed(() => setOutput('status', 'ok', {}))).toBe(printed(() => core.setOutput('status', 'ok')))
    } finally {
      if (saved !== undefined) process.env.GITHUB_OUTPUT = saved
    }
  })
})

describe('StepSummary', () => {
  const result: RunResult = {
    status: 'failed',
    startedAt: 0,
    durationMs: 61_000,
    knowledgeBaseId: 'LPR1PEW0LN',
    dataSourceId: 'AJIJE6BWIV',
    functionName: 'incident-kb-batch-sync',
    region: 'eu-west-1',
    dryRun: false,
    sync: {
      ...emptySyncPhase(),
      ran: true,
      waited: true,
      invocations: 2,
      synced: 3,
      failed: 1,
      failedIds: ['INC-<1>'],
      processed: 4,
      stopReason: 'drained'
    },
    ingestion: {
      ...emptyIngestionPhase('this run synced 3 incidents'),
      outcome: 'failed',
      job: { jobId: 'JOB1', status: 'FAILED', statistics: undefined, failureReasons: ['a & b\n\n# not a heading'] }
    },
    checks: [],
    problems: [{ phase: 'ingestion', message: 'Ingestion job JOB1 FAILED' }],
    warnings: ['careful'],
    showLogTail: false
  }

  it("builds a run's summary byte for byte as @actions/core's Summary does", () => {
    const ours = new StepSummary()
    addResultToSummary(ours, result)
    core.summary.emptyBuffer()
    addResultToSummary(core.summary, result)
    expect(ours.toString()).toBe(core.summary.stringify())
    core.summary.emptyBuffer()
  })

  it('builds each element as @actions/core does', () => {
    const build = <T extends StepSummary | typeof core.summary>(summary: T): void => {
      summary
        .addHeading('h', 2)
        .addHeading('bad level', 9)
        .addHeading('default')
        .addRaw('raw')
        .addRaw('line', true)
        .addTable([
          [{ data: 'head', header: true }, { data: '' }],
          ['cell', '']
        ])
        .addList(['a', 'b'])
        .addList(['1'], true)
        .addDetails('more', '<pre>x</pre>')
    }
    const ours = new StepSummary()
    build(ours)
    core.summary.emptyBuffer()
    build(core.summary)
    expect(ours.toString()).toBe(core.summary.stringify())
    core.summary.emptyBuffer()
  })

  it('appends to GITHUB_STEP_SUMMARY, and says why when there is none', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kb-sync-summary-')), 'summary')
    writeFileSync(file, 'before\n')
    await new StepSummary().addHeading('after', 2).write({ GITHUB_STEP_SUMMARY: file })
    expect(readFileSync(file, 'utf8')).toBe('before\n<h2>after</h2>\n')
    await expect(new StepSummary().write({})).rejects.toThrow('GITHUB_STEP_SUMMARY is not set')
    await expect(new StepSummary().write({ GITHUB_STEP_SUMMARY: `${file}-missing` })).rejects.toThrow(
      'Unable to access summary file'
    )
  })
})
