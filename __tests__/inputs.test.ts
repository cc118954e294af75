import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { INPUT_DEFAULTS, InputError, parseInputs, REQUIRED_INPUTS, type InputName } from '../src/inputs.js'
import { RUN } from './support/fakes.js'

const REQUIRED = { knowledge_base_id: 'LPR1PEW0LN', data_source_id: 'AJIJE6BWIV' }
const ENV = { AWS_REGION: 'eu-west-1' }

function parseWith(inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv = ENV, run = RUN) {
  const all: Partial<Record<InputName, string>> = { ...REQUIRED, ...inputs }
  return parseInputs((name) => all[name], env, run)
}

function problemsOf(inputs: Partial<Record<InputName, string>>, env: NodeJS.ProcessEnv = ENV): string[] {
  try {
    parseWith(inputs, env)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}

describe('parseInputs', () => {
  it('applies the documented defaults', () => {
    const config = parseWith({})
    expect(config).toMatchObject({
      knowledgeBaseId: 'LPR1PEW0LN',
      dataSourceId: 'AJIJE6BWIV',
      functionName: 'incident-kb-batch-sync',
      region: 'eu-west-1',
      roleToAssume: undefined,
      roleSessionName: 'kb-sync-4242',
      audience: 'sts.amazonaws.com',
      sync: true,
      waitForSync: true,
      maxSyncBatches: 10,
      syncPayload: '{}',
      syncTimeoutSeconds: 900,
      ingestion: 'auto',
      waitForIngestion: true,
      ingestionTimeoutMs: 3_600_000,
      pollIntervalMs: 15_000,
      failOnDocumentFailures: true,
      backlogTable: 'incidents',
      backlogIndex: 'status-priority-index',
      dryRun: false
    })
    expect(config.description).toBe(
      'Started by kb-sync for acme/incidents, run https://github.com/acme/incidents/actions/runs/4242'
    )
  })

  it('accepts every YAML 1.2 core boolean form and rejects the rest', () => {
    for (const yes of ['true', 'True', 'TRUE']) expect(parseWith({ dry_run: yes }).dryRun).toBe(true)
    for (const no of ['false', 'False', 'FALSE']) expect(parseWith({ wait_for_sync: no }).waitForSync).toBe(false)
    for (const bad of ['yes', '1', 'on', 'tRUE']) {
      expect(problemsOf({ sync: bad })).toEqual([
        `Input 'sync' has the value '${bad}'; allowed: true | True | TRUE | false | False | FALSE.`
      ])
    }
  })

  it('names the input, the value and what is allowed, for every bad input at once', () => {
    const problems = problemsOf({
      knowledge_base_id: 'short',
      max_sync_batches: '0',
      ingestion: 'sometimes',
      sync_payload: '[1,2]',
      ingestion_timeout_minutes: 'soon',
      poll_interval_seconds: '-1'
    })
    expect(problems).toHaveLength(6)
    expect(problems[0]).toBe(
      `Input 'knowledge_base_id' has the value 'short'; allowed: exactly 10 letters or digits ([0-9a-zA-Z]{10}).`
    )
    expect(problems).toContain(`Input 'max_sync_batches' has the value '0'; allowed: a whole number from 1 to 1000.`)
    expect(problems).toContain(`Input 'ingestion' has the value 'sometimes'; allowed: auto | always | never | direct.`)
    expect(problems.join('\n')).toMatch(/'sync_payload' is a JSON array, not an object; allowed: a JSON object/)
    expect(problems.join('\n')).toMatch(
      /'ingestion_timeout_minutes' has the value 'soon'; allowed: a number of minutes above 0/
    )
    expect(problems.join('\n')).toMatch(/'poll_interval_seconds' has the value '-1'/)
  })

  it('requires the knowledge base and data source ids', () => {
    expect(problemsOf({ knowledge_base_id: '', data_source_id: '  ' })).toEqual([
      expect.stringContaining(`Input 'knowledge_base_id' is required`),
      expect.stringContaining(`Input 'data_source_id' is required`)
    ])
  })

  it('takes decimal minutes and seconds', () => {
    const config = parseWith({ ingestion_timeout_minutes: '0.5', poll_interval_seconds: '2.5' })
    expect(config.ingestionTimeoutMs).toBe(30_000)
    expect(config.pollIntervalMs).toBe(2_500)
  })

  it('rejects numbers outside their range or in other notations', () => {
    expect(problemsOf({ max_sync_batches: '1001' })).toHaveLength(1)
    expect(problemsOf({ max_sync_batches: '2.5' })).toHaveLength(1)
    expect(problemsOf({ sync_timeout_seconds: '901' })).toHaveLength(1)
    expect(problemsOf({ ingestion_timeout_minutes: '0' })).toHaveLength(1)
    expect(problemsOf({ poll_interval_seconds: '1e3' })).toHaveLength(1)
    expect(parseWith({ max_sync_batches: '1000' }).maxSyncBatches).toBe(1000)
  })

  it('accepts function names, partial and full ARNs with qualifiers', () => {
    for (const name of [
      'incident-kb-batch-sync',
      'incident-kb-batch-sync:live',
      'incident-kb-batch-sync:$LATEST',
      '123456789012:function:incident-kb-batch-sync',
      'arn:aws:lambda:eu-west-1:123456789012:function:incident-kb-batch-sync:7'
    ]) {
      expect(parseWith({ function_name: name }).functionName).toBe(name)
    }
    expect(problemsOf({ function_name: 'has spaces' })[0]).toMatch(/^Input 'function_name' has the value 'has spaces'/)
  })

  it('takes the region from aws_region, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(parseWith({ aws_region: 'us-west-2' }).region).toBe('us-west-2')
    expect(parseWith({}, { AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'us-east-1' }).region).toBe('eu-central-1')
    expect(parseWith({}, { AWS_DEFAULT_REGION: 'ap-southeast-2' }).region).toBe('ap-southeast-2')
    expect(problemsOf({}, {})[0]).toMatch(/'aws_region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set/)
    expect(problemsOf({ aws_region: 'mars' })[0]).toMatch(/'aws_region' has the value 'mars'/)
  })

  it('validates role_to_assume as an IAM role ARN', () => {
    const arn = 'arn:aws:iam::123456789012:role/kb-sync'
    expect(parseWith({ role_to_assume: arn }).roleToAssume).toBe(arn)
    expect(problemsOf({ role_to_assume: 'kb-sync' })[0]).toMatch(
      /'role_to_assume' has the value 'kb-sync'; allowed: an IAM role ARN/
    )
  })

  it('turns the backlog check off only for an explicitly empty backlog_table', () => {
    expect(parseWith({ backlog_table: '' }).backlogTable).toBeUndefined()
    expect(parseWith({}).backlogTable).toBe('incidents')
    expect(parseWith({ backlog_table: 'other' }).backlogTable).toBe('other')
  })

  it('truncates a long description to the 200 characters AWS allows', () => {
    const description = parseWith({ description: 'x'.repeat(500) }).description
    expect(description).toHaveLength(200)
    expect(description.endsWith('…')).toBe(true)
  })

  it('cuts a description between characters, never inside one', () => {
    // 150 'a' then emoji: a family emoji is one grapheme of 7 code points (11 UTF-16 units).
    const family = '👨‍👩‍👧‍👦'
    const description = parseWith({ description: `${'a'.repeat(150)}${family.repeat(10)}` }).description
    const codePoints = [...description]
    expect(codePoints.length).toBeLessThanOrEqual(200)
    expect(description).toBe(`${'a'.repeat(150)}${family.repeat(7)}…`)
    // Every astral character is whole: no lone surrogate.
    expect(description).toMatch(/^(?:[\0-\uD7FF\uE000-\uFFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/)
  })

  it('never quotes sync_payload in its errors, since it may hold a secret', () => {
    const secret = 'sk-live-0123456789abcdef'
    for (const payload of [`{"token": "${secret}"`, `["${secret}"]`, `"${secret}"`]) {
      const problems = problemsOf({ sync_payload: payload })
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(/^Input 'sync_payload' (is not valid JSON|is a JSON \w+, not an object)/)
      expect(problems[0]).not.toContain(secret)
    }
  })

  it('caps sync_payload at 256 KiB', () => {
    const big = JSON.stringify({ data: 'x'.repeat(256 * 1024) })
    expect(problemsOf({ sync_payload: big })[0]).toMatch(
      /^Input 'sync_payload' is \d+ bytes; allowed: a JSON object of at most 262144 bytes/
    )
    const fits = JSON.stringify({ data: 'x'.repeat(1000) })
    expect(parseWith({ sync_payload: fits }).syncPayload).toBe(fits)
  })

  it('publishes metrics to IncidentKBSync unless metrics_namespace is given empty, and checks the name', () => {
    expect(parseWith({}).metricsNamespace).toBe('IncidentKBSync')
    expect(parseWith({ metrics_namespace: '' }).metricsNamespace).toBeUndefined()
    expect(parseWith({ metrics_namespace: 'Team/KB sync' }).metricsNamespace).toBe('Team/KB sync')
    expect(problemsOf({ metrics_namespace: 'AWS/Lambda' })[0]).toMatch(
      /^Input 'metrics_namespace' has the value 'AWS\/Lambda'; allowed: a CloudWatch namespace/
    )
  })

  it('needs a token and a repository for alert_issue', () => {
    expect(parseWith({ alert_issue: 'true', github_token: 'ghs_x' })).toMatchObject({ alertIssue: true })
    expect(problemsOf({ alert_issue: 'true' })).toEqual([
      "Input 'alert_issue' is true, but there is no github_token to open an issue with; set github_token (default: the job's token, with permissions: issues: write) or turn alert_issue off."
    ])
  })

  it('shows the Lambda log tail only in private or internal repositories unless asked', () => {
    const visibility = (v: (typeof RUN)['repositoryVisibility'], mode?: string) =>
      parseWith(mode === undefined ? {} : { lambda_log_tail: mode }, ENV, { ...RUN, repositoryVisibility: v })
        .showLogTail
    expect(visibility('private')).toBe(true)
    expect(visibility('internal')).toBe(true)
    expect(visibility('public')).toBe(false)
    expect(visibility('unknown')).toBe(false)
    expect(visibility('public', 'always')).toBe(true)
    expect(visibility('private', 'never')).toBe(false)
    expect(problemsOf({ lambda_log_tail: 'sometimes' })).toEqual([
      `Input 'lambda_log_tail' has the value 'sometimes'; allowed: auto (private and internal repositories only) | always | never.`
    ])
  })

  it('falls back to a local session name and description outside a GitHub run', () => {
    const config = parseWith({}, ENV, { ...RUN, repository: '', runId: '' })
    expect(config.roleSessionName).toBe('kb-sync-local')
    expect(config.description).toBe('Started by kb-sync outside GitHub Actions.')
  })
})

describe('action.yml', () => {
  const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
    inputs: Record<string, { default?: string; required?: boolean; description: string }>
    outputs: Record<string, { description: string }>
    runs: { using: string; main: string }
  }

  it('declares exactly the inputs the code reads, with the same defaults', () => {
    const declared = Object.keys(action.inputs).sort()
    expect(declared).toEqual([...Object.keys(INPUT_DEFAULTS), ...REQUIRED_INPUTS].sort())
    // A default the runner evaluates (`${{ github.token }}`) has no value outside it: the code's default is empty.
    for (const [name, value] of Object.entries(INPUT_DEFAULTS)) {
      const declared = action.inputs[name]?.default ?? ''
      expect([name, declared.startsWith('${{') ? '' : declared]).toEqual([name, value])
    }
    for (const name of REQUIRED_INPUTS) expect(action.inputs[name]?.required).toBe(true)
  })

  it('gives every boolean input a default, since core.getBooleanInput throws on empty', () => {
    for (const name of [
      'sync',
      'wait_for_sync',
      'wait_for_ingestion',
      'fail_on_document_failures',
      'dry_run',
      'alert_issue'
    ]) {
      expect(['true', 'false']).toContain(action.inputs[name]?.default)
    }
  })

  it('runs the bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })
})
