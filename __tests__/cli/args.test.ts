/** The CLI's command line: where each input comes from (flag, environment, default), how it is named, bad usage. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  envName,
  flagName,
  INPUT_NAMES,
  inputSource,
  isBooleanInput,
  parseCliArgs,
  UsageError,
  withFixed
} from '../../src/cli/args.js'
import { fixedBy } from '../../src/cli/deps.js'
import { helpText } from '../../src/cli/help.js'
import { InputError, parseInputs, type Config } from '../../src/inputs.js'
import { RUN } from '../support/fakes.js'

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
}

/** The config a command line and an environment make, through the same parseInputs as the action. */
function configOf(argv: string[], env: NodeJS.ProcessEnv = {}): Config {
  const args = parseCliArgs(argv)
  const source = inputSource(args.flags, { AWS_REGION: 'eu-west-1', ...env })
  return parseInputs(source.read, { AWS_REGION: 'eu-west-1', ...env }, RUN, source.label)
}

function problemsOf(argv: string[], env: NodeJS.ProcessEnv = {}): string[] {
  try {
    configOf(argv, env)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) return error.message
    throw error
  }
  throw new Error('expected a UsageError')
}

const IDS = ['--knowledge-base-id', 'LPR1PEW0LN', '--data-source-id', 'AJIJE6BWIV']

