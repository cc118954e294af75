import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from '@jest/globals'
import {
  REPO_ROOT,
  jobEntries,
  loadWorkflow,
  renderValue,
  type ExpressionContexts,
  type Job,
  type Step
} from '../support/workflow-files.js'

const workflow = loadWorkflow('release.yml')
const jobs = jobEntries(workflow)
const MAJOR_TAG_SCRIPT = path.join(REPO_ROOT, '.github', 'scripts', 'major-tag.mjs')
const run = promisify(execFile)
const scratch = mkdtempSync(path.join(tmpdir(), 'kb-sync-release-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** GitHub's filter-pattern syntax for the few characters the release pattern uses. */
function tagFilterToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string
    if (char === '[') {
      const end = pattern.indexOf(']', i)
      source += pattern.slice(i, end + 1)
      i = end
    } else if (char === '+' || char === '?') source += char
    else if (char === '*') source += '[^/]*'
    else source += char.replace(/[.\\^$|(){}]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/** A job's steps; for a job that calls a reusable workflow of this repository, every step of that workflow. */
function stepsOf(job: Job): Step[] {
  const uses = job.uses as string | undefined
  if (uses === undefined) return job.steps ?? []
  const called = /^\.\/\.github\/workflows\/([^/@]+)$/.exec(uses)
  if (!called) throw new Error(`not a reusable workflow of this repository: ${uses}`)
  return jobEntries(loadWorkflow(called[1] as string)).flatMap(([, calledJob]) => stepsOf(calledJob))
}

/** The job that runs a script matching `pattern`; an empty job when none does, so that each test says what is missing. */
function jobRunning(pattern: RegExp): [string, Job] {
  return jobs.find(([, job]) => stepsOf(job).some((step) => pattern.test(step.run ?? ''))) ?? ['', {}]
}

function stepRunning(job: Job, pattern: RegExp): Step {
  return (job.steps ?? []).find((step) => pattern.test(step.run ?? '')) ?? { run: 'echo "no such step" >&2; exit 99' }
}

const [checksId, checks] = jobs.find(([, job]) => job.uses !== undefined) ?? ['', {} as Job]
const [moveId, move] = jobRunning(/git\/refs\/tags\//)
const [gateId, gate] = jobRunning(/major-tag\.mjs/)

interface StepOutcome {
  code: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
}

/** Runs one step's script the way the runner does (bash -e -o pipefail), its env: rendered for a tag push. */
async function runStep(
  step: Step,
  options: { cwd: string; tag: string; sha: string; path?: string; env?: Record<string, string> }
): Promise<StepOutcome> {
  const files = mkdtempSync(path.join(scratch, 'step-'))
  const outputFile = path.join(files, 'output')
  const summaryFile = path.join(files, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const contexts: ExpressionContexts = { github: { ref_name: options.tag, token: 'fake-token' } }
  const stepEnv: Record<string, string> = {}
  for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = renderValue(String(value), contexts)
  const env = {
    PATH: options.path ?? process.env.PATH ?? '',
    HOME: scratch,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'my-org/kb-sync',
    GITHUB_SHA: options.sha,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...stepEnv,
    ...options.env
  }
  let outcome: { code: number; stdout: string; stderr: string }
  try {
    const { stdout, stderr } = await run(
      'bash',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', step.run ?? ''],
      {
        cwd: options.cwd,
        env
      }
    )
    outcome = { code: 0, stdout, stderr }
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string }
    outcome = { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' }
  }
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  )
  return { ...outcome, outputs, summary: readFileSync(summaryFile, 'utf8') }
}

/**
 * A clone as the gate's checkout leaves it: main with three commits, a side branch, refs/remotes/origin/main, and
 * .github/scripts/major-tag.mjs from this repository. Returns the directory and a git helper.
 */
function scratchRepo(version = '1.2.3'): {
  dir: string
  git: (...args: string[]) => string
  main: string[]
  side: string
} {
  const dir = mkdtempSync(path.join(scratch, 'repo-'))
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'tag.gpgSign=false', ...args], {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
      encoding: 'utf8'
    }).trim()
  git('init', '-q', '-b', 'main')
  mkdirSync(path.join(dir, '.github', 'scripts'), { recursive: true })
  copyFileSync(MAJOR_TAG_SCRIPT, path.join(dir, '.github', 'scripts', 'major-tag.mjs'))
  const main: string[] = []
  for (const n of [1, 2, 3]) {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'kb-sync', type: 'module', version }))
    writeFileSync(path.join(dir, 'change.txt'), String(n))
    git('add', '-A')
    git('commit', '-q', '--no-gpg-sign', '-m', `main ${n}`)
    main.push(git('rev-parse', 'HEAD'))
  }
  git('checkout', '-q', '-b', 'side', main[0] as string)
  writeFileSync(path.join(dir, 'change.txt'), 'side')
  git('commit', '-q', '--no-gpg-sign', '-am', 'side')
  const side = git('rev-parse', 'HEAD')
  git('update-ref', 'refs/remotes/origin/main', main[2] as string)
  git('checkout', '-q', '--detach', main[2] as string)
  return { dir, git, main, side }
}

