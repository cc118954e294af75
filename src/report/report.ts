/**
 * The only place that talks to the runner about a finished run: outputs, job summary, annotations, exit code.
 */
import * as core from '@actions/core'
import type { RunResult } from '../pipeline/result.js'
import { buildOutputs } from './outputs.js'
import { addResultToSummary, outcomeLine } from './summary.js'

export async function report(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(buildOutputs(result))) core.setOutput(name, value)

  try {
    addResultToSummary(core.summary, result)
    await core.summary.write()
  } catch (error) {
    // Outside the runner there is no GITHUB_STEP_SUMMARY; the outcome still reaches the log and the exit code.
    core.info(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`)
  }

  if (result.status === 'failed') {
    for (const problem of result.problems.slice(0, -1))
      core.error(problem.message, { title: `kb-sync: ${problem.phase}` })
    const last = result.problems[result.problems.length - 1]
    core.setFailed(last ? last.message : outcomeLine(result))
  } else {
    core.info(outcomeLine(result))
  }
}
