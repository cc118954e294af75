/**
 * Runs the bundled action exactly as the GitHub runner does: `node dist/index.js` with INPUT_* variables and the
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, then reads back what it wrote. Used by the end-to-end tests, the demo
 * and the benchmarks.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { parse } from 'yaml'

export const DIST_ENTRY = new URL('../../dist/index.js', import.meta.url).pathname

export interface ActionRun {
  exitCode: number | null
  outputs: Record<string, string>
  summary: string
  stdout: string
  stderr: string
  /** Lines the runner turns into annotations. */
  errors: string[]
  warnings: string[]
  /** Wall time from spawn to exit. */
  durationMs: number
  /** When a cancel was sent: how long the process took to exit after the first signal. */
  exitAfterSignalMs?: number
}

/** How the runner cancels a step: SIGINT, then SIGTERM a few seconds later if the process is still there. */
export interface CancelPlan {
  /** The first signal the runner sends (a cancelled run sends SIGINT; some paths send SIGTERM first). */
  signal: 'SIGINT' | 'SIGTERM'
  /** When to send it: at the first line the action prints that matches, or after this many ms. */
  when: RegExp | number
  /** The second signal's delay (the runner: 7.5 s); omit to send only one. */
  thenSigtermAfterMs?: number
}

export interface RunOptions {
  inputs: Record<string, string>
  env?: Record<string, string>
  /** The run metadata the runner would set; defaults to a fixed run of acme/incidents. */
  github?: Record<string, string>
  timeoutMs?: number
  /** Called with each line the action prints, as it prints it. */
  onStdoutLine?: (line: string) => void
  /** Cancel the run as the runner would. */
  cancel?: CancelPlan
}

/** Every action.yml input at its default, read from action.yml itself, as the runner passes them. */
export const DEFAULT_INPUTS: Record<string, string> = Object.fromEntries(
  Object.entries(
    (
      parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
        inputs: Record<string, { default?: string }>
      }
    ).inputs
  ).flatMap(([name, input]) => (input.default === undefined ? [] : [[name, input.default]]))
)

let runCounter = 0

/** The runner's environment for the step: the caller's, the run metadata, the files, the inputs. */
export function stepEnvironment(
  options: Pick<RunOptions, 'inputs' | 'env' | 'github'>,
  dir: string,
  files: { output: string; summary: string }
): Record<string, string> {
  runCounter++
  // The run metadata goes last, so a stack's own GITHUB_* variables never make two runs share a run id (and so a
  // client token); a test that wants a particular run passes `github`.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...options.env,
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/incidents',
    GITHUB_RUN_ID: String(9000 + runCounter + Math.floor(Math.random() * 1e6)),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_JOB: 'kb-sync',
    GITHUB_ACTION: 'kb',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    ...options.github
  }
  for (const [name, value] of Object.entries({ ...DEFAULT_INPUTS, ...options.inputs })) {
    env[`INPUT_${name.toUpperCase()}`] = value
  }
  return env
}

/** What the process printed, how it ended, and when the cancel plan signalled it. */
interface Followed {
  exitCode: number | null
  stdout: string
  stderr: string
  endedAt: number
  signalledAt?: number
}

/** Follows the process to its end: its output line by line, the cancel plan, the timeout. */
async function follow(child: ChildProcessByStdio<null, Readable, Readable>, options: RunOptions): Promise<Followed> {
  const out: Omit<Followed, 'exitCode' | 'endedAt'> = { stdout: '', stderr: '' }
  let partial = ''
  const timers: NodeJS.Timeout[] = []
  const cancel = (plan: CancelPlan): void => {
    if (out.signalledAt !== undefined) return
    out.signalledAt = Date.now()
    child.kill(plan.signal)
    if (plan.thenSigtermAfterMs !== undefined)
      timers.push(setTimeout(() => child.kill('SIGTERM'), plan.thenSigtermAfterMs))
  }
  const plan = options.cancel
  if (plan && typeof plan.when === 'number') timers.push(setTimeout(() => cancel(plan), plan.when))
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString()
    out.stdout += text
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    for (const line of lines) {
      options.onStdoutLine?.(line)
      if (plan && plan.when instanceof RegExp && plan.when.test(line)) cancel(plan)
    }
  })
  child.stderr.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()))
  timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const endedAt = Date.now()
  for (const timer of timers) clearTimeout(timer)
  return { ...out, exitCode, endedAt }
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-sync-e2e-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const env = stepEnvironment(options, dir, files)
  const startedAt = Date.now()
  const child = spawn(process.execPath, [DIST_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const { exitCode, stdout, stderr, endedAt, signalledAt } = await follow(child, options)
  const result: ActionRun = {
    exitCode,
    outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    stdout,
    stderr,
    errors: stdout.split('\n').filter((line) => line.startsWith('::error')),
    warnings: stdout.split('\n').filter((line) => line.startsWith('::warning')),
    durationMs: endedAt - startedAt,
    ...(signalledAt !== undefined ? { exitAfterSignalMs: endedAt - signalledAt } : {})
  }
  rmSync(dir, { recursive: true, force: true })
  return result
}

/** Reads the `name<<DELIMITER` … `DELIMITER` blocks that @actions/core writes to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '')
    outputs[name!] = value.join('\n')
  }
  return outputs
}