describe('inputs as flags and environment variables', () => {
  it('has a flag and a variable for every input of action.yml, named after it', () => {
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
    expect(flagName('knowledge_base_id')).toBe('--knowledge-base-id')
    expect(envName('knowledge_base_id')).toBe('KB_SYNC_KNOWLEDGE_BASE_ID')
    for (const name of INPUT_NAMES) {
      const fallback = action.inputs[name]?.default
      expect([name, isBooleanInput(name)]).toEqual([name, fallback === 'true' || fallback === 'false'])
    }
  })

  it('takes a flag over the environment, and the environment over the default', () => {
    const env = {
      KB_SYNC_KNOWLEDGE_BASE_ID: 'ENVKB00001',
      KB_SYNC_DATA_SOURCE_ID: 'ENVDS00001',
      KB_SYNC_MAX_SYNC_BATCHES: '7'
    }
    expect(configOf([], env)).toMatchObject({
      knowledgeBaseId: 'ENVKB00001',
      maxSyncBatches: 7,
      functionName: 'incident-kb-batch-sync'
    })
    expect(configOf(['--knowledge-base-id', 'FLAGKB0001', '--max-sync-batches=3'], env)).toMatchObject({
      knowledgeBaseId: 'FLAGKB0001',
      dataSourceId: 'ENVDS00001',
      maxSyncBatches: 3
    })
  })

  it('reads every input from its variable', () => {
    const env = {
      KB_SYNC_KNOWLEDGE_BASE_ID: 'LPR1PEW0LN',
      KB_SYNC_DATA_SOURCE_ID: 'AJIJE6BWIV',
      KB_SYNC_FUNCTION_NAME: 'other-fn',
      KB_SYNC_AWS_REGION: 'ap-south-1',
      KB_SYNC_ROLE_TO_ASSUME: 'arn:aws:iam::123456789012:role/kb',
      KB_SYNC_ROLE_SESSION_NAME: 'me-at-home',
      KB_SYNC_AUDIENCE: 'aud',
      KB_SYNC_SYNC: 'false',
      KB_SYNC_WAIT_FOR_SYNC: 'false',
      KB_SYNC_MAX_SYNC_BATCHES: '2',
      KB_SYNC_SYNC_PAYLOAD: '{"limit": 5}',
      KB_SYNC_SYNC_TIMEOUT_SECONDS: '30',
      KB_SYNC_INGESTION: 'always',
      KB_SYNC_WAIT_FOR_INGESTION: 'false',
      KB_SYNC_INGESTION_TIMEOUT_MINUTES: '0.5',
      KB_SYNC_POLL_INTERVAL_SECONDS: '2',
      KB_SYNC_FAIL_ON_DOCUMENT_FAILURES: 'false',
      KB_SYNC_BACKLOG_TABLE: 'tbl',
      KB_SYNC_BACKLOG_INDEX: 'idx',
      KB_SYNC_DESCRIPTION: 'by hand',
      KB_SYNC_DRY_RUN: 'true',
      KB_SYNC_LAMBDA_LOG_TAIL: 'always',
      KB_SYNC_METRICS_NAMESPACE: 'Team/KB',
      KB_SYNC_ALERT_ISSUE: 'false',
      KB_SYNC_GITHUB_TOKEN: 'ghp_x'
    }
    expect(Object.keys(env).sort()).toEqual(INPUT_NAMES.map(envName).sort())
    expect(configOf([], env)).toEqual({
      knowledgeBaseId: 'LPR1PEW0LN',
      dataSourceId: 'AJIJE6BWIV',
      functionName: 'other-fn',
      region: 'ap-south-1',
      roleToAssume: 'arn:aws:iam::123456789012:role/kb',
      roleSessionName: 'me-at-home',
      audience: 'aud',
      sync: false,
      waitForSync: false,
      maxSyncBatches: 2,
      syncPayload: '{"limit": 5}',
      syncTimeoutSeconds: 30,
      ingestion: 'always',
      waitForIngestion: false,
      ingestionTimeoutMs: 30_000,
      pollIntervalMs: 2_000,
      failOnDocumentFailures: false,
      backlogTable: 'tbl',
      backlogIndex: 'idx',
      description: 'by hand',
      dryRun: true,
      showLogTail: true,
      metricsNamespace: 'Team/KB',
      alertIssue: false,
      githubToken: 'ghp_x'
    })
  })

  it('counts a variable set to empty as given, as an empty action input is: an empty backlog table turns the check off', () => {
    expect(configOf(IDS, { KB_SYNC_BACKLOG_TABLE: '' }).backlogTable).toBeUndefined()
    expect(configOf([...IDS, '--backlog-table', '']).backlogTable).toBeUndefined()
    expect(configOf(IDS).backlogTable).toBe('incidents')
  })

  it('takes a bare boolean flag as true, and a following word as its value', () => {
    expect(configOf([...IDS, '--dry-run']).dryRun).toBe(true)
    expect(configOf([...IDS, '--dry-run', '--wait-for-sync', 'false']).dryRun).toBe(true)
    expect(configOf([...IDS, '--wait-for-sync', 'False']).waitForSync).toBe(false)
    expect(configOf([...IDS, '--wait-for-sync=FALSE']).waitForSync).toBe(false)
    expect(configOf(['--dry-run', ...IDS]).dryRun).toBe(true)
    expect(configOf([...IDS, '--dry-run', 'false'], { KB_SYNC_DRY_RUN: 'true' }).dryRun).toBe(false)
    // A command after a bare boolean flag is the command, not the flag's value.
    expect(parseCliArgs(['--dry-run', 'sync'])).toMatchObject({ command: 'sync', flags: { dry_run: 'true' } })
  })

  it('names the flag or the variable that gave a bad value, and both when a required input is missing', () => {
    expect(problemsOf([...IDS, '--max-sync-batches', '0'])).toEqual([
      "--max-sync-batches has the value '0'; allowed: a whole number from 1 to 1000."
    ])
    expect(problemsOf(IDS, { KB_SYNC_MAX_SYNC_BATCHES: 'many' })).toEqual([
      "KB_SYNC_MAX_SYNC_BATCHES has the value 'many'; allowed: a whole number from 1 to 1000."
    ])
    expect(problemsOf([...IDS, '--dry-run', 'yes'])).toEqual([
      "--dry-run has the value 'yes'; allowed: true | True | TRUE | false | False | FALSE."
    ])
    expect(problemsOf(['--data-source-id', 'AJIJE6BWIV'])).toEqual([
      '--knowledge-base-id (or KB_SYNC_KNOWLEDGE_BASE_ID) is required: the 10-character id (letters and digits) from the Bedrock console.'
    ])
  })

  it('names a fallback by where it came from, and inputs a command fixes by the command', () => {
    const source = inputSource({}, {}, { aws_region: { value: 'nowhere', label: "The region of AWS profile 'dev'" } })
    expect(source.read('aws_region')).toBe('nowhere')
    expect(source.label('aws_region')).toBe("The region of AWS profile 'dev'")
    expect(
      inputSource({ aws_region: 'us-east-2' }, {}, { aws_region: { value: 'x', label: 'y' } }).read('aws_region')
    ).toBe('us-east-2')
    const fixed = withFixed(
      inputSource({}, { KB_SYNC_INGESTION: 'always' }),
      fixedBy('kb-sync sync', { ingestion: 'never' })
    )
    expect(fixed.read('ingestion')).toBe('never')
    expect(fixed.label('ingestion')).toBe('ingestion (set by kb-sync sync)')
  })
})

