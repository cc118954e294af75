#!/usr/bin/env node
// Validates GitHub Actions workflows and action metadata with GitHub's own parser, @actions/workflow-parser (the
// parser behind the GitHub Actions language server and the VS Code extension): the schema that GitHub itself
// publishes, so new runtimes (`using: node24`) and new keys are known as soon as the package is updated.
//
// Usage: node .github/scripts/validate-workflows.mjs [FILE...]
//   With no FILE: every .github/workflows/*.yml|*.yaml, every examples/*.yml|*.yaml (the workflows the docs offer
//   to copy, held to the same parser), plus action.yml|action.yaml at the repository root.
//   A file named action.yml or action.yaml is validated as action metadata; any other file as a workflow.
// Exit status: 0 all valid, 1 at least one error, 2 bad usage or unreadable file.
//
// Each file gets both passes the language server runs: the schema pass (keys, types, allowed expression contexts
// per key) and the conversion pass (cron syntax, `needs:` references, concurrency, job ids, ...), the second even
// when the first found errors, so one run reports everything.

import { register } from 'node:module'
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

// The parser imports its JSON schemas without import attributes; see json-import-hook.mjs.
register('./json-import-hook.mjs', import.meta.url)

const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser')
const { parseAction, convertActionTemplate } = await import('@actions/workflow-parser/actions/index')
const { ErrorPolicy } = await import('@actions/workflow-parser/model/convert')

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** True for action metadata (action.yml / action.yaml), false for a workflow. */
export function isActionMetadata(file) {
  return /^action\.ya?ml$/.test(path.basename(file))
}

/** The files checked when none are named: every workflow, every example workflow, and the root action metadata. */
export async function defaultFiles(root = repoRoot) {
  const files = []
  for (const dir of [path.join(root, '.github', 'workflows'), path.join(root, 'examples')]) {
    for (const name of (await readdir(dir).catch(() => [])).sort()) {
      if (/\.ya?ml$/.test(name)) files.push(path.join(dir, name))
    }
  }
  for (const name of ['action.yml', 'action.yaml']) {
    const file = path.join(root, name)
    if (
      await readFile(file).then(
        () => true,
        () => false
      )
    )
      files.push(file)
  }
  return files
}

function toProblems(context) {
  const problems = []
  const seen = new Set()
  for (const error of context.errors.getErrors()) {
    const problem = {
      line: error.range?.start.line,
      column: error.range?.start.column,
      message: error.rawMessage ?? error.message
    }
    const key = `${problem.line}:${problem.column}:${problem.message}`
    if (!seen.has(key)) problems.push(problem)
    seen.add(key)
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

/**
 * Validates one file's text. Returns a list of problems ({ line, column, message }); empty when valid.
 * `name` is only used to decide between action metadata and workflow, and in messages.
 */
export async function validateText(name, content) {
  const trace = new NoOperationTraceWriter()
  if (isActionMetadata(name)) {
    const parsed = parseAction({ name, content }, trace)
    if (parsed.value !== undefined) {
      convertActionTemplate(parsed.context, parsed.value, { errorPolicy: ErrorPolicy.TryConversion })
    }
    return toProblems(parsed.context)
  }
  const parsed = parseWorkflow({ name, content }, trace)
  if (parsed.value !== undefined) {
    // TryConversion: run the semantic pass even after schema errors, so one run reports both kinds.
    await convertWorkflowTemplate(parsed.context, parsed.value, undefined, { errorPolicy: ErrorPolicy.TryConversion })
  }
  return toProblems(parsed.context)
}

/** Validates files on disk. Returns { file, problems }[] in the order given. */
export async function validateFiles(files) {
  const results = []
  for (const file of files) {
    const content = await readFile(file, 'utf8')
    results.push({ file, problems: await validateText(file, content) })
  }
  return results
}

function escapeAnnotation(value) {
  return String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

async function main(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log('Usage: node .github/scripts/validate-workflows.mjs [FILE...]')
    return 0
  }
  const files = argv.length > 0 ? argv.map((file) => path.resolve(file)) : await defaultFiles()
  if (files.length === 0) {
    console.error('validate-workflows: no workflow or action metadata files found')
    return 2
  }
  let results
  try {
    results = await validateFiles(files)
  } catch (error) {
    console.error(`validate-workflows: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  let failed = 0
  for (const { file, problems } of results) {
    const shown = path.relative(process.cwd(), file) || file
    const kind = isActionMetadata(file) ? 'action metadata' : 'workflow'
    if (problems.length === 0) {
      console.log(`ok    ${shown} (${kind})`)
      continue
    }
    failed += 1
    console.log(`FAIL  ${shown} (${kind})`)
    for (const problem of problems) {
      const where = problem.line === undefined ? shown : `${shown}:${problem.line}:${problem.column ?? 1}`
      console.log(`  ${where}: ${problem.message}`)
      if (process.env.GITHUB_ACTIONS === 'true') {
        const position = problem.line === undefined ? '' : `,line=${problem.line},col=${problem.column ?? 1}`
        console.log(`::error file=${escapeAnnotation(shown)}${position}::${escapeAnnotation(problem.message)}`)
      }
    }
  }
  console.log(`${results.length - failed} valid, ${failed} invalid`)
  return failed === 0 ? 0 : 1
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2))
}
