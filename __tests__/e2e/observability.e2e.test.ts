/**
 * Metrics and the alert issue end to end (docs/behaviour.md, "Metrics and alerts"): what dist/index.js publishes to
 * the stack's CloudWatch after each run, and how it keeps one GitHub issue per knowledge base while runs fail.
 */
import { describe, expect, it } from '@jest/globals'
import { StopIngestionJobCommand } from '@aws-sdk/client-bedrock-agent'
import type { IssueRecord, Stack } from '../../local/stack.js'
import { elementsOf, renderSummary } from '../support/markdown.js'
import { agentClient, annotations, ingestAsSomeoneElse, runKbSync, statisticsOf, withStack } from './support/e2e.js'
import type { ActionRun } from './support/run-action.js'

/** Outside text that must reach the issue as text. */
const HOSTILE = '<img src=x onerror=alert(1)> & "quotes"'
/** The repository the runner harness runs in (GITHUB_REPOSITORY). */
const REPOSITORY = 'acme/incidents'

/** A run, with the wall-clock window it ran in. */
async function timedRun(
  stack: Stack,
  inputs: Record<string, string> = {}
): Promise<{ run: ActionRun; from: number; to: number }> {
  const from = Date.now()
  const run = await runKbSync(stack, inputs)
  return { run, from: Math.floor(from / 1000) * 1000, to: Date.now() }
}

/**
 * The data points of the one PutMetricData call the run made, after checking what they all share: the namespace,
 * the unit, the knowledge base and data source as dimensions, one timestamp inside the run.
 */
function publishedBy(
  stack: Stack,
  window: { from: number; to: number },
  namespace = 'IncidentKBSync'
): Record<string, number | undefined> {
  const calls = stack.calls().filter((c) => c.service === 'cloudwatch')
  expect(calls.map((c) => `${c.operation}:${c.status}`)).toEqual(['PutMetricData:200'])
  const points = stack.metrics()
  for (const point of points) {
    expect(point).toMatchObject({
      namespace,
      unit: 'Count',
      dimensions: { KnowledgeBaseId: stack.ids.knowledgeBaseId, DataSourceId: stack.ids.dataSourceId }
    })
  }
  expect(new Set(points.map((p) => p.timestamp)).size).toBe(1)
  const at = Date.parse(points[0]?.timestamp ?? '')
  expect(at).toBeGreaterThanOrEqual(window.from)
  expect(at).toBeLessThanOrEqual(window.to)
  return Object.fromEntries(points.map((p) => [p.name, p.value]))
}

describe('metrics', () => {
  it.concurrent('a completed run: one job started and completed, its documents, no backlog', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(30, { status: 'CLOSED' })

      const { run, ...window } = await timedRun(stack, { role_to_assume: stack.ids.roleArn })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '30', backlog_remaining: '0' })
      expect(publishedBy(stack, window)).toEqual({
        IngestionJobsStarted: 1,
        IngestionJobsCompleted: 1,
        IngestionJobsFailed: 0,
        DocumentsIndexed: statisticsOf(run).numberOfNewDocumentsIndexed,
        DocumentsFailed: 0,
        BacklogRemaining: 0,
        RunFailed: 0
      })
      expect(statisticsOf(run).numberOfNewDocumentsIndexed).toBe(30)
      expect(stack.metrics()).toHaveLength(7)
      // Published with the run's own credentials: the role assumed through OIDC.
      expect(stack.metrics()[0]?.accessKeyId).toMatch(/^ASIA/)
      expect(run.warnings).toEqual([])
    })
  })

  it.concurrent('a failed job: started, failed, and the run failed', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(12, { status: 'CLOSED' })
      stack.faults.failNextJob(['The embedding model was throttled.'])

      const { run, ...window } = await timedRun(stack, { metrics_namespace: 'Team/KB sync' })
      expect(run.outputs).toMatchObject({ status: 'failed', ingestion_status: 'FAILED' })
      const stats = statisticsOf(run)
      expect(publishedBy(stack, window, 'Team/KB sync')).toEqual({
        IngestionJobsStarted: 1,
        IngestionJobsCompleted: 0,
        IngestionJobsFailed: 1,
        DocumentsIndexed: (stats.numberOfNewDocumentsIndexed ?? 0) + (stats.numberOfModifiedDocumentsIndexed ?? 0),
        DocumentsFailed: stats.numberOfDocumentsFailed,
        BacklogRemaining: 0,
        RunFailed: 1
      })
    })
  })

  it.concurrent('a run that stops with a backlog left publishes what is still pending', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(120, { status: 'CLOSED' })

      const { run, ...window } = await timedRun(stack, { max_sync_batches: '1' })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '50', backlog_remaining: '70' })
      expect(publishedBy(stack, window)).toMatchObject({
        IngestionJobsStarted: 1,
        IngestionJobsCompleted: 1,
        DocumentsIndexed: 50,
        BacklogRemaining: 70,
        RunFailed: 0
      })
    })
  })

  it.concurrent('a skipped run publishes zeros, and no backlog when it was not counted', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(10, { status: 'CLOSED', syncedRatio: 1 })
      await ingestAsSomeoneElse(stack)

      const { run, ...window } = await timedRun(stack, { backlog_table: '' })
      expect(run.outputs).toMatchObject({ status: 'skipped', backlog_remaining: '' })
      expect(publishedBy(stack, window)).toEqual({
        IngestionJobsStarted: 0,
        IngestionJobsCompleted: 0,
        IngestionJobsFailed: 0,
        DocumentsIndexed: 0,
        DocumentsFailed: 0,
        RunFailed: 0
      })
    })
  })

  it.concurrent('metrics_namespace empty publishes nothing', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(5, { status: 'CLOSED' })

      const run = await runKbSync(stack, { metrics_namespace: '' })
      expect(run.outputs.status).toBe('completed')
      expect(stack.metrics()).toEqual([])
      expect(stack.calls().filter((c) => c.service === 'cloudwatch')).toEqual([])
    })
  })

  it.concurrent('a refused PutMetricData is a warning naming the permission; the run still completes', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(5, { status: 'CLOSED' })
      const denied = stack.faults.accessDenied('PutMetricData')

      const run = await runKbSync(stack)
      expect(run.outputs.status).toBe('completed')
      expect(run.exitCode).toBe(0)
      expect(denied.hits).toBe(1)
      expect(annotations(run.warnings)).toContain(
        "Metrics were not published (the run's outcome stands): Access denied for cloudwatch:PutMetricData on namespace IncidentKBSync"
      )
      expect(run.summary).toContain('Metrics were not published')
      expect(stack.metrics()).toEqual([])
    })
  })
})

