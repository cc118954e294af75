/**
 * Bad inputs: each fails the run before any AWS call (the stack sees none, from any run of the area) with exit code
 * 1, status failed, and a message that names the input and says what is allowed.
 */
import { expect } from '@jest/globals'
import type { AreaTable, Inputs, Scenario } from './support/matrix.js'

interface BadInput {
  /** What is wrong, as the test names it. */
  what: string
  inputs: Inputs
  /** The input the message must name. */
  input: string
  /** What the message must say is allowed. */
  allowed: string
  withoutEnv?: string[]
  /** Text of the value that must not be echoed (a secret in sync_payload). */
  secret?: string
}

const BOOL = 'allowed: true | True | TRUE | false | False | FALSE'
const ID = 'allowed: exactly 10 letters or digits ([0-9a-zA-Z]{10})'
const FUNCTION =
  'allowed: a Lambda function name, partial or full ARN, with an optional :alias or :version (at most 140 characters)'
const REGION = 'allowed: an AWS region code such as us-east-1 or eu-central-1'
const ROLE = 'allowed: an IAM role ARN (arn:aws:iam::123456789012:role/NAME) or empty for the default credential chain'
const SESSION = 'allowed: 2 to 64 characters of letters, digits and + = , . @ _ -'
const BATCHES = 'allowed: a whole number from 1 to 1000'
const TIMEOUT = 'allowed: a whole number from 1 to 900'
const PAYLOAD = 'allowed: a JSON object such as {} or {"limit": 50}'
const MINUTES = 'allowed: a number of minutes above 0 and at most 1440'
const SECONDS = 'allowed: a number of seconds above 0 and at most 3600'
const TABLE =
  'allowed: a DynamoDB table name or ARN (3-255 of a-z A-Z 0-9 _ . -), or empty to turn the backlog check off'
const INDEX = 'allowed: a DynamoDB index name (3-255 of a-z A-Z 0-9 _ . -)'

