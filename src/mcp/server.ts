/**
 * `kb-sync mcp`: the pipeline as MCP tools over stdio, for an editor's assistant. force_kb_sync runs the sync phase,
 * sync_and_ingest the whole pipeline, get_ingestion_status reads one job; all configured by the server's flags and
 * KB_SYNC_* variables, exactly as the CLI is. stdout carries the protocol and nothing else: the pipeline's log goes to
 * stderr, which clients keep as the server's log.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js'
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js'
import * as z from 'zod'
import { withFixed, type InputSource } from '../cli/args.js'
import { fixedBy, frontDeps, ingestionStatus } from '../cli/deps.js'
import { describeProgress } from '../cli/progress.js'
import { VERSION } from '../cli/version.js'
import { Cancelled } from '../deadline.js'
import { InputError, parseInputs, type InputName } from '../inputs.js'
import type { Logger } from '../logger.js'
import type { ProgressEvent } from '../pipeline/context.js'
import { STATISTIC_NAMES } from '../pipeline/result.js'
import { runKbSync } from '../pipeline/run.js'
import type { RunResult } from '../pipeline/result.js'
import { forceSyncDocument, resultDocument } from '../report/outputs.js'
import { outcomeLine } from '../report/summary.js'
import { runInfo } from '../run-info.js'
import { terminalText } from '../text.js'

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>

export interface McpOptions {
  source: InputSource
  env: NodeJS.ProcessEnv
  verbose: boolean
  stdin: NodeJS.ReadableStream
  stdout: NodeJS.WritableStream
  stderr: { write(text: string): unknown }
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>
  exit: (code: number) => never
}

const statistics = z.object(Object.fromEntries(STATISTIC_NAMES.map((name) => [name, z.number()])))
const runStatus = z.enum(['completed', 'skipped', 'started', 'dry_run', 'failed', 'cancelled'])
const count = z.number().nullable()

/** resultDocument's shape: the action's `result` output. */
export const RESULT_SCHEMA = z.object({
  status: runStatus,
  sync_phase: z.object({
    successfully_synced: count,
    failed: count,
    total_processed: count,
    batches: z.number(),
    backlog_before: count,
    backlog_after: count
  }),
  ingestion_phase: z.object({
    job_id: z.string().nullable(),
    status: z.string().nullable(),
    statistics: statistics.nullable(),
    failure_reasons: z.array(z.string())
  }),
  total_duration_seconds: z.number()
})

/** forceSyncDocument's shape. */
export const FORCE_SYNC_SCHEMA = z.object({
  status: runStatus,
  lambda_execution: z.object({ function_name: z.string().nullable(), status_code: z.number().nullable() }),
  sync_results: z.object({ successfully_synced: count, failed: count, total_processed: count }),
  batches: z.number(),
  backlog_remaining: count
})

/** JobStatus's shape. */
export const JOB_SCHEMA = z.object({
  job_id: z.string(),
  status: z.string(),
  running: z.boolean(),
  description: z.string().nullable(),
  statistics: statistics.nullable(),
  failure_reasons: z.array(z.string()),
  started_at: z.string().nullable(),
  updated_at: z.string().nullable()
})

/** How long a shutdown waits for cancelled runs to say what they know before the process ends. */
const SHUTDOWN_GRACE_MS = 4_500

