/**
 * The CLI's commands over the one pipeline: `kb-sync` (sync, then ingest), `kb-sync sync` (the sync phase only),
 * `kb-sync status [job id]` and `kb-sync mcp`. Here the terminal's signals become the run's cancellation, and the
 * result becomes stdout (a summary, or one JSON document with --json) and the exit code.
 */
import { Cancelled } from '../deadline.js'
import { runKbSync } from '../pipeline/run.js'
import type { RunResult } from '../pipeline/result.js'
import { forceSyncDocument, resultDocument } from '../report/outputs.js'
import { serveMcp } from '../mcp/server.js'
import { terminalText } from '../text.js'
import { inputSource, parseCliArgs, UsageError, withFixed, type CliArgs, type InputSource } from './args.js'
import { fixedBy, frontDeps, ingestionStatus, profileRegion } from './deps.js'
import { helpText } from './help.js'
import { TerminalReporter } from './progress.js'
import { renderJob, renderResult, styleFor } from './terminal.js'
import { VERSION } from './version.js'

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const

/** After the first signal the run stops within a moment; this is the longest the process may then take to exit. */
const EXIT_AFTER_SIGNAL_MS = 4_500

export interface Io {
  stdout: NodeJS.WriteStream
  stderr: NodeJS.WriteStream
  stdin: NodeJS.ReadStream
  env: NodeJS.ProcessEnv
  /** Where SIGINT and SIGTERM arrive (the process). */
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>
  exit: (code: number) => never
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let args: CliArgs
  try {
    args = parseCliArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) return usage(io, [error.message])
    throw error
  }
  if (args.version) {
    io.stdout.write(`${VERSION}\n`)
    return EXIT.ok
  }
  if (args.help) {
    io.stdout.write(helpText(args.command === 'run' ? undefined : args.command))
    return EXIT.ok
  }
  const base = inputSource(args.flags, io.env)
  const region = await profileRegion(base, io.env)
  const source = inputSource(args.flags, io.env, region ? { aws_region: region } : {})
  switch (args.command) {
    case 'mcp':
      return serveMcp({
        source,
        env: io.env,
        verbose: args.verbose,
        stdin: io.stdin,
        stdout: io.stdout,
        stderr: io.stderr,
        signals: io.signals,
        exit: io.exit
      })
    case 'status':
      return status(args, source, io)
    case 'sync':
      return run(args, withFixed(source, fixedBy('kb-sync sync', { sync: 'true', ingestion: 'never' })), io)
    default:
      return run(args, source, io)
  }
}

function usage(io: Io, problems: string[]): number {
  for (const problem of problems) io.stderr.write(`kb-sync: ${terminalText(problem)}\n`)
  io.stderr.write('Run kb-sync --help for the commands and flags.\n')
  return EXIT.usage
}

/**
 * Turns the first SIGINT or SIGTERM into the run's cancellation (the run stops, and what it knows is reported);
 * a second one, or a run that does not let go in time, ends the process at once.
 */
function cancelOnSignals(io: Io, reporter: TerminalReporter): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController()
  const onSignal = (name: 'SIGINT' | 'SIGTERM'): void => {
    if (controller.signal.aborted) io.exit(EXIT.cancelled)
    reporter.note(`Received ${name}: stopping; what is known follows (again to quit at once).`)
    controller.abort(new Cancelled(name))
    setTimeout(() => io.exit(EXIT.cancelled), EXIT_AFTER_SIGNAL_MS).unref()
  }
  const onInt = (): void => onSignal('SIGINT')
  const onTerm = (): void => onSignal('SIGTERM')
  io.signals.on('SIGINT', onInt)
  io.signals.on('SIGTERM', onTerm)
  return {
    signal: controller.signal,
    stop: () => {
      io.signals.off('SIGINT', onInt)
      io.signals.off('SIGTERM', onTerm)
    }
  }
}

async function run(args: CliArgs, source: InputSource, io: Io): Promise<number> {
  const command = args.command === 'sync' ? 'sync' : 'run'
  const reporter = new TerminalReporter({
    stream: io.stderr,
    style: styleFor(io.stderr, io.env),
    verbose: args.verbose
  })
  const cancel = cancelOnSignals(io, reporter)
  let result: RunResult
  try {
    result = await runKbSync(
      frontDeps({
        source,
        env: io.env,
        logger: reporter.logger,
        cancel: cancel.signal,
        onProgress: reporter.onProgress,
        stderr: io.stderr
      })
    )
  } finally {
    reporter.stop()
    cancel.stop()
  }
  if (result.problems.length > 0 && result.problems.every((p) => p.phase === 'inputs')) {
    return usage(
      io,
      result.problems.map((p) => p.message)
    )
  }
  if (args.json) {
    const document = command === 'sync' ? forceSyncDocument(result) : resultDocument(result)
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
  } else {
    io.stdout.write(renderResult(result, { style: styleFor(io.stdout, io.env), command }))
  }
  if (result.status === 'cancelled') return EXIT.cancelled
  return result.status === 'failed' ? EXIT.failed : EXIT.ok
}

async function status(args: CliArgs, source: InputSource, io: Io): Promise<number> {
  const reporter = new TerminalReporter({
    stream: io.stderr,
    style: styleFor(io.stderr, io.env),
    verbose: args.verbose
  })
  const cancel = cancelOnSignals(io, reporter)
  try {
    const outcome = await ingestionStatus(
      frontDeps({ source, env: io.env, logger: reporter.logger, cancel: cancel.signal, stderr: io.stderr }),
      args.jobId
    )
    reporter.stop()
    switch (outcome.kind) {
      case 'inputs':
        return usage(io, outcome.problems)
      case 'cancelled':
        io.stderr.write(`kb-sync: cancelled by ${outcome.signal}\n`)
        return EXIT.cancelled
      case 'failed':
        io.stderr.write(`kb-sync: ${terminalText(outcome.message)}\n`)
        return EXIT.failed
      default:
        io.stdout.write(
          args.json ? `${JSON.stringify(outcome.job, null, 2)}\n` : renderJob(outcome.job, styleFor(io.stdout, io.env))
        )
        return EXIT.ok
    }
  } finally {
    reporter.stop()
    cancel.stop()
  }
}
