/**
 * The MCP server end to end: the SDK's own client spawns `node dist/cli/index.js mcp` over stdio against the local
 * stack. The three tools, their results as text and structured content, progress notifications, a failed job and
 * bad arguments as tool errors, a call the client cancels, and nothing on stdout but the protocol.
 */
import { describe, expect, it } from '@jest/globals'
import type { Progress } from '@modelcontextprotocol/sdk/types.js'
import { expectAllSearchable, inspect, withStack, type ResultDocument } from './support/e2e.js'
import { cliEnv, connectMcp, type McpSession } from './support/cli.js'

interface ToolResult {
  isError?: boolean
  content: { type: string; text?: string }[]
  structuredContent?: Record<string, unknown>
}

async function call(
  session: McpSession,
  name: string,
  args: Record<string, unknown> = {},
  onprogress?: (p: Progress) => void
) {
  return (await session.client.callTool({ name, arguments: args }, undefined, {
    ...(onprogress ? { onprogress } : {}),
    timeout: 60_000
  })) as ToolResult
}

function textOf(result: ToolResult): string {
  return result.content.map((part) => part.text ?? '').join('\n')
}

/** A result that is not an error carries the document twice: as JSON text and as structured content. */
function documentOf<T>(result: ToolResult): T {
  expect(result.isError).toBeFalsy()
  expect(JSON.parse(result.content[0]?.text ?? '')).toEqual(result.structuredContent)
  return result.structuredContent as T
}

async function withServer<T>(env: Record<string, string>, fn: (session: McpSession) => Promise<T>): Promise<T> {
  const session = await connectMcp(env)
  try {
    const value = await fn(session)
    // Everything the server wrote to stdout was protocol the client could read.
    expect(session.errors).toEqual([])
    return value
  } finally {
    await session.close()
  }
}