export async function serveMcp(options: McpOptions): Promise<number> {
  const { stderr } = options
  const logger = stderrLogger(stderr, options.verbose)
  warnAboutInputs(options, logger)

  const server = new McpServer(
    { name: 'kb-sync', version: VERSION },
    {
      instructions:
        'kb-sync keeps an Amazon Bedrock Knowledge Base in step with DynamoDB: force_kb_sync runs the batch-sync Lambda (DynamoDB → S3), sync_and_ingest also ingests S3 into the knowledge base, get_ingestion_status reads an ingestion job. Which knowledge base, data source, Lambda and region is set where the server is configured (flags or KB_SYNC_* variables), not by the tools.'
    }
  )
  const shutdown = new AbortController()
  const runs = new Set<Promise<unknown>>()
  let busy: string | undefined

  /** One tool call over the pipeline: its own cancellation (the client's, or the server's shutdown) and progress. */
  const pipeline = async (
    tool: string,
    fixed: Partial<Record<InputName, string>>,
    extra: Extra,
    shape: (result: RunResult) => Record<string, unknown>
  ): Promise<CallToolResult> => {
    // Two runs at once would invoke the Lambda twice over and race for the data source's one ingestion job.
    if (busy) return toolError(`${busy} is still running in this server; wait for it to end, or cancel it, first.`)
    busy = tool
    const cancel = linkedCancel(extra.signal, shutdown.signal)
    const progress = progressSender(extra)
    const running = runKbSync(
      frontDeps({
        source: withFixed(options.source, fixedBy(tool, fixed)),
        env: options.env,
        logger,
        cancel: cancel.signal,
        ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
        stderr
      })
    )
    runs.add(running)
    try {
      const result = await running
      await progress.sent()
      const document = shape(result)
      if (extra.signal.aborted) logger.info(`${tool}: cancelled by the client; ${outcomeLine(result)}`)
      if (result.status === 'failed' || result.status === 'cancelled') {
        return {
          isError: true,
          content: [
            { type: 'text', text: failureText(result) },
            { type: 'text', text: JSON.stringify(document, null, 2) }
          ],
          structuredContent: document
        }
      }
      return { content: [{ type: 'text', text: JSON.stringify(document, null, 2) }], structuredContent: document }
    } finally {
      cancel.dispose()
      runs.delete(running)
      busy = undefined
    }
  }

  server.registerTool(
    'force_kb_sync',
    {
      title: 'Sync DynamoDB to S3',
      description:
        'Runs the batch-sync Lambda until the backlog of closed incidents is drained (or max_sync_batches): DynamoDB → S3. Never starts an ingestion job. Returns the Lambda execution, the sync counts, the batches made and the incidents still pending.',
      inputSchema: z.strictObject({
        wait_for_completion: z
          .boolean()
          .default(true)
          .describe(
            'true: invoke synchronously and read the results; false: invoke once asynchronously (fire and forget).'
          )
      }),
      outputSchema: FORCE_SYNC_SCHEMA
    },
    (args, extra) =>
      pipeline(
        'force_kb_sync',
        { sync: 'true', wait_for_sync: String(args.wait_for_completion), ingestion: 'never' },
        extra,
        forceSyncDocument
      )
  )

  server.registerTool(
    'sync_and_ingest',
    {
      title: 'Sync DynamoDB to S3, then ingest into the knowledge base',
      description:
        'The whole pipeline: drains the backlog through the batch-sync Lambda, then starts an ingestion job of the data source when something changed (or the last job did not end cleanly) and waits for it. Returns the status, the sync phase, the ingestion job with its statistics and failure reasons, and the duration.',
      inputSchema: z.strictObject({
        wait_for_sync: z
          .boolean()
          .default(true)
          .describe('true: invoke the Lambda synchronously and read its results; false: fire and forget.'),
        wait_for_ingestion: z
          .boolean()
          .default(true)
          .describe('true: wait for the ingestion job to end; false: return once it is accepted.')
      }),
      outputSchema: RESULT_SCHEMA
    },
    (args, extra) =>
      pipeline(
        'sync_and_ingest',
        { wait_for_sync: String(args.wait_for_sync), wait_for_ingestion: String(args.wait_for_ingestion) },
        extra,
        resultDocument
      )
  )

  server.registerTool(
    'get_ingestion_status',
    {
      title: 'Read an ingestion job',
      description:
        "One ingestion job of the data source: its status, statistics, failure reasons and times. Without job_id, the data source's newest job.",
      inputSchema: z.strictObject({
        job_id: z
          .string()
          .regex(/^[0-9a-zA-Z]{10}$/, 'an ingestion job id is 10 letters or digits')
          .optional()
          .describe("The ingestion job id; omitted: the data source's newest job.")
      }),
      outputSchema: JOB_SCHEMA,
      annotations: { readOnlyHint: true }
    },
    async (args, extra) => {
      const cancel = linkedCancel(extra.signal, shutdown.signal)
      try {
        const outcome = await ingestionStatus(
          frontDeps({ source: options.source, env: options.env, logger, cancel: cancel.signal, stderr }),
          args.job_id
        )
        switch (outcome.kind) {
          case 'job':
            return {
              content: [{ type: 'text', text: JSON.stringify(outcome.job, null, 2) }],
              structuredContent: outcome.job as unknown as Record<string, unknown>
            }
          case 'inputs':
            return toolError(`The server's configuration is invalid:\n- ${outcome.problems.join('\n- ')}`)
          case 'cancelled':
            return toolError(`Cancelled by ${outcome.signal}.`)
          default:
            return toolError(outcome.message)
        }
      } finally {
        cancel.dispose()
      }
    }
  )

  const transport = new StdioServerTransport(options.stdin as NodeJS.ReadStream, options.stdout as NodeJS.WriteStream)
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve()
  })
  // A client ends the session by closing stdin, or by a signal; either way a run in flight is cancelled first.
  const stop = async (why: string, by: string): Promise<void> => {
    if (shutdown.signal.aborted) return
    logger.info(`Stopping: ${why}.`)
    shutdown.abort(new Cancelled(by))
    setTimeout(() => options.exit(0), SHUTDOWN_GRACE_MS).unref()
    await Promise.allSettled([...runs])
    await server.close()
  }
  const onEnd = (): void => void stop('the client closed stdin', 'the end of the MCP session')
  const onSignal = (signal: string) => (): void => {
    if (shutdown.signal.aborted) options.exit(130)
    void stop(signal, signal).then(() => options.exit(130))
  }
  const onInt = onSignal('SIGINT')
  const onTerm = onSignal('SIGTERM')
  options.stdin.on('end', onEnd)
  options.signals.on('SIGINT', onInt)
  options.signals.on('SIGTERM', onTerm)
  await server.connect(transport)
  logger.info(`kb-sync ${VERSION} serving MCP over stdio: force_kb_sync, sync_and_ingest, get_ingestion_status.`)
  try {
    await closed
  } finally {
    options.stdin.off('end', onEnd)
    options.signals.off('SIGINT', onInt)
    options.signals.off('SIGTERM', onTerm)
  }
  return 0
}