describe('release.yml: triggers and permissions', () => {
  const push = workflow.doc.on.push as { tags: string[]; branches?: string[] }

  it('runs only on a vX.Y.Z tag push', () => {
    expect(Object.keys(workflow.doc.on)).toEqual(['push'])
    expect(push.branches).toBeUndefined()
    const matches = (tag: string): boolean => push.tags.some((pattern) => tagFilterToRegExp(pattern).test(tag))
    expect(matches('v1.0.0')).toBe(true)
    expect(matches('v12.3.45')).toBe(true)
    for (const tag of ['v1', 'v1.2', 'v1.2.3-rc.1', '1.2.3', 'v1.2.3.4', 'release-1.2.3'])
      expect(matches(tag)).toBe(false)
  })

  it('moves vX with contents: write on that job only', () => {
    expect(workflow.doc.permissions).toEqual({ contents: 'read' })
    const writers = jobs.filter(([, job]) => JSON.stringify(job.permissions ?? {}).includes('write'))
    expect(writers.map(([id]) => id)).toEqual([moveId])
    expect(move.permissions).toEqual({ contents: 'write' })
    expect(checks.permissions).toEqual({ contents: 'read' })
  })

  it('never runs two releases at once and never cancels one', () => {
    expect(workflow.doc.concurrency).toMatchObject({ 'cancel-in-progress': false })
  })
})

describe('release.yml: gates before the major tag moves', () => {
  it('moves the major tag only after the checks and the gate, and only on their create/move decision', () => {
    expect([move.needs].flat().sort()).toEqual([checksId, gateId].sort())
    expect(move.if).toBe("needs.gate.outputs.decision == 'create' || needs.gate.outputs.decision == 'move'")
    expect(Object.keys(gate.outputs as Record<string, string>).sort()).toEqual(['commit', 'decision', 'previous'])
  })

  it('runs CI itself on the tagged commit: ci.yml, called as a reusable workflow', () => {
    expect(checks.uses).toBe('./.github/workflows/ci.yml')
    expect(Object.keys(loadWorkflow('ci.yml').doc.on)).toContain('workflow_call')
  })

  it.each([
    ['install', /^\s*npm ci\s*$/m],
    ['format check', /npm run format:check\b/],
    ['lint', /npm run lint(?!:)\b/],
    ['type-check', /npm run typecheck\b/],
    ['workflow validation', /npm run lint:workflows\b/],
    ['dist/ freshness check', /\bbash scripts\/check-dist\.sh\b/],
    ['infra/templates/ freshness check', /\bbash scripts\/check-infra\.sh\b/],
    ['tests', /npm test\b/]
  ])('the checks job runs the %s', (_what, pattern) => {
    expect(stepsOf(checks).some((step) => pattern.test(step.run ?? ''))).toBe(true)
  })

  it('checks out the whole history without keeping the token, so origin/main and the tags are there', () => {
    const checkout = (gate.steps ?? []).find((step) => step.uses?.startsWith('actions/checkout@'))
    expect(checkout?.with).toMatchObject({ 'fetch-depth': 0, 'persist-credentials': false })
  })

  it('runs each gate script before the decision, and the decision script only after the on-main check', () => {
    const scripts = (gate.steps ?? []).map((step) => step.run ?? '')
    const onMain = scripts.findIndex((script) =>
      script.includes('git merge-base --is-ancestor "$GITHUB_SHA" origin/main')
    )
    const version = scripts.findIndex((script) => script.includes('package.json'))
    const decide = scripts.findIndex((script) => script.includes('node .github/scripts/major-tag.mjs'))
    expect(onMain).toBeGreaterThanOrEqual(0)
    expect(version).toBeGreaterThanOrEqual(0)
    expect(decide).toBeGreaterThan(Math.max(onMain, version))
  })
})

