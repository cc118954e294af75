/**
 * `npm run demo`: the whole pipeline with no AWS account. Starts the local stack, seeds incidents, shows that a
 * freshly closed incident cannot be found, runs the bundled action exactly as the GitHub runner would, renders its
 * job summary here, and shows the same search finding the incident.
 */
import { BedrockAgentClient, GetIngestionJobCommand, StartIngestionJobCommand } from '@aws-sdk/client-bedrock-agent'
import { convert } from 'html-to-text'
import pc from 'picocolors'
import { runAction, type ActionRun } from '../local/harness/action-runner.js'
import { startStack, type MetricPoint, type Stack } from '../local/stack.js'

const QUERY = 'invoice reconciliation Kafka consumer lag after broker upgrade'
const FRESH_INCIDENT = {
  incident_id: 'INC-2026-1128',
  title: 'Invoice reconciliation stalled by Kafka consumer lag after broker upgrade',
  description:
    'Invoices stopped reconciling for 3 hours; the reconciliation consumer group lagged by 2 million messages.',
  root_cause: 'The broker upgrade changed the default fetch size; the consumer could not keep up with large batches.',
  resolution: 'Raised max.partition.fetch.bytes, scaled the consumer group to 6 instances and added a lag alarm.',
  status: 'CLOSED',
  priority: 'P1',
  severity: 'critical',
  service: 'billing-reconciliation',
  category: 'messaging',
  assigned_team: 'payments-platform',
  tags: ['kafka', 'consumer-lag', 'billing'],
  created_at: '2026-11-28T08:05:00Z',
  resolved_at: '2026-11-28T11:02:00Z',
  closed_at: '2026-11-28T11:30:00Z'
}

function step(text: string): void {
  console.log(`\n${pc.bold(pc.cyan(`▶ ${text}`))}`)
}

async function search(stack: Stack): Promise<void> {
  const results = await stack.retrieve(QUERY, { numberOfResults: 3 })
  console.log(`  Retrieve "${QUERY}"`)
  if (results.length === 0) console.log(pc.dim('  (no results)'))
  for (const result of results) {
    const uri = result.location?.s3Location?.uri ?? '?'
    const hit = uri.includes(FRESH_INCIDENT.incident_id)
    const line = `  ${(result.score ?? 0).toFixed(2)}  ${uri}`
    console.log(hit ? pc.green(`${line}   ← the fresh incident`) : pc.dim(line))
  }
  const found = results.some((r) => r.location?.s3Location?.uri?.includes(FRESH_INCIDENT.incident_id))
  console.log(found ? pc.green('  Found.') : pc.yellow(`  ${FRESH_INCIDENT.incident_id} is not searchable yet.`))
}

/** Runner workflow commands, shown the way the Actions log shows them. */
function renderLogLine(line: string): string | undefined {
  if (line.startsWith('::group::')) return pc.bold(`  ▸ ${line.slice('::group::'.length)}`)
  if (line.startsWith('::endgroup::') || line.startsWith('::add-mask::') || line.startsWith('::debug::'))
    return undefined
  const annotation = /^::(warning|error)[^:]*::(.*)$/.exec(line)
  if (annotation) return (annotation[1] === 'error' ? pc.red : pc.yellow)(`    ${annotation[1]}: ${annotation[2]}`)
  return `    ${line}`
}

/** Last week's manual step, done once by hand as the team used to: start a job and wait for it. */
async function ingestByHand(stack: Stack): Promise<void> {
  const bedrock = new BedrockAgentClient(stack.clientConfig)
  const ids = { knowledgeBaseId: stack.ids.knowledgeBaseId, dataSourceId: stack.ids.dataSourceId }
  const started = await bedrock.send(new StartIngestionJobCommand({ ...ids, description: 'Manual sync last week' }))
  const ingestionJobId = started.ingestionJob!.ingestionJobId!
  for (let status = started.ingestionJob?.status; status !== 'COMPLETE' && status !== 'FAILED';) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    status = (await bedrock.send(new GetIngestionJobCommand({ ...ids, ingestionJobId }))).ingestionJob?.status
  }
  bedrock.destroy()
}