/** Logs to stderr only: the protocol owns stdout. */
function stderrLogger(stderr: { write(text: string): unknown }, verbose: boolean): Logger {
  const write = (level: string, message: string): void =>
    void stderr.write(`[kb-sync] ${level}${terminalText(message)}\n`)
  return {
    info: (message) => write('', message),
    debug: (message) => {
      if (verbose) write('debug: ', message)
    },
    warning: (message) => write('warning: ', message),
    group: (name, fn) => {
      write('', name)
      return fn()
    }
  }
}

/** A configuration that cannot work is said at start-up, in the server's log; each tool call says it again. */
function warnAboutInputs(options: McpOptions, logger: Logger): void {
  try {
    parseInputs(options.source.read, options.env, runInfo(options.env), options.source.label)
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    for (const problem of error.problems)
      logger.warning(`Configuration: ${problem} Every tool call will fail until this is fixed.`)
  }
}

/**
 * How long the result waits after the last progress notification. The SDK's client runs notification handlers a
 * microtask after it reads them but settles a response at once: a result read in the same chunk as the last
 * notification would retire the progress token first, and the client would drop that notification as unknown.
 */
const RESULT_AFTER_PROGRESS_MS = 100

/**
 * notifications/progress for each batch and status check, when the client asked for progress. `sent` settles once
 * every notification is out and the last one has had time to be read on its own.
 */
function progressSender(extra: Extra): { onProgress?: (event: ProgressEvent) => void; sent: () => Promise<void> } {
  const token = extra._meta?.progressToken
  if (token === undefined) return { sent: async () => undefined }
  let progress = 0
  let lastAt = 0
  let sending = Promise.resolve()
  const sent = async (): Promise<void> => {
    await sending
    const wait = lastAt + RESULT_AFTER_PROGRESS_MS - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  const onProgress = (event: ProgressEvent): void => {
    const params = {
      progressToken: token,
      progress: ++progress,
      ...(event.phase === 'sync' ? { total: event.maxBatches } : {}),
      message: describeProgress(event)
    }
    sending = sending
      .then(() => extra.sendNotification({ method: 'notifications/progress', params }))
      .then(() => void (lastAt = Date.now()))
      .catch(() => undefined)
  }
  return { onProgress, sent }
}

/** The run's cancellation: the client's cancel of this call, or the server's shutdown, as a Cancelled reason. */
function linkedCancel(...signals: AbortSignal[]): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController()
  const listeners = signals.map((signal) => {
    const listener = (): void => {
      const reason: unknown = signal.reason
      controller.abort(reason instanceof Cancelled ? reason : new Cancelled('the MCP client'))
    }
    if (signal.aborted) listener()
    else signal.addEventListener('abort', listener, { once: true })
    return [signal, listener] as const
  })
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [signal, listener] of listeners) signal.removeEventListener('abort', listener)
    }
  }
}

function failureText(result: RunResult): string {
  const lines = [outcomeLine(result)]
  if (result.problems.length > 1) for (const p of result.problems) lines.push(`- ${p.phase}: ${p.message}`)
  return lines.join('\n')
}

function toolError(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] }
}