describe('parseCliArgs', () => {
  it('reads the command, the job id and the CLI’s own flags', () => {
    expect(parseCliArgs([])).toEqual({
      command: 'run',
      flags: {},
      json: false,
      verbose: false,
      help: false,
      version: false
    })
    expect(parseCliArgs(['sync', '--json'])).toMatchObject({ command: 'sync', json: true })
    expect(parseCliArgs(['--verbose', 'status', 'ABCDEFGHIJ'])).toMatchObject({
      command: 'status',
      jobId: 'ABCDEFGHIJ',
      verbose: true
    })
    expect(parseCliArgs(['mcp', '--knowledge-base-id', 'X'])).toMatchObject({
      command: 'mcp',
      flags: { knowledge_base_id: 'X' }
    })
    expect(parseCliArgs(['-h'])).toMatchObject({ help: true })
    expect(parseCliArgs(['help', 'status'])).toMatchObject({ help: true, command: 'status' })
    expect(parseCliArgs(['--version'])).toMatchObject({ version: true })
  })

  it('refuses unknown flags and commands, naming them and the nearest flag', () => {
    expect(usageError(['--knowlege-base-id', 'X'])).toBe(
      'unknown flag --knowlege-base-id (did you mean --knowledge-base-id?).'
    )
    expect(usageError(['--frobnicate'])).toBe('unknown flag --frobnicate.')
    expect(usageError(['-x'])).toBe('unknown flag -x.')
    expect(usageError(['deploy'])).toMatch(/^unknown command 'deploy'/)
    expect(usageError(['sync', 'extra'])).toBe("unexpected argument 'extra'.")
  })

  it('refuses a flag without its value, naming the flag', () => {
    expect(usageError(['--knowledge-base-id'])).toBe('--knowledge-base-id needs a value.')
    expect(usageError(['--knowledge-base-id', '--json'])).toMatch(
      /^--knowledge-base-id needs a value, but the next argument is --json; .* write --knowledge-base-id=--json\.$/
    )
    expect(parseCliArgs(['--description=-dash-first'])).toMatchObject({ flags: { description: '-dash-first' } })
    expect(usageError(['--json=yes'])).toBe('--json takes no value.')
  })

  it('refuses a job id that is not one, and what contradicts the command', () => {
    expect(usageError(['status', 'nope'])).toMatch(/^'nope' is not an ingestion job id/)
    expect(usageError(['status', 'ABCDEFGHIJ', 'KLMNOPQRST'])).toMatch(/^unexpected argument 'KLMNOPQRST'/)
    expect(usageError(['sync', '--ingestion', 'always'])).toMatch(/^--ingestion always contradicts kb-sync sync/)
    expect(usageError(['sync', '--sync', 'false'])).toMatch(/^--sync false contradicts kb-sync sync/)
    expect(usageError(['mcp', '--json'])).toMatch(/^--json does not apply to kb-sync mcp/)
    expect(parseCliArgs(['sync', '--ingestion', 'never'])).toMatchObject({ command: 'sync' })
  })
})

describe('helpText', () => {
  it('lists every input of action.yml as a flag with its variable and default, and every command', () => {
    const help = helpText(undefined)
    for (const [name, input] of Object.entries(action.inputs)) {
      const flag = `--${name.replace(/_/g, '-')}`
      const shown = input.required
        ? 'required'
        : input.default === '' || (input.default ?? '').startsWith('${{')
          ? 'default: (empty)'
          : `default: ${input.default}`
      expect(help).toContain(`\n  ${flag} `)
      expect(help).toContain(`KB_SYNC_${name.toUpperCase()}; ${shown}\n`)
    }
    for (const usage of [
      'kb-sync [flags]',
      'kb-sync sync [flags]',
      'kb-sync status [job id] [flags]',
      'kb-sync mcp [flags]'
    ])
      expect(help).toContain(usage)
    for (const flag of ['--json', '--verbose', '--help', '--version']) expect(help).toContain(flag)
    expect(help).toMatch(/Exit codes: 0 success; 1 .*; 2 bad usage; 130 cancelled/)
  })

  it('shows one command’s usage, with all the flags, for <command> --help', () => {
    const help = helpText('status')
    expect(help).toContain('kb-sync status [job id] [flags]')
    expect(help).not.toContain('kb-sync mcp [flags]')
    expect(help).toContain('--knowledge-base-id <id>')
  })
})
