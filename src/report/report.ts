/**
 * The only place that talks to the runner about a finished run: outputs, job summary, annotations, exit code.
 */
import * as core from '@actions/core'
import type { RunResult } from '../pipeline/result.js'
import { logText } from '../text.js'
import { buildOutputs } from './outputs.js'
import { addResultToSummary, outcomeLine } from './summary.js'

export async function report(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(buildOutputs(result))) core.setOutput(name, value)

  try {
    addResultToSummary(core.summary, result)
    await core.summary.write()
  } catch (error) {
    // Outside the runner there is no GITHUB_STEP_SUMMARY; the outcome still reaches the log and the exit code.
    core.info(logText(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`))
  } finally {
    core.summary.emptyBuffer()
  }

  if (result.status === 'failed' || result.status === 'cancelled') {
    const problems = result.status === 'cancelled' ? result.problems : result.problems.slice(0, -1)
    for (const problem of problems) core.error(logText(problem.message), { title: `kb-sync: ${problem.phase}` })
    const last = result.problems[result.problems.length - 1]
    core.setFailed(logText(result.status === 'failed' && last ? last.message : outcomeLine(result)))
  } else {
    core.info(logText(outcomeLine(result)))
  }
}
