/**
 * `kb-sync --help`. The flag list is built from the inputs themselves (REQUIRED_INPUTS and INPUT_DEFAULTS, which
 * repeat action.yml), and every input must have a line here: the Record type makes a missing one a compile error.
 */
import { INPUT_DEFAULTS, type InputName } from '../inputs.js'
import { envName, flagName, INPUT_NAMES, isBooleanInput, type Command } from './args.js'

/** Each input's value placeholder and meaning, in a terminal's words (the action's say "step" and "job"). */
const INPUT_HELP: Record<InputName, [value: string, meaning: string]> = {
  knowledge_base_id: ['<id>', 'Bedrock knowledge base id (10 characters, [0-9a-zA-Z]).'],
  data_source_id: ['<id>', 'Data source id of the knowledge base (10 characters, [0-9a-zA-Z]).'],
  function_name: ['<name>', 'The batch-sync Lambda: name, partial or full ARN, with an optional :alias or :version.'],
  aws_region: ['<region>', 'Region of every AWS call. Empty: AWS_REGION, AWS_DEFAULT_REGION, then the AWS profile.'],
  role_to_assume: [
    '<arn>',
    'IAM role to assume. Outside GitHub Actions: sts:AssumeRole with your own credentials (the default chain); in a workflow: GitHub OIDC. Empty: use the default chain directly.'
  ],
  role_session_name: ['<name>', 'STS session name. Empty: kb-sync-<run id>, or kb-sync-local outside a workflow.'],
  audience: ['<aud>', 'Audience of the GitHub OIDC token (inside GitHub Actions only).'],
  sync: ['true|false', 'Run the sync phase (invoke the batch-sync Lambda).'],
  wait_for_sync: [
    'true|false',
    'true: invoke synchronously and read the results; false: invoke with Event (fire and forget).'
  ],
  max_sync_batches: ['<n>', 'Most Lambda invocations in one run while draining a backlog (1-1000).'],
  sync_payload: ['<json>', 'JSON object sent to the Lambda as its event.'],
  sync_timeout_seconds: ['<seconds>', 'Longest wait for one synchronous invocation (1-900).'],
  ingestion: [
    'auto|always|never|direct',
    'auto: ingest when something changed or the last job did not end cleanly, the changed documents directly when it can; always: a full job; never; direct.'
  ],
  wait_for_ingestion: ['true|false', 'Wait for the ingestion job to end.'],
  ingestion_timeout_minutes: [
    '<minutes>',
    'Longest total wait in the ingestion phase, a job that was already running included; decimals allowed.'
  ],
  poll_interval_seconds: [
    '<seconds>',
    'Longest gap between two status checks; polling starts faster and backs off to this; decimals allowed.'
  ],
  fail_on_document_failures: [
    'true|false',
    'A job that ends COMPLETE with failed documents fails the run (false: a warning).'
  ],
  backlog_table: ['<table>', 'DynamoDB table for the pending-incident count. Empty turns the backlog check off.'],
  backlog_index: ['<index>', 'GSI of the backlog table with hash key status.'],
  description: ['<text>', 'Description of the ingestion job (at most 200 characters).'],
  dry_run: ['true|false', 'Check configuration, credentials and permissions; start and change nothing.'],
  lambda_log_tail: [
    'auto|always|never',
    "Show the Lambda's log tail (incident text) on a sync error: auto (only in a workflow of a private repository), always, never."
  ],
  metrics_namespace: [
    '<namespace>',
    "CloudWatch namespace for the run's metrics (needs cloudwatch:PutMetricData). Empty publishes none."
  ],
  alert_issue: ['true|false', 'Keep one GitHub issue open while runs fail (the GitHub Action only).'],
  github_token: ['<token>', 'Token for the alert issue (the GitHub Action only).']
}

const USAGE: Record<Command, string[]> = {
  run: [
    'kb-sync [flags]',
    'Sync DynamoDB to S3, then ingest into the knowledge base: the whole pipeline (sync_and_ingest).'
  ],
  sync: [
    'kb-sync sync [flags]',
    'The sync phase only (force_kb_sync): invokes the batch-sync Lambda; never starts an ingestion job.'
  ],
  status: ['kb-sync status [job id] [flags]', "Shows one ingestion job: the given one, or the data source's newest."],
  mcp: [
    'kb-sync mcp [flags]',
    'Serves the MCP tools force_kb_sync, sync_and_ingest and get_ingestion_status over stdio; the flags configure them.'
  ]
}

export function helpText(command: Command | undefined): string {
  const shown: Command[] = command ? [command] : ['run', 'sync', 'status', 'mcp']
  const lines: string[] = ['kb-sync: DynamoDB → S3 (batch-sync Lambda) → Amazon Bedrock Knowledge Base, by hand.', '']
  lines.push(command ? 'Usage:' : 'Commands:')
  for (const name of shown) {
    const [usage, meaning] = USAGE[name]
    lines.push(`  ${usage}`, `      ${meaning}`)
  }
  lines.push(
    '',
    'Inputs: every input of the GitHub Action, as a flag or as an environment variable. A flag wins over the',
    'environment, the environment over the default. Boolean flags alone mean true (--dry-run), or take a value',
    '(--dry-run false).',
    ''
  )
  for (const name of INPUT_NAMES) {
    const [value, meaning] = INPUT_HELP[name]
    const fallback = name in INPUT_DEFAULTS ? INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS] : undefined
    const shownDefault =
      fallback === undefined ? 'required' : fallback === '' ? 'default: (empty)' : `default: ${fallback}`
    const flag = isBooleanInput(name) ? `${flagName(name)} [${value}]` : `${flagName(name)} ${value}`
    lines.push(`  ${flag}`, `      ${envName(name)}; ${shownDefault}`, `      ${meaning}`)
  }
  lines.push(
    '',
    'Other flags:',
    '  --json       Print one JSON document on stdout and nothing else: the result (kb-sync), the force_kb_sync',
    '               result (sync) or the job (status). Logs and progress go to stderr.',
    '  --verbose    Also print the pipeline log to stderr.',
    '  -h, --help   This help; kb-sync <command> --help for one command.',
    '  --version    The version.',
    '',
    'Credentials and region: the AWS SDK default chain (environment, AWS_PROFILE, SSO, ...), unless',
    '--role-to-assume is given. The region: --aws-region, KB_SYNC_AWS_REGION, AWS_REGION, AWS_DEFAULT_REGION, then',
    "the profile's region.",
    '',
    'Exit codes: 0 success; 1 the pipeline failed (or status could not read a job); 2 bad usage; 130 cancelled',
    '(Ctrl-C or SIGTERM: the run stops, says what it knows, and leaves a running ingestion job running).',
    ''
  )
  return lines.join('\n')
}
