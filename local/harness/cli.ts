/**
 * `npm run stack`: starts the local stack, seeds it and prints the environment to use it, then stays up until
 * Ctrl-C. Options: --seed N (sample incidents, default 120), --port P (default: a free port), --job-ms MS (time an
 * ingestion job takes, default 1500), --document-ms MS (time a document sent by name takes, default 500), --lambda PATH (the function's module), --quiet (only the export lines).
 */
import { parseArgs } from 'node:util'
import { startStack } from './stack.js'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '120' },
    port: { type: 'string', default: '0' },
    'job-ms': { type: 'string', default: '1500' },
    'document-ms': { type: 'string', default: '500' },
    lambda: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false }
  }
})

if (values.help) {
  console.log(
    'Usage: npm run stack -- [--seed N] [--port P] [--job-ms MS] [--document-ms MS] [--lambda PATH] [--quiet]'
  )
  process.exit(0)
}

function int(name: string, raw: string | undefined): number {
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}`)
    process.exit(2)
  }
  return n
}

const quote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`

const stack = await startStack({
  port: int('port', values.port),
  jobDurationMs: int('job-ms', values['job-ms']),
  documentDurationMs: int('document-ms', values['document-ms']),
  lambdaHandlerPath: values.lambda
})
const seeded = await stack.seedIncidents(int('seed', values.seed))
const truth = await stack.truth()

const say = (line: string): void => {
  if (!values.quiet) console.log(line)
}
say(`# kb-sync local stack on ${stack.url}`)
say(`# seeded ${seeded.length} incidents: ${truth.closedIds.length} closed, ${truth.pendingIds.length} pending sync`)
say('# environment for the action (or any AWS SDK client):')
for (const [k, v] of Object.entries(stack.env)) console.log(`export ${k}=${quote(v)}`)
say('# inputs, to run the bundled action with `node dist/index.js`:')
const inputs: Record<string, string> = {
  INPUT_KNOWLEDGE_BASE_ID: stack.ids.knowledgeBaseId,
  INPUT_DATA_SOURCE_ID: stack.ids.dataSourceId,
  INPUT_FUNCTION_NAME: stack.ids.functionName,
  INPUT_ROLE_TO_ASSUME: stack.ids.roleArn,
  INPUT_BACKLOG_TABLE: stack.ids.table,
  INPUT_BACKLOG_INDEX: stack.ids.index,
  INPUT_POLL_INTERVAL_SECONDS: '1',
  // The runner passes `${{ github.token }}`; here it is the token the stack's GitHub API accepts (alert_issue).
  INPUT_GITHUB_TOKEN: stack.github.token
}
for (const [k, v] of Object.entries(inputs)) say(`export ${k}=${quote(v)}`)
say('# Ctrl-C stops the stack.')

let stopping = false
const shutdown = (): void => {
  if (stopping) return
  stopping = true
  void stack.stop().then(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
