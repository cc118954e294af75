/**
 * The runner adapter: read the run's inputs and metadata, run the pipeline, report. Everything between is plain
 * code over (config, clients, clock) that never touches the runner. This is also where the runner's signals
 * become the pipeline's cancellation. The runner's protocol is spoken by workflow-commands.ts, without
 * @actions/core and the HTTP stack it would load (see there).
 */
import { systemClock } from './clock.js'
import { githubIdToken } from './aws/github-oidc.js'
import { Cancelled } from './deadline.js'
import type { InputName } from './inputs.js'
import type { Logger } from './logger.js'
import { runKbSync } from './pipeline/run.js'
import { runInfo } from './run-info.js'
import { logText } from './text.js'
import { workflow } from './workflow-commands.js'

/**
 * The runner sends SIGINT, then SIGTERM about 7.5 s later, then kills the process. The run stops at the first
 * signal; this is the last moment it may still be alive, whatever is left holding it open.
 */
const EXIT_AFTER_SIGNAL_MS = 4_500

/** Like core.getInput, but tells an input that was not given (undefined) from one given empty (''). */
function readInput(name: InputName): string | undefined {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
}

/** Every line the pipeline says reaches the runner through logText, so outside text can never be a command. */
export const runnerLogger: Logger = {
  info: (message) => workflow.info(logText(message)),
  debug: (message) => workflow.debug(logText(message)),
  warning: (message) => workflow.warning(logText(message)),
  group: (name, fn) => workflow.group(logText(name), fn)
}

/** The two signals the runner sends; the first of either cancels, later ones change nothing. */
export function onFirstSignal(
  target: Pick<NodeJS.EventEmitter, 'on' | 'off'>,
  handle: (signal: 'SIGINT' | 'SIGTERM') => void
): () => void {
  let received = false
  const listeners = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const listener = (): void => {
      if (received) return
      received = true
      handle(signal)
    }
    target.on(signal, listener)
    return [signal, listener] as const
  })
  return () => {
    for (const [signal, listener] of listeners) target.off(signal, listener)
  }
}

export async function run(): Promise<void> {
  const cancel = new AbortController()
  const stopWatching = onFirstSignal(process, (signal) => {
    workflow.info(`Received ${signal}: stopping now; the job summary and outputs follow.`)
    cancel.abort(new Cancelled(signal))
    setTimeout(() => process.exit(process.exitCode || 1), EXIT_AFTER_SIGNAL_MS).unref()
  })
  try {
    const result = await runKbSync({
      readInput,
      env: process.env,
      run: runInfo(),
      clock: systemClock,
      logger: runnerLogger,
      getIdToken: (audience, signal) => githubIdToken(audience, process.env, signal),
      mask: (secret) => workflow.addMask(secret),
      cancel: cancel.signal,
      updateAlertIssue: async (target, result, signal) => {
        workflow.addMask(target.token)
        const { updateAlertIssue } = await import('./report/alert.js')
        return updateAlertIssue(target, result, signal)
      }
    })
    const { report } = await import('./report/report.js')
    await report(result)
  } catch (error) {
    // The pipeline and report never throw by design; this funnel keeps a bug from ending the run silently green.
    workflow.setFailed(
      logText(`kb-sync failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    )
  } finally {
    stopWatching()
  }
}
