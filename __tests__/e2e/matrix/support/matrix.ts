/**
 * The fault matrix's runner and recorder. Every scenario runs the bundled action against a local stack with one
 * fault armed; every run of the matrix is recorded with what the contract forbids: a false success, a lost incident,
 * a leaked secret, a run without its summary or outputs, a run that outlived its deadline, and outside text that
 * became a workflow command. After the last scenario the counts over every run must be zero; they are written to
 * .tmp/matrix/counts.json.
 *
 * Every run goes with RUNNER_DEBUG=1, so debug lines are scanned for secrets as well.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Stack, StackOptions } from '../../../../local/stack.js'
import { annotations, expectWellFormed, freshStack, inspect, OUTPUT_NAMES } from '../../support/e2e.js'
import { runAction, type ActionRun, type CancelPlan } from '../../support/run-action.js'

export type Status = 'completed' | 'skipped' | 'started' | 'dry_run' | 'failed' | 'cancelled'
export type Inputs = Record<string, string>

const SUCCESSES: readonly Status[] = ['completed', 'skipped', 'started', 'dry_run']

/**
 * Inputs every matrix run starts from: fast polls. The deadlines are generous, so a busy machine makes a run slow,
 * never failed; scenarios about a deadline set a short one of their own.
 */
export const MATRIX_INPUTS: Inputs = {
  poll_interval_seconds: '0.1',
  ingestion_timeout_minutes: '1',
  sync_timeout_seconds: '60',
  max_sync_batches: '3'
}

const LOADED_AT = Date.now()

/** The stack's own Lambda identity: its calls are not the action's. */
export const LAMBDA_KEY = 'ASIALAMBDAEXECROLE01'

export interface Scenario {
  /** The fault: the test's name, and its row in RELIABILITY.md. */
  name: string
  /** What kb-sync does about it, as RELIABILITY.md says. */
  does: string
  /** How the run with the fault must end (later runs of the scenario say their own). */
  expect: Status | Status[]
  /** The action runs the scenario makes: the faulted run, then any converging or concurrent run. */
  runs: number
  /**
   * It waits out a client timeout or a deadline of 30–60 s, mostly idle: it runs beside the others instead of in
   * one of the stack slots, so it costs the matrix its length once, not once per slot.
   */
  long?: boolean
  stack?: StackOptions
  /** Runs on one stack shared with the area's other such scenarios (ones that must make no AWS call at all). */
  sharedStack?: boolean
  run(m: MatrixContext): Promise<void>
}

export interface AreaTable {
  /** Also the name of the table's file: __tests__/e2e/matrix/<area>.ts. */
  area: string
  /** The describe block of its tests. */
  title: string
  scenarios: Scenario[]
}

/** Cancels a run once `at` resolves (a held call reached, a handler started), as the runner would. */
export interface CancelAt {
  signal: 'SIGINT' | 'SIGTERM'
  at: Promise<unknown>
  thenSigtermAfterMs?: number
}

export interface KbOptions {
  /** How this run must end; the scenario's `expect` when omitted. */
  expect?: Status | Status[]
  /** After this run, no incident may still be pending: the run that converges after a fault. */
  converge?: boolean
  env?: Record<string, string>
  withoutEnv?: string[]
  cancel?: CancelPlan | CancelAt
  onLine?: (line: string) => void
  /** Kill the process after this long (default: 90 s). */
  timeoutMs?: number
}

export interface MatrixRun extends ActionRun {
  /** Every output (each run is checked to have them all). */
  outputs: Record<(typeof OUTPUT_NAMES)[number], string>
  /** Error and warning annotations, decoded, one string each. */
  errorText: string
  warningText: string
  /** How long each phase the run logged took, in its log's order. */
  phases: { phase: Phase; ms: number }[]
}

export interface MatrixContext {
  stack: Stack
  kb(inputs?: Inputs, options?: KbOptions): Promise<MatrixRun>
}

export interface RunRecord {
  scenario: string
  run: number
  status: string
  expected: Status[]
  falseSuccess: boolean
  lostIncidents: number
  secretsLeaked: number
  missingSummary: boolean
  /** Why the run outlived its deadline by more than 5 s, when it did. */
  outlived?: string
  logInjections: number
  /** How many secrets the run was scanned for. */
  secretsChecked: number
  /** When it started, in ms after the matrix was loaded, and how long it took. */
  at: number
  durationMs: number
  exitAfterSignalMs?: number
}