/** The alert issues of the harness's repository, with the one title kb-sync gives them. */
function alerts(stack: Stack): IssueRecord[] {
  const title = `kb-sync is failing for knowledge base ${stack.ids.knowledgeBaseId}`
  return stack.github.issues(REPOSITORY).filter((issue) => issue.title === title)
}

/** The GitHub API calls made so far, as `operation:status`. */
function githubCalls(stack: Stack): string[] {
  return stack
    .calls()
    .filter((c) => c.service === 'github')
    .map((c) => `${c.operation}:${c.status}`)
}

/** The issue's text as GitHub renders it holds only kb-sync's own Markdown: nothing outside text made. */
function expectOnlyOwnMarkdown(body: string): void {
  const elements = elementsOf(renderSummary(body))
  expect(elements.filter((name) => !['p', 'ul', 'li', 'code', 'a'].includes(name))).toEqual([])
  expect(body).not.toContain('<img')
}

/** Stops an ingestion job as a person in the console would. */
async function stopJob(stack: Stack, ingestionJobId: string): Promise<void> {
  const agent = agentClient(stack)
  try {
    await agent.send(
      new StopIngestionJobCommand({
        knowledgeBaseId: stack.ids.knowledgeBaseId,
        dataSourceId: stack.ids.dataSourceId,
        ingestionJobId
      })
    )
  } finally {
    agent.destroy()
  }
}

