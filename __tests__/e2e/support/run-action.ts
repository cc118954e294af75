// The runner harness lives with the local stack, where the demo and the benchmarks use it too. Here each run's
// summary is also read as a person sees it (character references decoded); the source stays for markup checks.
import {
  runAction as runBundled,
  type ActionRun as BundledRun,
  type RunOptions
} from '../../../local/harness/action-runner.js'
import { decodeEntities } from '../../support/markdown.js'

export * from '../../../local/harness/action-runner.js'

export interface ActionRun extends BundledRun {
  /** The summary file as written: Markdown with HTML, every outside character as a character reference. */
  summarySource: string
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const run = await runBundled(options)
  return { ...run, summary: decodeEntities(run.summary), summarySource: run.summary }
}
