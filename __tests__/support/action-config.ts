/**
 * What the action makes of a workflow step's `with:`: the values rendered as the runner renders them, action.yml's
 * defaults for the inputs the step leaves out (as the runner passes them), parsed by the action's own parseInputs.
 * Lets a test hold a workflow's `timeout-minutes` against the run budget of the inputs it really passes.
 */
import path from 'node:path'
import { parseInputs, type Config, type InputName } from '../../src/inputs.js'
import { RUN } from './fakes.js'
import { REPO_ROOT, loadYaml, renderValue, type ExpressionContexts, type Step } from './workflow-files.js'

export interface ActionMetadata {
  inputs: Record<string, { required?: boolean; default?: string }>
}

export const ACTION = loadYaml(path.join(REPO_ROOT, 'action.yml')) as ActionMetadata

/** A step's `with:` values as the action receives them for one event. */
export function renderStepInputs(step: Step, contexts: ExpressionContexts): Record<string, string> {
  const inputs: Record<string, string> = {}
  for (const [name, value] of Object.entries(step.with ?? {})) inputs[name] = renderValue(String(value), contexts)
  return inputs
}

/** The Config the action builds from rendered inputs, action.yml's defaults filling in the rest. */
export function actionConfig(given: Record<string, string>, env: NodeJS.ProcessEnv = {}): Config {
  return parseInputs((name: InputName) => given[name] ?? ACTION.inputs[name]?.default, env, RUN)
}