describe('kb-sync mcp', () => {
  it.concurrent('offers the three tools, with input and output schemas', async () => {
    await withStack({}, async (stack) => {
      await withServer(cliEnv(stack), async (session) => {
        const { tools } = await session.client.listTools()
        expect(tools.map((tool) => tool.name).sort()).toEqual([
          'force_kb_sync',
          'get_ingestion_status',
          'sync_and_ingest'
        ])
        const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]))
        expect(byName.force_kb_sync?.inputSchema).toMatchObject({
          type: 'object',
          properties: { wait_for_completion: { type: 'boolean', default: true } },
          additionalProperties: false
        })
        expect(byName.sync_and_ingest?.inputSchema).toMatchObject({
          properties: {
            wait_for_sync: { type: 'boolean', default: true },
            wait_for_ingestion: { type: 'boolean', default: true }
          }
        })
        expect(byName.get_ingestion_status?.inputSchema).toMatchObject({ properties: { job_id: { type: 'string' } } })
        expect(byName.get_ingestion_status?.inputSchema.required ?? []).toEqual([])
        for (const tool of tools) expect(tool.outputSchema).toMatchObject({ type: 'object' })
        expect(Object.keys(byName.force_kb_sync?.outputSchema?.properties ?? {}).sort()).toEqual(
          ['backlog_remaining', 'batches', 'lambda_execution', 'status', 'sync_results'].sort()
        )
      })
    })
  })

  it.concurrent(
    'sync_and_ingest runs the whole pipeline with progress; get_ingestion_status reads the job',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(6, { status: 'CLOSED' })
        await withServer(cliEnv(stack), async (session) => {
          const progress: Progress[] = []
          const result = documentOf<ResultDocument>(await call(session, 'sync_and_ingest', {}, (p) => progress.push(p)))
          expect(result).toMatchObject({
            status: 'completed',
            sync_phase: { successfully_synced: 6, failed: 0, backlog_after: 0 },
            ingestion_phase: { status: 'COMPLETE', failure_reasons: [] }
          })
          expectAllSearchable(await inspect(stack))
          // One notification per batch and per status check, in order, each saying what it is.
          expect(progress.length).toBeGreaterThanOrEqual(2)
          expect(progress.map((p) => p.progress)).toEqual(progress.map((_, i) => i + 1))
          expect(progress[0]).toMatchObject({ total: 10, message: 'sync: batch 1/10 synced 6 (6 so far, drained)' })
          expect(progress.at(-1)?.message).toMatch(
            new RegExp(`^ingestion: job ${result.ingestion_phase.job_id} \\(started by this run\\) COMPLETE after`)
          )

          const newest = documentOf<{ job_id: string; status: string; running: boolean }>(
            await call(session, 'get_ingestion_status')
          )
          expect(newest).toMatchObject({ job_id: result.ingestion_phase.job_id, status: 'COMPLETE', running: false })
          const byId = documentOf(
            await call(session, 'get_ingestion_status', { job_id: result.ingestion_phase.job_id })
          )
          expect(byId).toEqual(newest)
          const unknown = await call(session, 'get_ingestion_status', { job_id: 'NOSUCHJOB1' })
          expect(unknown.isError).toBe(true)
          expect(textOf(unknown)).toMatch(/ingestion job NOSUCHJOB1 .* was not found/)
          // The log went to stderr.
          expect(session.stderr()).toContain('[kb-sync] Ingestion job')
        })
      })
    }
  )

  it.concurrent('force_kb_sync syncs alone, never starting an ingestion job, and says what is left', async () => {
    await withStack({ lambdaEnv: { BATCH_LIMIT: '4' } }, async (stack) => {
      await stack.seedIncidents(10, { status: 'CLOSED' })
      await withServer(
        cliEnv(stack, { KB_SYNC_MAX_SYNC_BATCHES: '2', KB_SYNC_INGESTION: 'always' }),
        async (session) => {
          const result = documentOf(await call(session, 'force_kb_sync', { wait_for_completion: true }))
          expect(result).toEqual({
            status: 'completed',
            lambda_execution: { function_name: 'incident-kb-batch-sync', status_code: 200 },
            sync_results: { successfully_synced: 8, failed: 0, total_processed: 8 },
            batches: 2,
            backlog_remaining: 2
          })
          expect((await inspect(stack)).truth.jobs).toEqual([])

          const fired = documentOf(await call(session, 'force_kb_sync', { wait_for_completion: false }))
          expect(fired).toMatchObject({
            status: 'completed',
            lambda_execution: { status_code: 202 },
            sync_results: { successfully_synced: null, failed: null, total_processed: null },
            batches: 1
          })
          await stack.idle()
          expect((await inspect(stack)).pending).toEqual([])
          expect((await inspect(stack)).truth.jobs).toEqual([])
        }
      )
    })
  })

  it.concurrent(
    'answers bad arguments, a failed job and a bad configuration with tool errors, and keeps serving',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(2, { status: 'CLOSED' })
        await withServer(cliEnv(stack), async (session) => {
          const wrongType = await call(session, 'force_kb_sync', { wait_for_completion: 'yes' })
          expect(wrongType.isError).toBe(true)
          expect(textOf(wrongType)).toMatch(
            /Input validation error: Invalid arguments for tool force_kb_sync: .*wait_for_completion/s
          )
          const unknownArg = await call(session, 'sync_and_ingest', {
            wait_for_sync: true,
            knowledge_base_id: 'OTHERKB001'
          })
          expect(unknownArg.isError).toBe(true)
          expect(textOf(unknownArg)).toMatch(/knowledge_base_id/)
          const badId = await call(session, 'get_ingestion_status', { job_id: 'not a job' })
          expect(badId.isError).toBe(true)
          expect(textOf(badId)).toContain('an ingestion job id is 10 letters or digits')
          // Nothing ran for the bad calls.
          expect(stack.calls().filter((c) => c.service === 'lambda')).toEqual([])

          stack.faults.failNextJob(['chunking failed'])
          const failed = await call(session, 'sync_and_ingest')
          expect(failed.isError).toBe(true)
          expect(textOf(failed)).toMatch(/^Failed: Ingestion job \w{10} FAILED: chunking failed/)
          expect(failed.structuredContent).toMatchObject({
            status: 'failed',
            ingestion_phase: { status: 'FAILED', failure_reasons: ['chunking failed'] }
          })

          // Still serving.
          expect(documentOf(await call(session, 'get_ingestion_status'))).toMatchObject({ status: 'FAILED' })
        })

        // A server started without the knowledge base: it serves, says so in its log, and each run says what is missing.
        await withServer(cliEnv(stack, { KB_SYNC_KNOWLEDGE_BASE_ID: '' }), async (session) => {
          const result = await call(session, 'force_kb_sync')
          expect(result.isError).toBe(true)
          expect(textOf(result)).toContain('KB_SYNC_KNOWLEDGE_BASE_ID is required')
          expect(session.stderr()).toContain('[kb-sync] warning: Configuration: KB_SYNC_KNOWLEDGE_BASE_ID is required')
        })
      })
    }
  )

  it.concurrent(
    'a call the client cancels cancels the run and leaves the job running; the server goes on',
    async () => {
      await withStack({}, async (stack) => {
        await stack.seedIncidents(3, { status: 'CLOSED' })
        stack.faults.stickNextJob()
        await withServer(cliEnv(stack), async (session) => {
          const cancel = new AbortController()
          let seenRunning: () => void = () => undefined
          const running = new Promise<void>((resolve) => (seenRunning = resolve))
          const pending = session.client.callTool({ name: 'sync_and_ingest', arguments: {} }, undefined, {
            signal: cancel.signal,
            timeout: 60_000,
            onprogress: (p) => {
              if (/\) IN_PROGRESS after/.test(p.message ?? '')) seenRunning()
            }
          })
          await running
          // One pipeline call at a time: a second one is told so, and the first goes on.
          const second = (await session.client.callTool({ name: 'force_kb_sync', arguments: {} })) as ToolResult
          expect(second.isError).toBe(true)
          expect(textOf(second)).toBe(
            'sync_and_ingest is still running in this server; wait for it to end, or cancel it, first.'
          )
          cancel.abort('enough')
          await expect(pending).rejects.toThrow()
          const started = Date.now()
          while (
            !session.stderr().includes('sync_and_ingest: cancelled by the client') &&
            Date.now() - started < 10_000
          )
            await new Promise((resolve) => setTimeout(resolve, 20))
          expect(session.stderr()).toMatch(
            /sync_and_ingest: cancelled by the client; Cancelled by the MCP client during the ingestion step; ingestion job \w{10} was left running \(IN_PROGRESS\)/
          )
          const job = documentOf<{ status: string; running: boolean }>(await call(session, 'get_ingestion_status'))
          expect(job).toMatchObject({ status: 'IN_PROGRESS', running: true })
          // The status checks stopped with the run.
          const checks = stack.calls().filter((c) => c.operation === 'GetIngestionJob').length
          await new Promise((resolve) => setTimeout(resolve, 500))
          expect(stack.calls().filter((c) => c.operation === 'GetIngestionJob').length).toBe(checks)
        })
      })
    }
  )
})
