/**
 * The runner adapter: read the run's inputs and metadata, run the pipeline, report. Everything between is plain
 * code over (config, clients, clock) that never touches the runner.
 */
import * as core from '@actions/core'
import { context } from '@actions/github'
import { systemClock } from './clock.js'
import type { InputName, RunInfo } from './inputs.js'
import type { Logger } from './logger.js'
import { runKbSync } from './pipeline/run.js'
import { report } from './report/report.js'

/** Like core.getInput, but tells an input that was not given (undefined) from one given empty (''). */
function readInput(name: InputName): string | undefined {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]
}

function runInfo(): RunInfo {
  return {
    repository: process.env.GITHUB_REPOSITORY ?? '',
    runId: Number.isNaN(context.runId) ? '' : String(context.runId),
    runAttempt: Number.isNaN(context.runAttempt) ? '1' : String(context.runAttempt),
    serverUrl: context.serverUrl,
    job: context.job ?? '',
    action: context.action ?? ''
  }
}

const coreLogger: Logger = {
  info: (message) => core.info(message),
  debug: (message) => core.debug(message),
  warning: (message) => core.warning(message),
  group: (name, fn) => core.group(name, fn)
}

export async function run(): Promise<void> {
  try {
    const result = await runKbSync({
      readInput,
      env: process.env,
      run: runInfo(),
      clock: systemClock,
      logger: coreLogger,
      getIdToken: (audience) => core.getIDToken(audience),
      mask: (secret) => core.setSecret(secret)
    })
    await report(result)
  } catch (error) {
    // The pipeline and report never throw by design; this funnel keeps a bug from ending the run silently green.
    core.setFailed(
      `kb-sync failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
    )
  }
}
