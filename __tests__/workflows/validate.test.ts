/**
 * The workflows, the examples, action.yml and the workflow snippets of the docs pass GitHub's own parser
 * (@actions/workflow-parser), run the way CI runs it: `node .github/scripts/validate-workflows.mjs`.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from '@jest/globals'
import { codeBlocks, exampleFiles, readDoc, userDocs } from '../support/docs.js'
import { REPO_ROOT, workflowFileNames } from '../support/workflow-files.js'

const SCRIPT = path.join(REPO_ROOT, '.github', 'scripts', 'validate-workflows.mjs')
const run = promisify(execFile)
const scratch = mkdtempSync(path.join(tmpdir(), 'kb-sync-validate-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

interface Outcome {
  code: number
  stdout: string
}

async function validate(...files: string[]): Promise<Outcome> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, ...files], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', GITHUB_ACTIONS: '' }
    })
    return { code: 0, stdout }
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string }
    return { code: failure.code ?? -1, stdout: `${failure.stdout ?? ''}${failure.stderr ?? ''}` }
  }
}

function scratchFile(name: string, content: string): string {
  const file = path.join(scratch, name)
  writeFileSync(file, content)
  return file
}

/**
 * ```yaml blocks of the user docs that hold jobs. A snippet without triggers gets one, so that the parser checks
 * the jobs the way a reader would use them.
 */
function workflowSnippets(): { name: string; text: string }[] {
  return userDocs().flatMap((doc) =>
    codeBlocks(readDoc(doc), 'yaml')
      .filter((text) => /^jobs:/m.test(text))
      .map((text, index) => ({
        name: `${doc.replace(/\W+/g, '-')}-${index}.yml`,
        text: /^on:/m.test(text) ? text : `on: workflow_dispatch\n${text}`
      }))
  )
}

describe('validate-workflows.mjs', () => {
  it('passes every workflow, every example and action.yml of the repository (its default file set)', async () => {
    const outcome = await validate()
    expect(outcome).toMatchObject({ code: 0 })
    for (const name of workflowFileNames()) expect(outcome.stdout).toContain(`ok    .github/workflows/${name}`)
    expect(exampleFiles().length).toBeGreaterThanOrEqual(3)
    for (const file of exampleFiles()) expect(outcome.stdout).toContain(`ok    ${file} (workflow)`)
    expect(outcome.stdout).toContain('ok    action.yml (action metadata)')
  })

  it('passes the workflow snippets of the docs', async () => {
    const snippets = workflowSnippets()
    expect(snippets.length).toBeGreaterThanOrEqual(1)
    const files = snippets.map(({ name, text }) => scratchFile(name, text))
    const outcome = await validate(...files)
    expect(outcome.stdout).not.toContain('FAIL')
    expect(outcome.code).toBe(0)
  })

  it('fails with the line of a misspelt key, an unknown context and a bad cron', async () => {
    const file = scratchFile(
      'broken.yml',
      [
        'on:',
        '  schedule:',
        "    - cron: '0 * * *'",
        'jobs:',
        '  sync:',
        '    runs-on: ubuntu-latest',
        '    timout-minutes: 10',
        '    steps:',
        '      - uses: ./',
        '        with:',
        '          knowledge_base_id: ${{ variables.KB }}',
        ''
      ].join('\n')
    )
    const outcome = await validate(file)
    expect(outcome.code).toBe(1)
    expect(outcome.stdout).toMatch(/broken\.yml:3:\d+: Invalid cron expression/)
    expect(outcome.stdout).toMatch(/broken\.yml:7:\d+: Unexpected value 'timout-minutes'/)
    expect(outcome.stdout).toMatch(/broken\.yml:11:\d+: Unrecognized named-value: 'variables'/)
  })

  it('fails on an action.yml with an unknown runtime, and knows node24', async () => {
    const actionYml = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')
    const dir = mkdtempSync(path.join(scratch, 'action-'))
    const broken = path.join(dir, 'action.yml')
    writeFileSync(broken, actionYml.replace(/using: .*/, "using: 'node99'"))
    const outcome = await validate(broken)
    expect(outcome.code).toBe(1)
    expect(outcome.stdout).toMatch(/action\.yml:\d+:\d+: Unexpected value 'node99'/)

    writeFileSync(broken, actionYml.replace(/using: .*/, "using: 'node24'"))
    expect(await validate(broken)).toMatchObject({ code: 0 })
  })

  it('fails on YAML that does not parse', async () => {
    const outcome = await validate(scratchFile('not-yaml.yml', 'on: [push\njobs: {}\n'))
    expect(outcome.code).toBe(1)
    expect(outcome.stdout).toContain('FAIL')
  })

  it('writes GitHub annotations when it runs in Actions', async () => {
    const file = scratchFile('annotated.yml', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n')
    const { stdout } = await run(process.execPath, [SCRIPT, file], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', GITHUB_ACTIONS: 'true' }
    }).catch((error: { stdout: string }) => ({ stdout: error.stdout }))
    expect(stdout).toMatch(/::error file=.*annotated\.yml,line=5,col=\d+::/)
  })
})
