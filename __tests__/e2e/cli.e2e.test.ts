/**
 * The CLI end to end: `node dist/cli/index.js` against the local stack, as a person runs it from a terminal. The
 * whole pipeline, the sync alone and a job's status; a failed job; bad usage; Ctrl-C while a job runs; and what
 * stdout carries (one JSON document with --json, a summary without).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  actionCalls,
  expectAllSearchable,
  inspect,
  STATISTIC_NAMES,
  withStack,
  type ResultDocument
} from './support/e2e.js'
import { cliEnv, runCli, type CliRun } from './support/cli.js'

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

/** stdout holds one JSON document and nothing else (pretty-printed, one trailing newline). */
function onlyJson<T>(run: CliRun): T {
  const value = JSON.parse(run.stdout) as T
  expect(run.stdout).toBe(`${JSON.stringify(value, null, 2)}\n`)
  return value
}

describe('kb-sync (the whole pipeline)', () => {
  it.concurrent(
    'syncs, ingests and waits; --json prints the result document and nothing else; status shows the job',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(12, { status: 'CLOSED' })
        const env = cliEnv(stack)
        const run = await runCli(['--json'], env)
        expect(run.exitCode).toBe(0)
        const result = onlyJson<ResultDocument>(run)
        expect(result).toMatchObject({
          status: 'completed',
          sync_phase: { successfully_synced: 12, failed: 0, total_processed: 12, backlog_before: 12, backlog_after: 0 },
          ingestion_phase: { status: 'COMPLETE', failure_reasons: [] }
        })
        expect(Object.keys(result.ingestion_phase.statistics ?? {}).sort()).toEqual([...STATISTIC_NAMES].sort())
        // Progress went to stderr, as plain lines (not a terminal), with no escape sequences.
        expect(run.stderr).toMatch(/^ {2}sync: batch 1\/10 synced 12 \(12 so far/m)
        expect(run.stderr).toMatch(/^ {2}ingestion: job \w{10} \(started by this run\) COMPLETE after/m)
        expect(run.stderr).not.toContain('\u001b')

        const view = await inspect(stack)
        expectAllSearchable(view)
        const job = view.truth.jobs.find((j) => j.ingestionJobId === result.ingestion_phase.job_id)
        expect(job?.statistics).toEqual(result.ingestion_phase.statistics)
        expect(job?.description).toBe('Started by kb-sync outside GitHub Actions.')

        // The newest job by default, a given one by id; --json is the job, the summary names it.
        const newest = await runCli(['status', '--json'], env)
        expect(newest.exitCode).toBe(0)
        expect(onlyJson(newest)).toEqual({
          job_id: result.ingestion_phase.job_id,
          status: 'COMPLETE',
          running: false,
          description: 'Started by kb-sync outside GitHub Actions.',
          statistics: result.ingestion_phase.statistics,
          failure_reasons: [],
          started_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/)
        })
        const shown = await runCli(['status', result.ingestion_phase.job_id ?? ''], env)
        expect(shown.exitCode).toBe(0)
        expect(shown.stdout).toContain(`Ingestion job ${result.ingestion_phase.job_id}: COMPLETE`)
        expect(shown.stdout).toMatch(/numberOfNewDocumentsIndexed +12/)
        expect(shown.stdout).not.toContain('\u001b')
        const missing = await runCli(['status', 'NOSUCHJOB1'], env)
        expect(missing.exitCode).toBe(1)
        expect(missing.stdout).toBe('')
        expect(missing.stderr).toMatch(
          /ingestion job NOSUCHJOB1 of knowledge base LOCALKB001 data source LOCALDS001 was not found/
        )
      })
    }
  )

  it.concurrent('prints the summary for a terminal: outcome, a table per phase, the statistics by name', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(4, { status: 'CLOSED' })
      const run = await runCli([], cliEnv(stack))
      expect(run.exitCode).toBe(0)
      expect(run.stdout).toMatch(
        /^kb-sync: completed\nSynced 4 incidents in 1 batch; ingestion job (\w{10}) completed \(scanned 4, metadata scanned 4, new 4,/
      )
      expect(run.stdout).toContain(
        'Knowledge base LOCALKB001 · data source LOCALDS001 · function incident-kb-batch-sync · region us-east-1'
      )
      expect(run.stdout).toMatch(
        /Batches +Synced +Failed +Processed +Pending before +Pending after\n +1 +4 +0 +4 +4 +0\n/
      )
      expect(run.stdout).toMatch(/\n +numberOfNewDocumentsIndexed +4\n/)
      // Not a terminal: no colour, no progress line rewritten in place.
      expect(run.stdout + run.stderr).not.toMatch(CONTROLS)
    })
  })

  it.concurrent('runs with the region of the AWS profile when no flag or variable names one', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(2, { status: 'CLOSED' })
      const env = cliEnv(stack)
      const config = join(env.HOME as string, 'aws-config')
      writeFileSync(
        config,
        `[profile kb]\nregion = ${stack.ids.region}\naws_access_key_id = ${stack.env.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${stack.env.AWS_SECRET_ACCESS_KEY}\n`
      )
      delete env.AWS_REGION
      delete env.AWS_DEFAULT_REGION
      delete env.AWS_ACCESS_KEY_ID
      delete env.AWS_SECRET_ACCESS_KEY
      const run = await runCli(['sync', '--json'], { ...env, AWS_CONFIG_FILE: config, AWS_PROFILE: 'kb' })
      expect(run.exitCode).toBe(0)
      expect(onlyJson(run)).toMatchObject({ status: 'completed', sync_results: { successfully_synced: 2 } })
      // Every call was signed for the profile's region, with the profile's keys.
      expect(
        stack
          .calls()
          .filter((c) => c.accessKeyId === stack.env.AWS_ACCESS_KEY_ID)
          .every((c) => c.region === 'us-east-1')
      ).toBe(true)
    })
  })
})