export interface MatrixCounts {
  scenarios: number
  runs: number
  falseSuccesses: number
  lostIncidents: number
  secretsLeaked: number
  runsWithoutSummary: number
  runsOutlivingDeadline: number
  logInjections: number
}

export function countRecords(records: RunRecord[], scenarios: number): MatrixCounts {
  return {
    scenarios,
    runs: records.length,
    falseSuccesses: records.filter((r) => r.falseSuccess).length,
    lostIncidents: records.reduce((n, r) => n + r.lostIncidents, 0),
    secretsLeaked: records.reduce((n, r) => n + r.secretsLeaked, 0),
    runsWithoutSummary: records.filter((r) => r.missingSummary).length,
    runsOutlivingDeadline: records.filter((r) => r.outlived !== undefined).length,
    logInjections: records.reduce((n, r) => n + r.logInjections, 0)
  }
}

// ---- deadlines ---------------------------------------------------------------------------------------------

type Phase = 'credentials' | 'sync' | 'ingestion' | 'dry_run'

const GROUPS: Record<string, Phase> = {
  Credentials: 'credentials',
  'Sync: DynamoDB → S3': 'sync',
  'Ingestion: S3 → Knowledge Base': 'ingestion',
  'Dry run': 'dry_run'
}

/** Past a deadline, a run may take this much longer (a stalled call being given up, the report being written). */
export const GRACE_MS = 5_000

/** The contract's deadline of each phase, from the run's inputs. */
export function phaseDeadlines(inputs: Inputs): Record<Phase, number> {
  const all = { ...DEFAULT_ACTION_INPUTS, ...inputs }
  const yes = (name: string): boolean => /^true$/i.test(all[name] ?? '')
  const sync =
    yes('sync') && yes('wait_for_sync')
      ? Number(all.max_sync_batches) * (Number(all.sync_timeout_seconds) + 2) * 1000 + 120_000
      : 120_000
  return {
    credentials: 60_000,
    sync,
    ingestion: all.ingestion === 'never' ? 0 : Number(all.ingestion_timeout_minutes) * 60_000,
    dry_run: 120_000
  }
}

const DEFAULT_ACTION_INPUTS: Inputs = {
  sync: 'true',
  wait_for_sync: 'true',
  max_sync_batches: '10',
  sync_timeout_seconds: '900',
  ingestion: 'auto',
  ingestion_timeout_minutes: '60'
}

// ---- secrets and log safety ----------------------------------------------------------------------------------

/** Outside text injects nothing when no line of the log starts a command other than the action's own. */
const OWN_COMMANDS = new Set(['group', 'endgroup', 'error', 'warning', 'notice', 'debug', 'add-mask'])
/** Every workflow command in the matrix's hostile text carries this word right after its `::`. */
export const INJECTED = 'INJECTED'

/** Lines of the log that outside text turned into a command, or that carry a legacy `##[` or an escape sequence. */
export function logInjections(stdout: string): string[] {
  const bad: string[] = []
  // The runner reads a command at the start of any line, whatever ends the one before.
  for (const line of stdout.split(/\r\n|[\n\r\u2028\u2029\u0085]/)) {
    if (line.includes('##[') || line.includes('\u001b')) {
      bad.push(line)
      continue
    }
    const trimmed = line.trimStart()
    if (!trimmed.startsWith('::')) continue
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/s.exec(trimmed)
    const name = command?.[1] ?? ''
    const message = command?.[2] ?? ''
    if (!OWN_COMMANDS.has(name) || message.startsWith(INJECTED) || (name === 'add-mask' && message.includes(INJECTED)))
      bad.push(line)
  }
  return bad
}

/** Values the action masked with `::add-mask::`, which the runner then hides: secrets by the action's own word. */
function maskedValues(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length))
    .filter((value) => value.length >= 8)
}

/** Every place outside the runner's own mask commands where a secret shows up. */
function leaks(run: ActionRun & { summarySource: string }, secrets: Iterable<string>): string[] {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  const places: [string, string][] = [
    ['stdout', stdout],
    ['stderr', run.stderr],
    ['summary', run.summarySource],
    ['summary (as read)', run.summary],
    ...Object.entries(run.outputs).map(([name, value]): [string, string] => [`output ${name}`, value])
  ]
  const found: string[] = []
  for (const secret of secrets) {
    if (secret.length < 8) continue
    for (const [place, text] of places) if (text.includes(secret)) found.push(`${place}: ${secret.slice(0, 6)}…`)
  }
  return found
}

