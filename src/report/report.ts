/**
 * The only place that talks to the runner about a finished run: outputs, job summary, annotations, exit code.
 */
import type { RunResult } from '../pipeline/result.js'
import { logText } from '../text.js'
import { setOutput, workflow } from '../workflow-commands.js'
import { buildOutputs } from './outputs.js'
import { StepSummary } from './step-summary.js'
import { addResultToSummary, outcomeLine } from './summary.js'

export async function report(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(buildOutputs(result))) setOutput(name, value)

  try {
    const summary = new StepSummary()
    addResultToSummary(summary, result)
    await summary.write()
  } catch (error) {
    // Outside the runner there is no GITHUB_STEP_SUMMARY; the outcome still reaches the log and the exit code.
    workflow.info(logText(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`))
  }

  if (result.status === 'failed' || result.status === 'cancelled') {
    const problems = result.status === 'cancelled' ? result.problems : result.problems.slice(0, -1)
    for (const problem of problems) workflow.error(logText(problem.message), `kb-sync: ${problem.phase}`)
    const last = result.problems[result.problems.length - 1]
    workflow.setFailed(logText(result.status === 'failed' && last ? last.message : outcomeLine(result)))
  } else {
    workflow.info(logText(outcomeLine(result)))
  }
}
