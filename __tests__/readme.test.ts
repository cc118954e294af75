/**
 * The README is the page a user lands on: small, about using the action, with input and output tables that say what
 * action.yml says, the Lambda's answer in a shape the action reads, and the rest one link away.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { parseSyncResult } from '../src/pipeline/sync-result.js'
import { codeBlocks, headings, linkTargets, section } from './support/docs.js'
import { REPO_ROOT } from './support/workflow-files.js'

const README = path.join(REPO_ROOT, 'README.md')
const readme = readFileSync(README, 'utf8')
const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, unknown>
}

/** The rows of the first table under a `## heading`: first cell (without backticks) → second cell. */
function table(heading: string): Map<string, string> {
  const rows = section(readme, `## ${heading}`)
    .split('\n')
    .filter((line) => /^\| `/.test(line))
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim())
      return [cells[1]!.replace(/`/g, ''), cells[2]!]
    })
  )
}

describe('README', () => {
  it('stays a landing page: at most 20,000 bytes', () => {
    expect(statSync(README).size).toBeLessThanOrEqual(20_000)
  })

  it('documents every input of action.yml with its default', () => {
    const documented = table('Inputs')
    expect([...documented.keys()]).toEqual(Object.keys(action.inputs))
    for (const [name, input] of Object.entries(action.inputs)) {
      const expected = input.required ? 'required' : input.default === '' ? '(empty)' : `\`${input.default}\``
      expect([name, documented.get(name)]).toEqual([name, expected])
    }
  })

  it('documents every output of action.yml', () => {
    expect([...table('Outputs').keys()]).toEqual(Object.keys(action.outputs))
  })

  it('names every status the status output can take', () => {
    const row = readme.split('\n').find((line) => line.startsWith('| `status`')) ?? ''
    for (const status of ['completed', 'skipped', 'started', 'dry_run', 'failed', 'cancelled']) {
      expect({ status, listed: row.includes(`\`${status}\``) }).toEqual({ status, listed: true })
    }
  })

  it('has the quick-start command lines', () => {
    expect(section(readme, '## Quick start')).toMatch(
      /```sh\nnpm ci && npm run demo[^\n]*\nnpm ci && npm test[^\n]*\n```/
    )
  })

  it('is laid out for a user: usage and prerequisites first, Versioning, License and Security last', () => {
    const titles = headings(readme)
      .filter((heading) => heading.level === 2)
      .map((heading) => heading.text)
    expect(titles.slice(0, 2)).toEqual(['Usage', 'Prerequisites'])
    for (const title of ['The job summary', 'Inputs', 'Outputs', 'Quick start']) expect(titles).toContain(title)
    expect(titles.slice(-3)).toEqual(['Versioning', 'License', 'Security'])
  })

  it('shows the Lambda answer the prerequisites ask for in a shape the action reads', () => {
    const answers = codeBlocks(section(readme, '## Prerequisites'), 'json')
    expect(answers.length).toBeGreaterThanOrEqual(1)
    for (const answer of answers) expect(parseSyncResult(answer)).toMatchObject({ ok: true })
  })

  it('shows a picture of the job summary that exists and stays small', () => {
    const pictures = linkTargets(section(readme, '## The job summary')).filter((target) => target.endsWith('.png'))
    expect(pictures).toEqual(['docs/images/job-summary.png'])
    expect(statSync(path.join(REPO_ROOT, 'docs/images/job-summary.png')).size).toBeLessThan(150 * 1024)
  })

  it('points to the reference Lambda, the local stack and each page of docs/', () => {
    const targets = linkTargets(readme).map((target) => target.split('#')[0])
    for (const page of [
      'src/lambda/README.md',
      'local/README.md',
      'docs/setup-aws.md',
      'docs/behaviour.md',
      'docs/troubleshooting.md',
      'docs/costs.md',
      'docs/development.md',
      '.github/workflows/kb-sync.yml',
      'examples/',
      'LICENSE',
      'SECURITY.md'
    ]) {
      expect({ page, linked: targets.includes(page) }).toEqual({ page, linked: true })
    }
  })

  it('says the snake_case input names are on purpose', () => {
    expect(readme).toMatch(/snake_case[^.]*on purpose/)
    expect(readme).toMatch(/kebab-case/)
  })
})