/**
 * Watches every call the stack answers, without changing any: the OIDC tokens sent to STS, and the session
 * credentials the action signs with. A `delay` that never matches is a fault hook that only looks.
 */
function watchSecrets(stack: Stack, secrets: Set<string>): void {
  stack.faults.delay('*', 0, {
    times: Number.POSITIVE_INFINITY,
    match: (_key, request) => {
      if (request.operation === 'AssumeRoleWithWebIdentity') {
        const token = new URLSearchParams(request.body).get('WebIdentityToken')
        if (token) secrets.add(token)
      }
      if (request.accessKeyId?.startsWith('ASIA') && request.accessKeyId !== LAMBDA_KEY) {
        secrets.add(request.accessKeyId)
        const session = request.headers['x-amz-security-token']
        if (typeof session === 'string') secrets.add(session)
      }
      return false
    }
  })
}

// ---- cancelling at a moment the stack reports ----------------------------------------------------------------

/**
 * The process of one run, found by a marker in its environment: a test can then signal it at the moment the stack
 * reports (a call held), which no line of its log marks. Linux only, as CI.
 */
async function processWith(marker: string, gaveUp: () => boolean): Promise<number | undefined> {
  const needle = Buffer.from(`KB_MATRIX_RUN=${marker}\0`)
  while (!gaveUp()) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        if (readFileSync(`/proc/${entry}/environ`).includes(needle)) return Number(entry)
      } catch {
        // Gone, or not ours.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return undefined
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // Already exited.
  }
}

// ---- one run ------------------------------------------------------------------------------------------------

function asList(expected: Status | Status[]): Status[] {
  return Array.isArray(expected) ? expected : [expected]
}

interface ScenarioState {
  scenario: Scenario
  stack: Stack
  secrets: Set<string>
  records: RunRecord[]
  /** Runs started so far (two may be under way at once). */
  started: number
  /** Called before a run's checks throw, so every run is recorded whatever happens to it. */
  record(record: RunRecord): void
}