/** The data points CloudWatch received, one small table per namespace and set of dimensions. */
function showMetrics(points: MetricPoint[]): void {
  if (points.length === 0) console.log(pc.yellow('  (none)'))
  const groups = new Map<string, MetricPoint[]>()
  for (const point of points) {
    const dimensions = Object.entries(point.dimensions).map(([name, value]) => `${name}=${value}`)
    const key = [point.namespace, ...dimensions].join('  ')
    groups.set(key, [...(groups.get(key) ?? []), point])
  }
  for (const [key, group] of groups) {
    console.log(pc.dim(`  ${key}  at ${group[0]?.timestamp ?? '?'}`))
    const width = Math.max(6, ...group.map((p) => p.name.length))
    console.log(pc.bold(`    ${'metric'.padEnd(width)}  ${'value'.padStart(6)}  unit`))
    for (const p of group) console.log(`    ${p.name.padEnd(width)}  ${String(p.value ?? '-').padStart(6)}  ${p.unit}`)
  }
}

async function runKbSync(stack: Stack): Promise<ActionRun> {
  console.log(pc.dim(`  node dist/index.js   (role_to_assume ${stack.ids.roleArn}, ingestion auto)`))
  return runAction({
    env: stack.env,
    github: { GITHUB_REPOSITORY: stack.env.GITHUB_REPOSITORY ?? 'acme/incidents' },
    inputs: {
      knowledge_base_id: stack.ids.knowledgeBaseId,
      data_source_id: stack.ids.dataSourceId,
      function_name: stack.ids.functionName,
      role_to_assume: stack.ids.roleArn,
      ingestion_timeout_minutes: '5',
      poll_interval_seconds: '1'
    },
    onStdoutLine: (line) => {
      const shown = renderLogLine(line)
      if (shown !== undefined) console.log(shown)
    }
  })
}

async function main(): Promise<void> {
  step('Starting the local AWS stack (DynamoDB, S3, Lambda, Bedrock knowledge base, STS, CloudWatch, GitHub OIDC)')
  const stack = await startStack({ jobDurationMs: 3_000 })
  try {
    console.log(`  listening on ${stack.url}`)

    step('Seeding 120 incidents; most closed ones were synced and ingested last week')
    await stack.seedIncidents(119, { seed: 7, closedRatio: 0.6, syncedRatio: 0.8 })
    await ingestByHand(stack)
    await stack.seedIncidents([FRESH_INCIDENT])
    const before = await stack.truth()
    console.log(
      `  ${before.incidents.length} incidents, ${before.closedIds.length} closed, ${before.pendingIds.length} closed but not synced (${FRESH_INCIDENT.incident_id} among them)`
    )

    step(`Searching the knowledge base for the freshly closed ${FRESH_INCIDENT.incident_id}`)
    await search(stack)

    step('Running the bundled action as the GitHub runner would')
    const run = await runKbSync(stack)

    step('Job summary')
    console.log(
      convert(run.summary, {
        wordwrap: 110,
        selectors: [
          { selector: 'table', format: 'dataTable', options: { maxColumnWidth: 60 } },
          { selector: 'h2', options: { uppercase: false } },
          { selector: 'h3', options: { uppercase: false } },
          { selector: 'h4', options: { uppercase: false } }
        ]
      })
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n')
    )

    step('Metrics the action published to CloudWatch (PutMetricData, as the stack received them)')
    showMetrics(stack.metrics())

    step('Searching again')
    await search(stack)

    const after = await stack.truth()
    console.log(
      `\n  Pending after the run: ${after.pendingIds.length}; documents indexed: ${after.indexed.filter((d) => !d.key.endsWith('.metadata.json')).length}; action exit code: ${run.exitCode}`
    )
    if (run.exitCode !== 0) process.exitCode = 1
  } finally {
    await stack.stop()
  }
}

await main()