describe('the alert issue (alert_issue: true)', () => {
  const ALERT = { alert_issue: 'true' }

  it.concurrent(
    'opens on a failed run, is commented on by the next failure, then recovered and closed; dry and cancelled runs leave it',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(10, { status: 'CLOSED' })
        stack.faults.failNextJob([`Embedding failed: ${HOSTILE}`])

        const failed = await runKbSync(stack, ALERT)
        expect(failed.outputs.status).toBe('failed')
        expect(failed.warnings).toEqual([])
        expect(githubCalls(stack)).toEqual(['ListIssues:200', 'CreateIssue:201'])
        const [opened] = alerts(stack)
        expect(alerts(stack)).toHaveLength(1)
        expect(opened).toMatchObject({ state: 'open', user: 'github-actions[bot]', comments: [] })
        const body = opened?.body ?? ''
        expect(body).toMatch(/\[The run\]\(https:\/\/github\.com\/acme\/incidents\/actions\/runs\/\d+\)/)
        expect(body).toContain(`\`${stack.ids.knowledgeBaseId}\``)
        expect(body).toContain('Embedding failed')
        expectOnlyOwnMarkdown(body)
        // The token is the run's secret: masked in the log, never printed.
        expect(failed.stdout).toContain(`::add-mask::${stack.github.token}`)

        stack.faults.failNextJob([`Embedding failed again: ${HOSTILE}`])
        const again = await runKbSync(stack, ALERT)
        expect(again.outputs.status).toBe('failed')
        expect(alerts(stack)).toHaveLength(1)
        const commented = alerts(stack)[0]
        expect(commented?.state).toBe('open')
        expect(commented?.comments).toHaveLength(1)
        expect(commented?.comments[0]?.body).toContain('Embedding failed again')
        expectOnlyOwnMarkdown(commented?.comments[0]?.body ?? '')

        const before = githubCalls(stack).length
        const dry = await runKbSync(stack, { ...ALERT, dry_run: 'true' })
        expect(dry.outputs.status).toBe('dry_run')
        stack.faults.stickNextJob()
        const cancelled = await runKbSync(stack, ALERT, {
          cancel: { signal: 'SIGINT', when: /^Ingestion job \w+ accepted/ }
        })
        expect(cancelled.outputs.status).toBe('cancelled')
        expect(githubCalls(stack)).toHaveLength(before)
        expect(alerts(stack)[0]?.comments).toHaveLength(1)
        expect(alerts(stack)[0]?.state).toBe('open')
        // Neither publishes metrics either: only the two failed runs did.
        expect(stack.calls().filter((c) => c.service === 'cloudwatch')).toHaveLength(2)

        // The cancelled run left its job running, as the action does; someone stops it.
        await stopJob(stack, cancelled.outputs.ingestion_job_id ?? '')
        const recovered = await runKbSync(stack, ALERT)
        expect(recovered.outputs.status).toBe('completed')
        const closed = alerts(stack)[0]
        expect(closed?.state).toBe('closed')
        expect(closed?.stateReason).toBe('completed')
        expect(closed?.comments).toHaveLength(2)
        expect(closed?.comments[1]?.body).toMatch(/^Recovered\. /)
        expect(closed?.history.map((h) => `${h.state}:${h.stateReason}`)).toEqual(['open:null', 'closed:completed'])
        expect(githubCalls(stack).slice(-3)).toEqual(['ListIssues:200', 'CreateIssueComment:201', 'UpdateIssue:200'])

        // Nothing open: a successful run only looks.
        await runKbSync(stack, ALERT)
        expect(githubCalls(stack).at(-1)).toBe('ListIssues:200')
        expect(stack.github.issues(REPOSITORY)).toHaveLength(1)
      })
    },
    90_000
  )

  it.concurrent(
    'finds its open issue past the first page, passing over a pull request and a look-alike without its marker',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(5, { status: 'CLOSED' })
        stack.faults.failNextJob()
        await runKbSync(stack, ALERT)
        const [alert] = alerts(stack)
        expect(alert?.number).toBe(1)
        const title = alert?.title ?? ''
        for (let i = 0; i < 120; i++) stack.github.addIssue(REPOSITORY, { title: `Unrelated ${i}`, user: 'octocat' })
        stack.github.addIssue(REPOSITORY, { title, body: 'Same title, someone else’s.', user: 'octocat' })
        stack.github.addIssue(REPOSITORY, { title, body: alert?.body ?? '', pullRequest: true, user: 'octocat' })

        stack.faults.failNextJob()
        await runKbSync(stack, ALERT)
        expect(githubCalls(stack).slice(-3)).toEqual(['ListIssues:200', 'ListIssues:200', 'CreateIssueComment:201'])
        const issues = stack.github.issues(REPOSITORY)
        expect(issues.find((i) => i.number === 1)?.comments).toHaveLength(1)
        expect(issues.filter((i) => i.number !== 1 && i.comments.length > 0)).toEqual([])
        expect(issues.filter((i) => !i.pullRequest && i.title === title)).toHaveLength(2)
      })
    }
  )

  it.concurrent(
    'a token without issues: write is a warning naming the permission; the run keeps its status',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(5, { status: 'CLOSED' })
        stack.faults.failNextJob()
        await runKbSync(stack, ALERT)
        expect(alerts(stack)).toHaveLength(1)
        stack.github.setPermissions({ issues: 'read' })

        const recovered = await runKbSync(stack, ALERT)
        expect(recovered.outputs.status).toBe('completed')
        expect(recovered.exitCode).toBe(0)
        const warning =
          "The alert issue was not updated (the run's outcome stands): Resource not accessible by integration"
        expect(annotations(recovered.warnings)).toContain(warning)
        expect(annotations(recovered.warnings)).toContain('Give the job "permissions: issues: write".')
        expect(alerts(stack)[0]?.state).toBe('open')

        stack.github.setPermissions({ issues: 'none' })
        stack.faults.failNextJob()
        const failed = await runKbSync(stack, { ...ALERT, ingestion: 'always' })
        expect(failed.outputs.status).toBe('failed')
        expect(annotations(failed.warnings)).toContain(warning)
        expect(alerts(stack)[0]?.comments).toEqual([])
        expect(githubCalls(stack).slice(-1)).toEqual(['ListIssues:403'])
      })
    }
  )

  it.concurrent('a GitHub outage while opening the issue is a warning; the failed run stays failed', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(5, { status: 'CLOSED' })
      stack.faults.failNextJob()
      stack.faults.error('github:CreateIssue', { status: 502, code: 'BadGateway', message: 'Server Error' })

      const run = await runKbSync(stack, ALERT)
      expect(run.outputs.status).toBe('failed')
      expect(annotations(run.warnings)).toContain(
        "The alert issue was not updated (the run's outcome stands): Server Error"
      )
      expect(alerts(stack)).toEqual([])
    })
  })
})