async function kbRun(state: ScenarioState, inputs: Inputs, options: KbOptions): Promise<MatrixRun> {
  const { stack, scenario } = state
  const expected = asList(options.expect ?? scenario.expect)
  const runNumber = ++state.started
  const allInputs: Inputs = {
    knowledge_base_id: stack.ids.knowledgeBaseId,
    data_source_id: stack.ids.dataSourceId,
    ...MATRIX_INPUTS,
    ...inputs
  }
  const marker = randomUUID()
  const env: Record<string, string> = { ...stack.env, RUNNER_DEBUG: '1', ...options.env, KB_MATRIX_RUN: marker }
  for (const name of options.withoutEnv ?? []) delete env[name]

  const phases: { phase: Phase; ms: number }[] = []
  let open: { phase: Phase; at: number } | undefined
  let lastPhaseEnd: number | undefined
  const onStdoutLine = (line: string): void => {
    const at = Date.now()
    if (line.startsWith('::group::')) {
      const phase = GROUPS[line.slice('::group::'.length)]
      if (phase) open = { phase, at }
    } else if (line === '::endgroup::' && open) {
      phases.push({ phase: open.phase, ms: at - open.at })
      lastPhaseEnd = at
      open = undefined
    }
    options.onLine?.(line)
  }

  const cancel = options.cancel
  let finished = false
  let signalledAt: number | undefined
  const spawnedAt = Date.now()
  const running = runAction({
    inputs: allInputs,
    env,
    onStdoutLine,
    timeoutMs: options.timeoutMs ?? 90_000,
    ...(cancel && 'when' in cancel ? { cancel } : {})
  })
  if (cancel && 'at' in cancel) {
    void cancel.at.then(async () => {
      const pid = await processWith(marker, () => finished)
      if (pid === undefined) return
      signalledAt = Date.now()
      kill(pid, cancel.signal)
      if (cancel.thenSigtermAfterMs !== undefined) {
        setTimeout(() => {
          if (!finished) kill(pid, 'SIGTERM')
        }, cancel.thenSigtermAfterMs)
      }
    })
  }
  const run = await running
  finished = true
  const exitedAt = spawnedAt + run.durationMs
  if (open) phases.push({ phase: open.phase, ms: exitedAt - open.at })
  const exitAfterSignalMs = run.exitAfterSignalMs ?? (signalledAt !== undefined ? exitedAt - signalledAt : undefined)

  // What the contract forbids, counted before any assertion can stop the scenario.
  const status = run.outputs.status ?? ''
  const deadlines = phaseDeadlines(allInputs)
  const outlived: string[] = []
  for (const { phase, ms } of phases) {
    if (ms > deadlines[phase] + GRACE_MS) outlived.push(`${phase} took ${ms} ms (deadline ${deadlines[phase]} ms)`)
  }
  const afterPhases = exitedAt - (lastPhaseEnd ?? spawnedAt)
  if (afterPhases > GRACE_MS) outlived.push(`the process lived ${afterPhases} ms after its last phase`)
  if (exitAfterSignalMs !== undefined && exitAfterSignalMs > GRACE_MS)
    outlived.push(`it exited ${exitAfterSignalMs} ms after the signal`)

  const truth = await stack.truth()
  const documents = new Set(truth.documentKeys)
  const withoutDocument = truth.syncedIds.filter((id) => !documents.has(`${stack.ids.prefix}${id}.json`))
  const pending = options.converge ? truth.pendingIds.length : 0
  for (const value of maskedValues(run.stdout)) state.secrets.add(value)
  const leaked = leaks(run, state.secrets)
  const injected = logInjections(run.stdout)
  const missingSummary =
    !/<h2>.*kb-sync: /.test(run.summarySource) ||
    ['status', 'result', 'duration_seconds'].some((name) => run.outputs[name] === undefined)

  state.record({
    scenario: scenario.name,
    run: runNumber,
    status,
    expected,
    falseSuccess: SUCCESSES.includes(status as Status) && !expected.some((s) => SUCCESSES.includes(s)),
    lostIncidents: withoutDocument.length + pending,
    secretsLeaked: leaked.length,
    missingSummary,
    ...(outlived.length > 0 ? { outlived: outlived.join('; ') } : {}),
    logInjections: injected.length,
    secretsChecked: state.secrets.size,
    at: spawnedAt - LOADED_AT,
    durationMs: run.durationMs,
    ...(exitAfterSignalMs !== undefined ? { exitAfterSignalMs } : {})
  })

  if (!expected.includes(status as Status)) {
    const tail = [...run.stdout.split('\n').slice(-15), ...run.stderr.split('\n').slice(-15)].join('\n')
    throw new Error(`Run ${runNumber} ended '${status}' (exit ${run.exitCode}), not ${expected.join(' or ')}:\n${tail}`)
  }
  expectWellFormed(run)
  expect(leaked).toEqual([])
  expect(injected).toEqual([])
  expect(outlived).toEqual([])
  expect(withoutDocument).toEqual([])
  if (options.converge) {
    expect(truth.pendingIds).toEqual([])
    // Converged, the rest holds too: S3 has no document the table does not mark, the index only CLOSED incidents.
    await inspect(stack)
  }
  if (status === 'cancelled') expect(exitAfterSignalMs).toBeDefined()
  // The scan is not vacuous: a run that assumed the role was checked for its token and its session's keys.
  if (allInputs.role_to_assume && status === 'completed') expect(state.secrets.size).toBeGreaterThanOrEqual(6)
  return {
    ...run,
    outputs: run.outputs as MatrixRun['outputs'],
    errorText: annotations(run.errors),
    warningText: annotations(run.warnings),
    phases
  }
}

// ---- the matrix --------------------------------------------------------------------------------------------

/**
 * Scenarios mostly wait (a job, a poll, a deadline), so more run at once than the e2e suite's stack slots allow;
 * `long` ones, which wait 30–60 s, take no slot at all.
 */
const PARALLEL = 5
let running = 0
const waiting: (() => void)[] = []

async function slot<T>(fn: () => Promise<T>): Promise<T> {
  while (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve))
  running++
  try {
    return await fn()
  } finally {
    running--
    waiting.shift()?.()
  }
}

async function onFreshStack(options: StackOptions, fn: (stack: Stack) => Promise<void>): Promise<void> {
  const stack = await freshStack(options)
  try {
    await fn(stack)
  } finally {
    stack.faults.clear()
    await quiet(stack)
    await stack.stop()
  }
}

/**
 * Waits until the stack has answered no call for a moment: a Lambda the action stopped waiting for is still
 * writing, and a stack stopped under it throws "Database is closed" from dynalite into the test process.
 */
async function quiet(stack: Stack, forMs = 300, atMostMs = 20_000): Promise<void> {
  const until = Date.now() + atMostMs
  let seen = -1
  while (Date.now() < until && stack.calls().length !== seen) {
    seen = stack.calls().length
    await new Promise((resolve) => setTimeout(resolve, forMs))
  }
}