describe('kb-sync sync (the sync phase only)', () => {
  it.concurrent('drains the backlog, never starts an ingestion job, and prints the force_kb_sync result', async () => {
    await withStack({ lambdaEnv: { BATCH_LIMIT: '5' } }, async (stack) => {
      await stack.seedIncidents(12, { status: 'CLOSED' })
      const run = await runCli(
        ['sync', '--json', '--ingestion', 'never'],
        cliEnv(stack, { KB_SYNC_INGESTION: 'always' })
      )
      expect(run.exitCode).toBe(0)
      expect(onlyJson(run)).toEqual({
        status: 'completed',
        lambda_execution: { function_name: 'incident-kb-batch-sync', status_code: 200 },
        sync_results: { successfully_synced: 12, failed: 0, total_processed: 12 },
        batches: 3,
        backlog_remaining: 0
      })
      const view = await inspect(stack)
      expect(view.pending).toEqual([])
      expect(view.truth.jobs).toEqual([])
      expect(actionCalls(stack).filter((call) => call.startsWith('bedrock-agent:'))).toEqual([])

      const again = await runCli(['sync'], cliEnv(stack))
      expect(again.exitCode).toBe(0)
      expect(again.stdout).toMatch(/^kb-sync sync: skipped\n/)
      expect(again.stdout).not.toContain('Ingestion: S3 → Knowledge Base')
    })
  })
})

describe('a failed ingestion job', () => {
  it.concurrent('exits 1 and says why, with the failure reasons made safe for a terminal', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(3, { status: 'CLOSED' })
      stack.faults.failNextJob(['Embedding model \u001b[31mthrottled\u001b[0m\nretry later', 'second reason'])
      const run = await runCli([], cliEnv(stack))
      expect(run.exitCode).toBe(1)
      expect(run.stdout).toMatch(
        /^kb-sync: failed\nFailed: Ingestion job \w{10} FAILED: Embedding model \ufffd\[31mthrottled\ufffd\[0m ⏎ retry later; second reason/
      )
      expect(run.stdout).toContain(
        'Failure reasons:\n    • Embedding model \ufffd[31mthrottled\ufffd[0m ⏎ retry later\n    • second reason'
      )
      expect(run.stdout).not.toMatch(CONTROLS)

      stack.faults.failNextJob(['again'])
      const json = await runCli(['--json', '--ingestion', 'always'], cliEnv(stack))
      expect(json.exitCode).toBe(1)
      expect(onlyJson<ResultDocument>(json)).toMatchObject({
        status: 'failed',
        ingestion_phase: { status: 'FAILED', failure_reasons: ['again'] }
      })
    })
  })
})