const CASES: BadInput[] = [
  {
    what: 'knowledge_base_id missing',
    inputs: { knowledge_base_id: '' },
    input: 'knowledge_base_id',
    allowed: 'the 10-character id'
  },
  {
    what: 'knowledge_base_id blank',
    inputs: { knowledge_base_id: '   ' },
    input: 'knowledge_base_id',
    allowed: 'the 10-character id'
  },
  {
    what: 'knowledge_base_id with a hyphen',
    inputs: { knowledge_base_id: 'not-an-id' },
    input: 'knowledge_base_id',
    allowed: ID
  },
  {
    what: 'knowledge_base_id of 11 characters',
    inputs: { knowledge_base_id: 'ABCDEFGHIJK' },
    input: 'knowledge_base_id',
    allowed: ID
  },
  {
    what: 'knowledge_base_id with markup and workflow commands',
    inputs: { knowledge_base_id: '<img src=x>\n::error::INJECTED id\n##[error]INJECTED' },
    input: 'knowledge_base_id',
    allowed: ID
  },
  {
    what: 'data_source_id missing',
    inputs: { data_source_id: '' },
    input: 'data_source_id',
    allowed: 'the 10-character id'
  },
  {
    what: 'data_source_id with an underscore',
    inputs: { data_source_id: 'DS_0000001' },
    input: 'data_source_id',
    allowed: ID
  },
  {
    what: 'function_name with a space',
    inputs: { function_name: 'my function' },
    input: 'function_name',
    allowed: FUNCTION
  },
  {
    what: 'function_name of 141 characters',
    inputs: { function_name: 'f'.repeat(141) },
    input: 'function_name',
    allowed: FUNCTION
  },
  {
    what: 'function_name ARN with a short account id',
    inputs: { function_name: 'arn:aws:lambda:us-east-1:123:function:sync' },
    input: 'function_name',
    allowed: FUNCTION
  },
  {
    what: 'function_name with a bad qualifier',
    inputs: { function_name: 'sync:$PROD' },
    input: 'function_name',
    allowed: FUNCTION
  },
  { what: 'aws_region in capitals', inputs: { aws_region: 'US-EAST-1' }, input: 'aws_region', allowed: REGION },
  { what: 'aws_region without its number', inputs: { aws_region: 'us-east' }, input: 'aws_region', allowed: REGION },
  {
    what: 'no region anywhere (aws_region empty, no AWS_REGION, no AWS_DEFAULT_REGION)',
    inputs: { aws_region: '' },
    input: 'aws_region',
    allowed: 'set it (e.g. us-east-1)',
    withoutEnv: ['AWS_REGION', 'AWS_DEFAULT_REGION']
  },
  {
    what: 'role_to_assume with a short account id',
    inputs: { role_to_assume: 'arn:aws:iam::123:role/kb-sync' },
    input: 'role_to_assume',
    allowed: ROLE
  },
  {
    what: 'role_to_assume that is an assumed-role ARN',
    inputs: { role_to_assume: 'arn:aws:sts::123456789012:assumed-role/kb-sync/session' },
    input: 'role_to_assume',
    allowed: ROLE
  },
  {
    what: 'role_session_name of one character',
    inputs: { role_session_name: 'a' },
    input: 'role_session_name',
    allowed: SESSION
  },
  {
    what: 'role_session_name with a space',
    inputs: { role_session_name: 'kb sync' },
    input: 'role_session_name',
    allowed: SESSION
  },
  {
    what: 'role_session_name of 65 characters',
    inputs: { role_session_name: 's'.repeat(65) },
    input: 'role_session_name',
    allowed: SESSION
  },
  { what: 'sync: yes', inputs: { sync: 'yes' }, input: 'sync', allowed: BOOL },
  { what: 'sync: on', inputs: { sync: 'on' }, input: 'sync', allowed: BOOL },
  { what: 'wait_for_sync: 1', inputs: { wait_for_sync: '1' }, input: 'wait_for_sync', allowed: BOOL },
  { what: 'max_sync_batches: 0', inputs: { max_sync_batches: '0' }, input: 'max_sync_batches', allowed: BATCHES },
  { what: 'max_sync_batches: 1001', inputs: { max_sync_batches: '1001' }, input: 'max_sync_batches', allowed: BATCHES },
  { what: 'max_sync_batches: 2.5', inputs: { max_sync_batches: '2.5' }, input: 'max_sync_batches', allowed: BATCHES },
  { what: 'max_sync_batches: -1', inputs: { max_sync_batches: '-1' }, input: 'max_sync_batches', allowed: BATCHES },
  { what: 'max_sync_batches: ten', inputs: { max_sync_batches: 'ten' }, input: 'max_sync_batches', allowed: BATCHES },
  {
    what: 'sync_payload that is a JSON array',
    inputs: { sync_payload: '[1, 2]' },
    input: 'sync_payload',
    allowed: PAYLOAD
  },
  {
    what: 'sync_payload that is not JSON, holding a secret',
    inputs: { sync_payload: '{"token": "hunter2-SECRET-VALUE",}' },
    input: 'sync_payload',
    allowed: PAYLOAD,
    secret: 'hunter2-SECRET-VALUE'
  },
  {
    what: 'sync_payload that is a JSON string',
    inputs: { sync_payload: '"sync"' },
    input: 'sync_payload',
    allowed: PAYLOAD
  },
  { what: 'sync_payload that is null', inputs: { sync_payload: 'null' }, input: 'sync_payload', allowed: PAYLOAD },
  // (A sync_payload over the 256 KiB limit cannot reach the action on Linux: one environment string is at most 128 KiB.)
  { what: 'aws_region with a zone letter', inputs: { aws_region: 'us-east-1a' }, input: 'aws_region', allowed: REGION },
  {
    what: 'sync_timeout_seconds: 0',
    inputs: { sync_timeout_seconds: '0' },
    input: 'sync_timeout_seconds',
    allowed: TIMEOUT
  },
  {
    what: 'sync_timeout_seconds: 901',
    inputs: { sync_timeout_seconds: '901' },
    input: 'sync_timeout_seconds',
    allowed: TIMEOUT
  },
  {
    what: 'sync_timeout_seconds: 1.5',
    inputs: { sync_timeout_seconds: '1.5' },
    input: 'sync_timeout_seconds',
    allowed: TIMEOUT
  },
  {
    what: 'ingestion: sometimes',
    inputs: { ingestion: 'sometimes' },
    input: 'ingestion',
    allowed: 'allowed: auto | always | never'
  },
  {
    what: 'wait_for_ingestion: Yes',
    inputs: { wait_for_ingestion: 'Yes' },
    input: 'wait_for_ingestion',
    allowed: BOOL
  },
  {
    what: 'ingestion_timeout_minutes: 0',
    inputs: { ingestion_timeout_minutes: '0' },
    input: 'ingestion_timeout_minutes',
    allowed: MINUTES
  },
  {
    what: 'ingestion_timeout_minutes: -5',
    inputs: { ingestion_timeout_minutes: '-5' },
    input: 'ingestion_timeout_minutes',
    allowed: MINUTES
  },
  {
    what: 'ingestion_timeout_minutes: 1441',
    inputs: { ingestion_timeout_minutes: '1441' },
    input: 'ingestion_timeout_minutes',
    allowed: MINUTES
  },
  {
    what: 'ingestion_timeout_minutes: 1e3',
    inputs: { ingestion_timeout_minutes: '1e3' },
    input: 'ingestion_timeout_minutes',
    allowed: MINUTES
  },
  {
    what: 'poll_interval_seconds: 0',
    inputs: { poll_interval_seconds: '0' },
    input: 'poll_interval_seconds',
    allowed: SECONDS
  },
  {
    what: 'poll_interval_seconds: 3601',
    inputs: { poll_interval_seconds: '3601' },
    input: 'poll_interval_seconds',
    allowed: SECONDS
  },
  {
    what: 'poll_interval_seconds: fast',
    inputs: { poll_interval_seconds: 'fast' },
    input: 'poll_interval_seconds',
    allowed: SECONDS
  },
  {
    what: 'fail_on_document_failures: no',
    inputs: { fail_on_document_failures: 'no' },
    input: 'fail_on_document_failures',
    allowed: BOOL
  },
  { what: 'backlog_table of two characters', inputs: { backlog_table: 'ab' }, input: 'backlog_table', allowed: TABLE },
  { what: 'backlog_table with a space', inputs: { backlog_table: 'my table' }, input: 'backlog_table', allowed: TABLE },
  { what: 'backlog_index of one character', inputs: { backlog_index: 'x' }, input: 'backlog_index', allowed: INDEX },
  { what: 'dry_run: maybe', inputs: { dry_run: 'maybe' }, input: 'dry_run', allowed: BOOL },
  {
    what: 'lambda_log_tail: sometimes',
    inputs: { lambda_log_tail: 'sometimes' },
    input: 'lambda_log_tail',
    allowed: 'allowed: auto (private and internal repositories only) | always | never'
  }
]

