/**
 * Raw action inputs → a validated, typed Config. Every input is checked before the first AWS call, and every
 * problem is reported at once, each naming the input, the value it got and what is allowed.
 */

import { truncate } from './text.js'

export type IngestionMode = 'auto' | 'always' | 'never' | 'direct'
export type LogTailMode = 'auto' | 'always' | 'never'

export interface Config {
  knowledgeBaseId: string
  dataSourceId: string
  functionName: string
  region: string
  roleToAssume: string | undefined
  roleSessionName: string
  audience: string
  sync: boolean
  waitForSync: boolean
  maxSyncBatches: number
  /** The Lambda event, already checked to be a JSON object; sent as-is. */
  syncPayload: string
  syncTimeoutSeconds: number
  ingestion: IngestionMode
  waitForIngestion: boolean
  ingestionTimeoutMs: number
  pollIntervalMs: number
  failOnDocumentFailures: boolean
  /** Undefined turns the backlog check off. */
  backlogTable: string | undefined
  backlogIndex: string
  description: string
  dryRun: boolean
  /** Whether the Lambda's log tail (incident text) may appear in the job summary. */
  showLogTail: boolean
  /** CloudWatch namespace of the run's metrics; undefined turns publishing off. */
  metricsNamespace: string | undefined
  /** Keep one GitHub issue open while runs fail (the action only). */
  alertIssue: boolean
  githubToken: string
}

/** Where this run lives on GitHub; feeds the defaults of role_session_name, description and the client token. */
export interface RunInfo {
  repository: string
  runId: string
  runAttempt: string
  serverUrl: string
  /** The job and step ids keep two kb-sync steps of one run from sharing a client token. */
  job: string
  action: string
  /** From the event payload; 'unknown' is treated as public, since a public repository's summary is public. */
  repositoryVisibility: 'public' | 'private' | 'internal' | 'unknown'
}

/** The defaults of action.yml, repeated here because a run outside the runner (local-action, CLI) gets none. */
export const INPUT_DEFAULTS = {
  function_name: 'incident-kb-batch-sync',
  aws_region: '',
  role_to_assume: '',
  role_session_name: '',
  audience: 'sts.amazonaws.com',
  sync: 'true',
  wait_for_sync: 'true',
  max_sync_batches: '10',
  sync_payload: '{}',
  sync_timeout_seconds: '900',
  ingestion: 'auto',
  wait_for_ingestion: 'true',
  ingestion_timeout_minutes: '60',
  poll_interval_seconds: '15',
  fail_on_document_failures: 'true',
  backlog_table: 'incidents',
  backlog_index: 'status-priority-index',
  description: '',
  dry_run: 'false',
  lambda_log_tail: 'auto',
  metrics_namespace: 'IncidentKBSync',
  alert_issue: 'false',
  // action.yml defaults this to the job's token (an expression the runner evaluates); elsewhere there is none.
  github_token: ''
} as const

export const REQUIRED_INPUTS = ['knowledge_base_id', 'data_source_id'] as const

export type InputName = keyof typeof INPUT_DEFAULTS | (typeof REQUIRED_INPUTS)[number]

/** AWS's limit on an ingestion job's description. */
export const MAX_DESCRIPTION_LENGTH = 200
/**
 * The largest sync_payload accepted: Lambda takes larger synchronous events, but an asynchronous (Event) one is
 * capped lower, and a payload this big is a mistake in a workflow file rather than an event.
 */
export const MAX_SYNC_PAYLOAD_BYTES = 256 * 1024

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `${problems.length} inputs are invalid:\n- ${problems.join('\n- ')}`)
    this.name = 'InputError'
  }
}