describe('release.yml gate, run against a scratch clone', () => {
  const tagStep = stepRunning(gate, /\^\{commit\}.*GITHUB_SHA|GITHUB_SHA.*\^\{commit\}/)
  const onMainStep = stepRunning(gate, /merge-base --is-ancestor/)
  const versionStep = stepRunning(gate, /package\.json/)
  const decideStep = stepRunning(gate, /major-tag\.mjs/)

  it('accepts a tag on a commit of main, and refuses one on another branch', async () => {
    const repo = scratchRepo()
    repo.git('tag', 'v1.2.3', repo.main[1] as string)
    repo.git('tag', 'v1.2.4', repo.side)
    expect(await runStep(onMainStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[1] as string })).toMatchObject({
      code: 0
    })
    const refused = await runStep(onMainStep, { cwd: repo.dir, tag: 'v1.2.4', sha: repo.side })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/::error title=Release refused::v1\.2\.4 \([0-9a-f]{40}\) is not on main/)
  })

  it('refuses when origin/main was not fetched, rather than guessing', async () => {
    const repo = scratchRepo()
    repo.git('update-ref', '-d', 'refs/remotes/origin/main')
    const refused = await runStep(onMainStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[2] as string })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('origin/main was not fetched')
  })

  it('accepts a package.json version equal to the tag, and refuses another', async () => {
    const repo = scratchRepo('1.2.3')
    expect(await runStep(versionStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[2] as string })).toMatchObject({
      code: 0
    })
    const refused = await runStep(versionStep, { cwd: repo.dir, tag: 'v1.2.4', sha: repo.main[2] as string })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('package.json says 1.2.3, the tag says v1.2.4')
  })

  it('refuses a tag that no longer names the pushed commit', async () => {
    const repo = scratchRepo()
    repo.git('tag', 'v1.2.3', repo.main[2] as string)
    expect(await runStep(tagStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[2] as string })).toMatchObject({
      code: 0
    })
    repo.git('tag', '-a', '-f', '-m', 'annotated', 'v1.2.3', repo.main[2] as string)
    expect(await runStep(tagStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[2] as string })).toMatchObject({
      code: 0
    })
    const moved = await runStep(tagStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[1] as string })
    expect(moved.code).toBe(1)
    expect(moved.stdout).toContain('no longer points at')
  })

  it('creates vX when it does not exist yet', async () => {
    const repo = scratchRepo()
    repo.git('tag', 'v1.0.0', repo.main[2] as string)
    const outcome = await runStep(decideStep, { cwd: repo.dir, tag: 'v1.0.0', sha: repo.main[2] as string })
    expect(outcome.code).toBe(0)
    expect(outcome.outputs).toEqual({ decision: 'create', commit: repo.main[2], previous: '' })
  })

  it('moves vX forward, and hands the move job the ref it saw', async () => {
    const repo = scratchRepo()
    repo.git('tag', 'v1.2.2', repo.main[1] as string)
    repo.git('tag', 'v1', repo.main[1] as string)
    repo.git('tag', 'v1.2.3', repo.main[2] as string)
    const outcome = await runStep(decideStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[2] as string })
    expect(outcome.code).toBe(0)
    expect(outcome.outputs).toEqual({ decision: 'move', commit: repo.main[2], previous: repo.main[1] })
    expect(outcome.stderr).toContain('::notice title=Major tag::v1 moves from v1.2.2 to v1.2.3')
  })

  it('refuses to move vX backwards', async () => {
    const repo = scratchRepo()
    repo.git('tag', 'v1.2.2', repo.main[1] as string)
    repo.git('tag', 'v1.2.3', repo.main[2] as string)
    repo.git('tag', '-a', '-m', 'major', 'v1', repo.main[2] as string)
    const outcome = await runStep(decideStep, { cwd: repo.dir, tag: 'v1.2.2', sha: repo.main[1] as string })
    expect(outcome.code).toBe(1)
    expect(outcome.stderr).toContain('::error title=Major tag::v1.2.2 is below v1.2.3')
    expect(outcome.outputs.decision).toBeUndefined()
  })

  it('leaves vX alone on a rerun of the release it already points at', async () => {
    const repo = scratchRepo()
    repo.git('tag', 'v1.2.3', repo.main[2] as string)
    repo.git('tag', 'v1', repo.main[2] as string)
    const outcome = await runStep(decideStep, { cwd: repo.dir, tag: 'v1.2.3', sha: repo.main[2] as string })
    expect(outcome.code).toBe(0)
    expect(outcome.outputs.decision).toBe('keep')
    expect(outcome.summary).toContain('v1 stays where it is')
  })
})