/** Several bad inputs in one run: every one of them is named. */
const SEVERAL: BadInput[] = [
  'knowledge_base_id with a hyphen',
  'sync: yes',
  'ingestion: sometimes',
  'poll_interval_seconds: fast'
].map((what) => CASES.find((bad) => bad.what === what)!)

function scenario(bad: BadInput): Scenario {
  return {
    name: `bad input: ${bad.what}`,
    does: `Refused before any AWS call: exit 1, status failed, the message names ${bad.input} and says: ${bad.allowed.replace(/^allowed: /, '')}.`,
    expect: 'failed',
    runs: 1,
    sharedStack: true,
    async run(m) {
      // Each case signs with its own key: a call it made would show up under it in the stack's log.
      const key = `AKIABADINPUT${String(CASES.indexOf(bad)).padStart(8, '0')}`
      const run = await m.kb(bad.inputs, {
        env: { AWS_ACCESS_KEY_ID: key },
        ...(bad.withoutEnv ? { withoutEnv: bad.withoutEnv } : {})
      })
      expect(run.exitCode).toBe(1)
      expect(run.errorText).toContain(`Input '${bad.input}'`)
      expect(run.errorText).toContain(bad.allowed)
      expect(run.outputs.sync_batches).toBe('0')
      if (bad.secret) expect(run.stdout + run.summarySource).not.toContain(bad.secret)
      expect(m.stack.calls().filter((c) => c.accessKeyId === key)).toEqual([])
      expect(m.stack.calls()).toEqual([])
    }
  }
}

export const inputs: AreaTable = {
  area: 'inputs',
  title: 'Bad inputs',
  scenarios: [
    ...CASES.map(scenario),
    {
      name: 'bad input: four bad inputs at once',
      does: 'Refused before any AWS call, every one of the four named with what it allows.',
      expect: 'failed',
      runs: 1,
      sharedStack: true,
      async run(m) {
        const run = await m.kb(Object.assign({}, ...SEVERAL.map((bad) => bad.inputs)) as Inputs)
        for (const bad of SEVERAL) {
          expect(run.errorText).toContain(`Input '${bad.input}'`)
          expect(run.errorText).toContain(bad.allowed)
        }
        expect(m.stack.calls()).toEqual([])
      }
    }
  ]
}