async function runScenario(scenario: Scenario, records: RunRecord[], shared: () => Promise<Stack>): Promise<void> {
  const own: RunRecord[] = []
  const body = async (stack: Stack, isShared: boolean): Promise<void> => {
    const secrets = new Set([stack.env.AWS_SECRET_ACCESS_KEY ?? '', stack.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? ''])
    // A shared stack's calls belong to no one scenario; its scenarios make none.
    if (!isShared) watchSecrets(stack, secrets)
    const state: ScenarioState = {
      scenario,
      stack,
      secrets,
      records: own,
      started: 0,
      record: (record) => {
        own.push(record)
        records.push(record)
      }
    }
    await scenario.run({ stack, kb: (inputs = {}, options = {}) => kbRun(state, inputs, options) })
  }
  if (scenario.sharedStack) await slot(async () => body(await shared(), true))
  else if (scenario.long) await onFreshStack(scenario.stack ?? {}, (stack) => body(stack, false))
  else await slot(() => onFreshStack(scenario.stack ?? {}, (stack) => body(stack, false)))
  expect(`${scenario.name}: ${own.length} runs`).toBe(`${scenario.name}: ${scenario.runs} runs`)
}

const RECORD_FILE = new URL('../../../../.tmp/matrix/counts.json', import.meta.url)

/**
 * Declares the matrix: a describe per area, a test per scenario. Every scenario starts at once (long ones first),
 * each test waits for its own, and after the last the counts over every run must be zero; they are written to
 * .tmp/matrix/counts.json with every run's record.
 */
export function runMatrix(tables: AreaTable[]): void {
  const names = tables.flatMap((t) => t.scenarios.map((s) => s.name))
  if (new Set(names).size !== names.length) throw new Error('two scenarios of the matrix share a name')
  // KB_MATRIX_ONLY=<regex> runs only the scenarios it matches (jest's -t would still start them all).
  const only = process.env.KB_MATRIX_ONLY ? new RegExp(process.env.KB_MATRIX_ONLY) : undefined
  const selected = tables
    .map((t) => ({ ...t, scenarios: t.scenarios.filter((s) => !only || only.test(s.name)) }))
    .filter((t) => t.scenarios.length > 0)
  const records = new Map<string, RunRecord[]>(selected.map((t) => [t.area, []]))
  const started = new Map<string, Promise<void>>()
  let sharedStack: Promise<Stack> | undefined
  const shared = (): Promise<Stack> => (sharedStack ??= freshStack())

  beforeAll(() => {
    const all = selected.flatMap((t) => t.scenarios.map((scenario) => ({ area: t.area, scenario })))
    for (const { area, scenario } of [...all.filter((a) => a.scenario.long), ...all.filter((a) => !a.scenario.long)]) {
      const done = runScenario(scenario, records.get(area)!, shared)
      // Reported by the scenario's own test; never an unhandled rejection meanwhile.
      done.catch(() => undefined)
      started.set(scenario.name, done)
    }
  })

  for (const table of selected) {
    describe(table.title, () => {
      it.concurrent.each(table.scenarios.map((s) => [s.name] as const))(
        '%s',
        async (name) => {
          await started.get(name)
        },
        300_000
      )
    })
  }

  afterAll(async () => {
    await Promise.allSettled(started.values())
    if (sharedStack) {
      const stack = await sharedStack
      stack.faults.clear()
      await stack.stop()
    }
    const areas = Object.fromEntries(
      selected.map((t) => [t.area, countRecords(records.get(t.area)!, t.scenarios.length)])
    )
    const all = [...records.values()].flat()
    const total = countRecords(
      all,
      selected.reduce((n, t) => n + t.scenarios.length, 0)
    )
    mkdirSync(new URL('.', RECORD_FILE), { recursive: true })
    writeFileSync(RECORD_FILE, `${JSON.stringify({ total, areas, records: Object.fromEntries(records) }, null, 2)}\n`)
    expect(total).toEqual({
      ...matrixTotals(selected),
      falseSuccesses: 0,
      lostIncidents: 0,
      secretsLeaked: 0,
      runsWithoutSummary: 0,
      runsOutlivingDeadline: 0,
      logInjections: 0
    })
  }, 300_000)
}

/** The scenarios and runs the tables declare: what a full matrix run must record. */
export function matrixTotals(tables: AreaTable[]): { scenarios: number; runs: number } {
  return {
    scenarios: tables.reduce((n, t) => n + t.scenarios.length, 0),
    runs: tables.reduce((n, t) => n + t.scenarios.reduce((m, s) => m + s.runs, 0), 0)
  }
}
