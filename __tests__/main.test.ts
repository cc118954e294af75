/** The runner adapter: run metadata from the environment, the logger's safety, signals, and the failure funnel. */
import { EventEmitter } from 'node:events'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import type { RunDeps } from '../src/pipeline/run.js'
import type { RunResult } from '../src/pipeline/result.js'

const runKbSync = jest.fn<(deps: RunDeps) => Promise<RunResult>>()
const report = jest.fn<(result: RunResult) => Promise<void>>()
const commands: string[] = []
const githubIdToken = jest.fn(async (audience: string) => `token-for-${audience}`)
jest.unstable_mockModule('../src/aws/github-oidc.js', () => ({ githubIdToken, TokenRequestError: Error }))
jest.unstable_mockModule('../src/workflow-commands.js', () => ({
  workflow: {
    info: (message: string) => void commands.push(message),
    debug: (message: string) => void commands.push(`::debug::${message}`),
    warning: (message: string) => void commands.push(`::warning::${message}`),
    addMask: (secret: string) => void commands.push(`::add-mask::${secret}`),
    setFailed: (message: string) => void commands.push(`::error::${message}`),
    group: async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
      commands.push(`::group::${name}`)
      return fn()
    }
  }
}))
jest.unstable_mockModule('../src/pipeline/run.js', () => ({ runKbSync }))
jest.unstable_mockModule('../src/report/report.js', () => ({ report }))
const { onFirstSignal, run, runnerLogger } = await import('../src/main.js')
const { runInfo } = await import('../src/run-info.js')

beforeEach(() => {
  commands.length = 0
  runKbSync.mockReset()
  report.mockReset()
})

function eventFile(payload: unknown): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kb-sync-event-')), 'event.json')
  writeFileSync(file, JSON.stringify(payload))
  return file
}

describe('runInfo', () => {
  it('reads the run from the runner environment', () => {
    expect(
      runInfo({
        GITHUB_REPOSITORY: 'acme/incidents',
        GITHUB_RUN_ID: '123',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_SERVER_URL: 'https://ghe.example',
        GITHUB_JOB: 'kb-sync',
        GITHUB_ACTION: 'sync',
        GITHUB_EVENT_PATH: eventFile({ repository: { private: true } })
      })
    ).toEqual({
      repository: 'acme/incidents',
      runId: '123',
      runAttempt: '2',
      serverUrl: 'https://ghe.example',
      job: 'kb-sync',
      action: 'sync',
      repositoryVisibility: 'private'
    })
  })

  it('tells the repository visibility from the event, and treats an unknown one as unknown', () => {
    const visibility = (payload: unknown) => runInfo({ GITHUB_EVENT_PATH: eventFile(payload) }).repositoryVisibility
    expect(visibility({ repository: { visibility: 'internal', private: true } })).toBe('internal')
    expect(visibility({ repository: { private: false } })).toBe('public')
    expect(visibility({ schedule: '17 * * * *' })).toBe('unknown')
    expect(runInfo({ GITHUB_EVENT_PATH: '/nonexistent/event.json' }).repositoryVisibility).toBe('unknown')
    expect(runInfo({}).repositoryVisibility).toBe('unknown')
  })

  it('falls back outside a GitHub run', () => {
    expect(runInfo({})).toMatchObject({ runId: '', runAttempt: '1', serverUrl: 'https://github.com' })
  })
})

describe('runnerLogger', () => {
  it('never lets a logged line be a workflow command', async () => {
    runnerLogger.info('::add-mask::hunter2')
    runnerLogger.info('ok\n::error::fake')
    await runnerLogger.group('::group::x', async () => undefined)
    expect(commands).toHaveLength(3)
    for (const line of commands)
      expect(
        line
          .replace(/^::group::/, '')
          .split('\n')
          .some((part) => part.trimStart().startsWith('::'))
      ).toBe(false)
  })
})

describe('onFirstSignal', () => {
  it('handles the first of SIGINT and SIGTERM once, and keeps later ones from killing the process', () => {
    const target = new EventEmitter()
    const seen: string[] = []
    const stop = onFirstSignal(target, (signal) => seen.push(signal))
    target.emit('SIGTERM')
    target.emit('SIGINT')
    expect(seen).toEqual(['SIGTERM'])
    expect(target.listenerCount('SIGINT')).toBe(1)
    stop()
    expect(target.listenerCount('SIGINT') + target.listenerCount('SIGTERM')).toBe(0)
  })
})

describe('run', () => {
  it('hands the pipeline the runner: inputs, OIDC, masking and a cancel signal, then reports', async () => {
    const result = { status: 'completed' } as RunResult
    runKbSync.mockImplementation(async (deps) => {
      expect(deps.cancel?.aborted).toBe(false)
      expect(await deps.getIdToken('sts.amazonaws.com')).toBe('token-for-sts.amazonaws.com')
      deps.mask('secret')
      return result
    })
    await run()
    expect(report).toHaveBeenCalledWith(result)
    expect(commands).toEqual(['::add-mask::secret'])
    expect(process.listenerCount('SIGINT')).toBe(0)
  })

  it('fails the run with the error when something throws that never should', async () => {
    runKbSync.mockRejectedValue(new Error('bug\n::add-mask::x'))
    await run()
    const failures = commands.filter((line) => line.startsWith('::error::'))
    expect(failures).toHaveLength(1)
    // One line: the command text stays in the middle of it, where the runner does not look for commands.
    expect(failures[0]).toMatch(/^::error::kb-sync failed unexpectedly: Error: bug ⏎ ::add-mask::x ⏎ /)
    expect(failures[0]).not.toContain('\n')
  })
})