describe('cancelling the CLI', () => {
  it.concurrent.each([
    ['SIGINT', []],
    ['SIGTERM', ['--json']]
  ] as const)(
    'stops at %s while it waits for a stuck job, says what it knows, and exits 130',
    async (signal, flags) => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(5, { status: 'CLOSED' })
        stack.faults.stickNextJob()
        const run = await runCli([...flags], cliEnv(stack), {
          cancel: { signal, when: /^ {2}ingestion: job \w{10} \(started by this run\) IN_PROGRESS/ }
        })
        expect(run.exitAfterSignalMs).toBeLessThan(5_000)
        expect(run.exitCode).toBe(130)
        expect(run.stderr).toContain(`Received ${signal}: stopping`)
        const view = await inspect(stack)
        const job = view.truth.jobs[0]
        // Never stopped by the CLI: the job is still running in Bedrock, and the output says how to follow it.
        expect(job?.status).toBe('IN_PROGRESS')
        if (flags.length === 0) {
          expect(run.stdout).toContain(
            `Cancelled by ${signal} during the ingestion step; ingestion job ${job?.ingestionJobId} was left running`
          )
          expect(run.stdout).toContain(
            `Ingestion job ${job?.ingestionJobId} was left running (last seen IN_PROGRESS). Follow it with:`
          )
          expect(run.stdout).toContain(
            `kb-sync status ${job?.ingestionJobId} --knowledge-base-id LOCALKB001 --data-source-id LOCALDS001`
          )
        } else {
          expect(onlyJson<ResultDocument>(run)).toMatchObject({
            status: 'cancelled',
            sync_phase: { successfully_synced: 5 },
            ingestion_phase: { job_id: job?.ingestionJobId, status: 'IN_PROGRESS' }
          })
        }
      })
    }
  )
})

describe('inside a GitHub Actions job', () => {
  it.concurrent(
    'assumes role_to_assume with the job’s OIDC token, masks on stderr, and keeps stdout to the JSON',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(2, { status: 'CLOSED' })
        const workflow = Object.fromEntries(
          Object.entries(stack.env).filter(([name]) => /^(GITHUB|ACTIONS)_/.test(name))
        )
        const run = await runCli(['sync', '--json', '--role-to-assume', stack.ids.roleArn], {
          ...cliEnv(stack),
          ...workflow,
          GITHUB_ACTIONS: 'true'
        })
        expect(run.exitCode).toBe(0)
        expect(onlyJson(run)).toMatchObject({ status: 'completed', sync_results: { successfully_synced: 2 } })
        expect(run.stderr).toMatch(/^::add-mask::\S+$/m)
        const assumed = stack.calls().filter((c) => c.service === 'lambda' && c.operation === 'Invoke')
        expect(assumed.length).toBe(1)
        expect(assumed[0]?.accessKeyId).toMatch(/^ASIA/)
        expect(stack.calls().some((c) => c.operation === 'AssumeRoleWithWebIdentity' && c.status === 200)).toBe(true)
      })
    }
  )

  it.concurrent(
    'outside one, asks STS AssumeRole with the default chain and names sts:AssumeRole when it fails',
    async () => {
      await withStack({}, async (stack) => {
        stack.faults.accessDenied('AssumeRole')
        const run = await runCli(['sync', '--role-to-assume', stack.ids.roleArn], cliEnv(stack))
        expect(run.exitCode).toBe(1)
        expect(run.stdout).toContain(
          `Problems\n  ✖ credentials: sts:AssumeRole was refused for ${stack.ids.roleArn}: your identity needs sts:AssumeRole`
        )
        expect(
          stack
            .calls()
            .filter((c) => c.service === 'sts')
            .map((c) => [c.operation, c.accessKeyId])
        ).toEqual([['AssumeRole', stack.env.AWS_ACCESS_KEY_ID]])
      })
    }
  )
})

