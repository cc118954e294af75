/**
 * Reading GitHub workflow files for tests: the parsed document, the raw lines (for `# vX.Y.Z` comments), and an
 * evaluator for `${{ }}` expressions built on GitHub's own expression engine (@actions/expressions).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { parse } from 'yaml'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
export const WORKFLOW_DIR = path.join(REPO_ROOT, '.github', 'workflows')

export type Mapping = Record<string, unknown>

export interface Step extends Mapping {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  if?: string
}

export interface Job extends Mapping {
  name?: string
  'runs-on'?: unknown
  'timeout-minutes'?: number
  permissions?: unknown
  needs?: string | string[]
  steps?: Step[]
}

export interface Workflow {
  file: string
  /** `ci.yml` */
  name: string
  raw: string
  doc: Mapping & { on: Mapping; jobs: Record<string, Job>; permissions?: unknown; concurrency?: unknown }
}

export function workflowFileNames(): string[] {
  return readdirSync(WORKFLOW_DIR)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
}

export function loadYaml(file: string): unknown {
  return parse(readFileSync(file, 'utf8'), { uniqueKeys: true })
}

export function loadWorkflow(name: string): Workflow {
  const file = path.join(WORKFLOW_DIR, name)
  const raw = readFileSync(file, 'utf8')
  const doc = parse(raw, { uniqueKeys: true }) as Workflow['doc']
  return { file, name, raw, doc }
}

export function loadAllWorkflows(): Workflow[] {
  return workflowFileNames().map(loadWorkflow)
}

export function jobEntries(workflow: Workflow): [string, Job][] {
  return Object.entries(workflow.doc.jobs ?? {})
}

export function allSteps(workflow: Workflow): { jobId: string; step: Step }[] {
  return jobEntries(workflow).flatMap(([jobId, job]) => (job.steps ?? []).map((step) => ({ jobId, step })))
}

export interface UsesLine {
  line: number
  /** `actions/checkout@08c6…` */
  reference: string
  /** The text after `#`, trimmed; empty when there is none. */
  comment: string
}

/** Every `uses:` in the raw text (block style), with its trailing comment. */
export function usesLines(raw: string): UsesLine[] {
  const found: UsesLine[] = []
  raw.split('\n').forEach((text, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*(['"]?)([^'"\s#]+)\1\s*(?:#\s*(.*))?$/.exec(text)
    if (match) found.push({ line: index + 1, reference: match[2] as string, comment: (match[3] ?? '').trim() })
  })
  return found
}

/** A remote action reference `owner/repo[/path]@ref`; local (`./`) and docker references are not. */
export function isRemoteAction(reference: string): boolean {
  return !reference.startsWith('./') && !reference.startsWith('docker://')
}

export const FULL_SHA = /^[0-9a-f]{40}$/

/** Every string in a parsed document, with its path (for "no expression here" checks). */
export function stringsIn(value: unknown, at = ''): { path: string; value: string }[] {
  if (typeof value === 'string') return [{ path: at, value }]
  if (Array.isArray(value)) return value.flatMap((item, index) => stringsIn(item, `${at}[${index}]`))
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => stringsIn(item, at ? `${at}.${key}` : key))
  }
  return []
}

type Plain = string | number | boolean | null | undefined | Plain[] | { [key: string]: Plain }

function toData(value: Plain): data.ExpressionData {
  if (value === null || value === undefined) return new data.Null()
  if (typeof value === 'string') return new data.StringData(value)
  if (typeof value === 'number') return new data.NumberData(value)
  if (typeof value === 'boolean') return new data.BooleanData(value)
  if (Array.isArray(value)) return new data.Array(...value.map(toData))
  const dictionary = new data.Dictionary()
  for (const [key, item] of Object.entries(value)) dictionary.add(key, toData(item))
  return dictionary
}

/** Contexts for expression evaluation, e.g. { github: { event_name: 'schedule' }, inputs: {}, vars: {…} }. */
export type ExpressionContexts = Record<string, Plain>

const CONTEXT_NAMES = ['github', 'inputs', 'vars', 'env', 'steps', 'job', 'runner', 'secrets', 'matrix', 'needs']

/** Evaluates one expression body (the text between `${{` and `}}`) as GitHub does. */
export function evaluateExpression(expression: string, contexts: ExpressionContexts): data.ExpressionData {
  const lexed = new Lexer(expression).lex()
  const parser = new Parser(lexed.tokens, CONTEXT_NAMES, [])
  const context = new data.Dictionary()
  for (const name of CONTEXT_NAMES) context.add(name, toData(contexts[name] ?? {}))
  return new Evaluator(parser.parse(), context).evaluate()
}

/** Renders a workflow string with `${{ }}` parts the way the runner passes it to an action input. */
export function renderValue(value: string, contexts: ExpressionContexts): string {
  return value.replace(/\$\{\{(.*?)\}\}/gs, (_match, body: string) => evaluateExpression(body, contexts).coerceString())
}