describe('release.yml move job, run with a stand-in gh', () => {
  const moveStep = stepRunning(move, /git\/refs\/tags\//)
  const COMMIT = 'c'.repeat(40)
  const PREVIOUS = 'b'.repeat(40)

  /** A `gh` that answers the two lookups from its environment and records every write. */
  function fakeGh(): { path: string; log: string } {
    const dir = mkdtempSync(path.join(scratch, 'gh-'))
    const log = path.join(dir, 'calls')
    writeFileSync(log, '')
    const gh = path.join(dir, 'gh')
    writeFileSync(
      gh,
      [
        '#!/usr/bin/env bash',
        `echo "$*" >> '${log}'`,
        'case "$*" in',
        '  *--method*) exit 0 ;;',
        '  *"/commits/"*) echo "$FAKE_TAG_COMMIT" ;;',
        '  *"/git/ref/tags/"*) if [ -n "$FAKE_MAJOR" ]; then echo "$FAKE_MAJOR"; else echo "Not Found" >&2; exit 1; fi ;;',
        '  *) exit 3 ;;',
        'esac',
        ''
      ].join('\n')
    )
    chmodSync(gh, 0o755)
    return { path: `${dir}:${process.env.PATH ?? ''}`, log }
  }

  async function moveWith(fake: Record<string, string>): Promise<StepOutcome & { writes: string[] }> {
    const gh = fakeGh()
    const gateOutputs = { DECISION: fake.DECISION ?? 'move', COMMIT, PREVIOUS: fake.PREVIOUS ?? PREVIOUS }
    const outcome = await runStep(
      { ...moveStep, env: { ...moveStep.env, ...gateOutputs } },
      { cwd: scratch, tag: 'v1.2.3', sha: COMMIT, path: gh.path, env: fake }
    )
    const writes = readFileSync(gh.log, 'utf8')
      .split('\n')
      .filter((line) => line.includes('--method'))
    return { ...outcome, writes }
  }

  it('takes the gate’s decision, commit and the ref it saw from the gate’s outputs, through env', () => {
    expect(moveStep.env).toMatchObject({
      TAG: '${{ github.ref_name }}',
      GH_TOKEN: '${{ github.token }}',
      DECISION: '${{ needs.gate.outputs.decision }}',
      COMMIT: '${{ needs.gate.outputs.commit }}',
      PREVIOUS: '${{ needs.gate.outputs.previous }}'
    })
    expect(moveStep.run).toContain('major="${TAG%%.*}"')
  })

  it('moves vX to the checked commit', async () => {
    const outcome = await moveWith({ FAKE_TAG_COMMIT: COMMIT, FAKE_MAJOR: PREVIOUS })
    expect(outcome.code).toBe(0)
    expect(outcome.writes).toEqual([
      `api --method PATCH repos/my-org/kb-sync/git/refs/tags/v1 -f sha=${COMMIT} -F force=true --silent`
    ])
    expect(outcome.summary).toContain('now run v1.2.3')
  })

  it('creates vX when the gate said so and it still does not exist', async () => {
    const outcome = await moveWith({ DECISION: 'create', PREVIOUS: '', FAKE_TAG_COMMIT: COMMIT, FAKE_MAJOR: '' })
    expect(outcome.code).toBe(0)
    expect(outcome.writes).toEqual([
      `api --method POST repos/my-org/kb-sync/git/refs -f ref=refs/tags/v1 -f sha=${COMMIT} --silent`
    ])
  })

  it('refuses when the release tag moved since the checks', async () => {
    const outcome = await moveWith({ FAKE_TAG_COMMIT: 'd'.repeat(40), FAKE_MAJOR: PREVIOUS })
    expect(outcome.code).toBe(1)
    expect(outcome.writes).toEqual([])
  })

  it('refuses when vX moved since the gate decided', async () => {
    const outcome = await moveWith({ FAKE_TAG_COMMIT: COMMIT, FAKE_MAJOR: 'e'.repeat(40) })
    expect(outcome.code).toBe(1)
    expect(outcome.stdout).toContain('v1 changed while this release ran')
    expect(outcome.writes).toEqual([])
  })
})

describe('.github/scripts/major-tag.mjs', () => {
  async function decide(...args: string[]): Promise<{ code: number; decision: string; reason: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [MAJOR_TAG_SCRIPT, ...args], {
        env: { ...process.env, NODE_OPTIONS: '', GITHUB_ACTIONS: '' }
      })
      return { code: 0, decision: stdout.trim(), reason: stderr.trim() }
    } catch (error) {
      const failure = error as { code?: number; stdout?: string; stderr?: string }
      return {
        code: failure.code ?? -1,
        decision: (failure.stdout ?? '').trim(),
        reason: (failure.stderr ?? '').trim()
      }
    }
  }

  it.each([
    ['v1.2.3', 'v1.2.2', 'move', 0],
    ['v1.2.2', 'v1.2.3', 'refuse', 1],
    ['v1.3.0-rc.1', 'v1.2.3', 'keep', 0],
    ['v1.2.3', 'v1.2.3', 'keep', 0],
    ['v1.10.0', 'v1.9.0', 'move', 0],
    ['v1.2.10', 'v1.2.9', 'move', 0],
    ['v2.0.0', 'v2.0.0-rc.2', 'move', 0],
    ['v1.2.3', 'v1 v1.2.1 v1.2.2 latest', 'move', 0],
    ['v1.2.3', 'v1 v1.2.4 v0.9.0', 'refuse', 1],
    ['v1.2.3', 'v1 v2.0.0', 'refuse', 1],
    ['v1.2.3', '', 'refuse', 1]
  ])('%s over the tags %p at vX: %s (exit %d)', async (tag, atMajor, decision, code) => {
    expect(await decide(tag, atMajor)).toMatchObject({ code, decision })
  })

  it('creates vX when it does not exist (no second argument)', async () => {
    expect(await decide('v1.0.0')).toMatchObject({ code: 0, decision: 'create' })
  })

  it('never moves vX for a prerelease, even when vX does not exist', async () => {
    expect(await decide('v1.0.0-rc.1')).toMatchObject({ code: 0, decision: 'keep' })
  })

  it('says why, naming both versions', async () => {
    expect((await decide('v1.2.2', 'v1.2.3')).reason).toBe(
      'v1.2.2 is below v1.2.3, where v1 points now: v1 never moves backwards'
    )
  })

  it.each([['1.2.3'], ['v1.2'], ['v01.2.3'], ['release-1.2.3']])('rejects %p as usage error (exit 2)', async (tag) => {
    expect(await decide(tag, 'v1.0.0')).toMatchObject({ code: 2, decision: '' })
  })
})