describe('bad usage', () => {
  const env = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    KB_SYNC_KNOWLEDGE_BASE_ID: 'LOCALKB001',
    KB_SYNC_DATA_SOURCE_ID: 'LOCALDS001'
  }

  it.concurrent.each([
    [['--knowlege-base-id', 'X'], 'kb-sync: unknown flag --knowlege-base-id (did you mean --knowledge-base-id?).'],
    [
      ['--max-sync-batches', '0'],
      "kb-sync: --max-sync-batches has the value '0'; allowed: a whole number from 1 to 1000."
    ],
    [
      ['sync', '--wait-for-sync', 'maybe'],
      "kb-sync: --wait-for-sync has the value 'maybe'; allowed: true | True | TRUE | false | False | FALSE."
    ],
    [
      ['status', 'not-a-job'],
      "kb-sync: 'not-a-job' is not an ingestion job id: 10 letters or digits ([0-9a-zA-Z]{10})."
    ],
    [['--json', '--knowledge-base-id'], 'kb-sync: --knowledge-base-id needs a value.'],
    [['deploy'], "kb-sync: unknown command 'deploy'"]
  ])('%j exits 2 naming the flag, with nothing on stdout', async (args, message) => {
    const run = await runCli(args, env)
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(message)
    expect(run.stderr).toContain('Run kb-sync --help for the commands and flags.')
  })

  it.concurrent('names the variable a bad value came from, and both names of a missing input', async () => {
    const bad = await runCli(['--json'], { ...env, KB_SYNC_POLL_INTERVAL_SECONDS: '0' })
    expect(bad.exitCode).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain(
      "kb-sync: KB_SYNC_POLL_INTERVAL_SECONDS has the value '0'; allowed: a number of seconds above 0"
    )
    const missing = await runCli(['status'], { ...env, KB_SYNC_KNOWLEDGE_BASE_ID: '' })
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toContain('kb-sync: KB_SYNC_KNOWLEDGE_BASE_ID is required')
    const unset = await runCli([], { PATH: env.PATH, AWS_REGION: 'us-east-1' })
    expect(unset.exitCode).toBe(2)
    expect(unset.stderr).toContain('kb-sync: --knowledge-base-id (or KB_SYNC_KNOWLEDGE_BASE_ID) is required')
    expect(unset.stderr).toContain('kb-sync: --data-source-id (or KB_SYNC_DATA_SOURCE_ID) is required')
  })
})

describe('--help and --version', () => {
  const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { default?: string; required?: boolean }>
  }

  it.concurrent('lists every input of action.yml with its variable and default, and the commands', async () => {
    const run = await runCli(['--help'], { PATH: process.env.PATH ?? '' })
    expect(run.exitCode).toBe(0)
    for (const [name, input] of Object.entries(action.inputs)) {
      const shown = input.required
        ? 'required'
        : input.default === '' || (input.default ?? '').startsWith('${{')
          ? 'default: (empty)'
          : `default: ${input.default}`
      expect(run.stdout).toContain(`\n  --${name.replace(/_/g, '-')} `)
      expect(run.stdout).toContain(`KB_SYNC_${name.toUpperCase()}; ${shown}\n`)
    }
    for (const command of ['kb-sync sync', 'kb-sync status', 'kb-sync mcp']) expect(run.stdout).toContain(command)
    const sync = await runCli(['sync', '--help'], { PATH: process.env.PATH ?? '' })
    expect(sync.stdout).toContain('kb-sync sync [flags]')
    expect(sync.stdout).toContain('--knowledge-base-id <id>')
    const version = await runCli(['--version'], { PATH: process.env.PATH ?? '' })
    const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
    expect(version.stdout).toBe(`${packageJson.version}\n`)
  })
})