const RESOURCE_ID = /^[0-9a-zA-Z]{10}$/
// Lambda's own FunctionName pattern: name, partial ARN or full ARN, with an optional :alias or :version.
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/
const ROLE_ARN = /^arn:aws[a-zA-Z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/
const TABLE_OR_INDEX_NAME = /^[a-zA-Z0-9_.-]{3,255}$/
const TABLE_ARN = /^arn:aws[a-zA-Z-]*:dynamodb:[a-z0-9-]+:\d{12}:table\/[a-zA-Z0-9_.-]{3,255}$/
export const YAML_TRUE = ['true', 'True', 'TRUE']
const YAML_FALSE = ['false', 'False', 'FALSE']
const METRICS_NAMESPACE = /^(?!AWS\/)[A-Za-z0-9.\-_/#: ]{1,255}$/
const DECIMAL = /^\d+(\.\d+)?$/
const INTEGER = /^\d+$/

/** Returns an input's raw value, or undefined when the input was not given at all. */
export type InputReader = (name: InputName) => string | undefined

/**
 * Parses and validates every input; `env` supplies the region fallbacks, `label` names an input in messages (the
 * action says "Input 'x'"; a terminal front names its flag). An input that is empty or not given
 * takes its default, except backlog_table, where an explicit empty value turns the check off. Throws InputError
 * listing every problem found.
 */
export function parseInputs(
  read: InputReader,
  env: NodeJS.ProcessEnv,
  run: RunInfo,
  label: (name: InputName) => string = (name) => `Input '${name}'`
): Config {
  const problems: string[] = []
  const raw = (name: InputName): string => {
    const value = (read(name) ?? '').trim()
    if (value !== '') return value
    return name in INPUT_DEFAULTS ? INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] : ''
  }
  const fail = (name: InputName, value: string, allowed: string): void => {
    problems.push(`${label(name)} has the value ${quote(value)}; ${allowed}.`)
  }

  const resourceId = (name: 'knowledge_base_id' | 'data_source_id'): string => {
    const value = raw(name)
    if (value === '')
      problems.push(`${label(name)} is required: the 10-character id (letters and digits) from the Bedrock console.`)
    else if (!RESOURCE_ID.test(value)) fail(name, value, 'allowed: exactly 10 letters or digits ([0-9a-zA-Z]{10})')
    return value
  }

  const bool = (name: InputName): boolean => {
    const value = raw(name)
    if (YAML_TRUE.includes(value)) return true
    if (YAML_FALSE.includes(value)) return false
    fail(name, value, 'allowed: true | True | TRUE | false | False | FALSE')
    return INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] === 'true'
  }

  const integer = (name: InputName, min: number, max: number): number => {
    const value = raw(name)
    const parsed = INTEGER.test(value) ? Number(value) : NaN
    if (!(parsed >= min && parsed <= max)) {
      fail(name, value, `allowed: a whole number from ${min} to ${max}`)
      return Number(INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS])
    }
    return parsed
  }

  const decimal = (name: InputName, maxExclusiveZero: number, unit: string): number => {
    const value = raw(name)
    const parsed = DECIMAL.test(value) ? Number(value) : NaN
    if (!(parsed > 0 && parsed <= maxExclusiveZero)) {
      fail(
        name,
        value,
        `allowed: a number of ${unit} above 0 and at most ${maxExclusiveZero}; decimals allowed (e.g. 0.5)`
      )
      return Number(INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS])
    }
    return parsed
  }

  const knowledgeBaseId = resourceId('knowledge_base_id')
  const dataSourceId = resourceId('data_source_id')

  const functionName = raw('function_name')
  if (functionName.length > 140 || !FUNCTION_NAME.test(functionName)) {
    fail(
      'function_name',
      functionName,
      'allowed: a Lambda function name, partial or full ARN, with an optional :alias or :version (at most 140 characters)'
    )
  }

  const regionInput = raw('aws_region')
  const region = regionInput || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || ''
  if (region === '') {
    problems.push(
      `${label('aws_region')} is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set; set it (e.g. us-east-1).`
    )
  } else if (!REGION.test(region)) {
    fail('aws_region', region, 'allowed: an AWS region code such as us-east-1 or eu-central-1')
  }

  const roleToAssume = raw('role_to_assume') || undefined
  if (roleToAssume !== undefined && !ROLE_ARN.test(roleToAssume)) {
    fail(
      'role_to_assume',
      roleToAssume,
      'allowed: an IAM role ARN (arn:aws:iam::123456789012:role/NAME) or empty for the default credential chain'
    )
  }

  const sessionInput = raw('role_session_name')
  const roleSessionName = sessionInput || defaultSessionName(run.runId)
  if (!SESSION_NAME.test(roleSessionName)) {
    fail('role_session_name', roleSessionName, 'allowed: 2 to 64 characters of letters, digits and + = , . @ _ -')
  }

  const audience = raw('audience')
  if (audience === '') fail('audience', audience, 'allowed: a non-empty OIDC audience (default sts.amazonaws.com)')

  const sync = bool('sync')
  const waitForSync = bool('wait_for_sync')
  const maxSyncBatches = integer('max_sync_batches', 1, 1000)

  // Never quoted: a workflow may put a secret in the event, and an error message goes to the log.
  const syncPayload = raw('sync_payload')
  const payloadBytes = Buffer.byteLength(syncPayload)
  if (payloadBytes > MAX_SYNC_PAYLOAD_BYTES) {
    problems.push(
      `${label('sync_payload')} is ${payloadBytes} bytes; allowed: a JSON object of at most ${MAX_SYNC_PAYLOAD_BYTES} bytes (the value is not shown, in case it holds a secret).`
    )
  } else {
    const why = jsonObjectProblem(syncPayload)
    if (why) {
      problems.push(
        `${label('sync_payload')} ${why}; allowed: a JSON object such as {} or {"limit": 50} (the value is not shown, in case it holds a secret).`
      )
    }
  }

  const syncTimeoutSeconds = integer('sync_timeout_seconds', 1, 900)

  const ingestionRaw = raw('ingestion')
  const ingestion = ingestionRaw.toLowerCase() as IngestionMode
  if (!['auto', 'always', 'never', 'direct'].includes(ingestion))
    fail('ingestion', ingestionRaw, 'allowed: auto | always | never | direct')

  const waitForIngestion = bool('wait_for_ingestion')
  const ingestionTimeoutMinutes = decimal('ingestion_timeout_minutes', 1440, 'minutes')
  const pollIntervalSeconds = decimal('poll_interval_seconds', 3600, 'seconds')
  const failOnDocumentFailures = bool('fail_on_document_failures')

  // Given but empty turns the check off; raw() would put the default back, so read this one without it.
  const backlogTable = (read('backlog_table') ?? INPUT_DEFAULTS.backlog_table).trim() || undefined
  if (backlogTable !== undefined && !TABLE_OR_INDEX_NAME.test(backlogTable) && !TABLE_ARN.test(backlogTable)) {
    fail(
      'backlog_table',
      backlogTable,
      'allowed: a DynamoDB table name or ARN (3-255 of a-z A-Z 0-9 _ . -), or empty to turn the backlog check off'
    )
  }
  const backlogIndex = raw('backlog_index')
  if (backlogTable !== undefined && !TABLE_OR_INDEX_NAME.test(backlogIndex)) {
    fail('backlog_index', backlogIndex, 'allowed: a DynamoDB index name (3-255 of a-z A-Z 0-9 _ . -)')
  }

  const description = truncate(raw('description') || defaultDescription(run), MAX_DESCRIPTION_LENGTH)
  const dryRun = bool('dry_run')

  const logTailRaw = raw('lambda_log_tail')
  const logTail = logTailRaw.toLowerCase() as LogTailMode
  if (!['auto', 'always', 'never'].includes(logTail)) {
    fail('lambda_log_tail', logTailRaw, 'allowed: auto (private and internal repositories only) | always | never')
  }
  const showLogTail =
    logTail === 'always' ||
    (logTail === 'auto' && (run.repositoryVisibility === 'private' || run.repositoryVisibility === 'internal'))

  // Given but empty turns publishing off, as with backlog_table.
  const metricsNamespace = (read('metrics_namespace') ?? INPUT_DEFAULTS.metrics_namespace).trim() || undefined
  if (metricsNamespace !== undefined && !METRICS_NAMESPACE.test(metricsNamespace)) {
    fail(
      'metrics_namespace',
      metricsNamespace,
      'allowed: a CloudWatch namespace (1-255 of letters, digits and . - _ / # : space, not starting with AWS/), or empty to publish no metrics'
    )
  }
  const alertIssue = bool('alert_issue')
  const githubToken = raw('github_token')
  if (alertIssue && (githubToken === '' || run.repository === '')) {
    problems.push(
      `${label('alert_issue')} is true, but there is no ${githubToken === '' ? 'github_token' : 'repository (GITHUB_REPOSITORY)'} to open an issue with; set github_token (default: the job's token, with permissions: issues: write) or turn alert_issue off.`
    )
  }

  if (problems.length > 0) throw new InputError(problems)

  return {
    knowledgeBaseId,
    dataSourceId,
    functionName,
    region,
    roleToAssume,
    roleSessionName,
    audience,
    sync,
    waitForSync,
    maxSyncBatches,
    syncPayload,
    syncTimeoutSeconds,
    ingestion,
    waitForIngestion,
    ingestionTimeoutMs: Math.round(ingestionTimeoutMinutes * 60_000),
    pollIntervalMs: Math.round(pollIntervalSeconds * 1000),
    failOnDocumentFailures,
    backlogTable,
    backlogIndex,
    description,
    dryRun,
    showLogTail,
    metricsNamespace,
    alertIssue,
    githubToken
  }
}

export function runUrl(run: RunInfo): string | undefined {
  if (!run.repository || !run.runId) return undefined
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`
}

function defaultDescription(run: RunInfo): string {
  const url = runUrl(run)
  if (!url) return 'Started by kb-sync outside GitHub Actions.'
  return `Started by kb-sync for ${run.repository}, run ${url}`
}

function defaultSessionName(runId: string): string {
  return `kb-sync-${runId || 'local'}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64)
}

/** Why text is not a JSON object, in words that quote nothing of it (JSON.parse's own message quotes the text). */
function jsonObjectProblem(text: string): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'is not valid JSON'
  }
  if (Array.isArray(value)) return 'is a JSON array, not an object'
  if (typeof value !== 'object' || value === null)
    return `is a JSON ${value === null ? 'null' : typeof value}, not an object`
  return undefined
}

function quote(value: string): string {
  return value === '' ? "'' (empty)" : `'${truncate(value, 200)}'`
}
