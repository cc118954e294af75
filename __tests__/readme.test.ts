/** The README's input and output tables say what action.yml says: same names, same defaults, nothing missing. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>
  outputs: Record<string, unknown>
}

/** The rows of the first table under a `## heading`: first cell (without backticks) → second cell. */
function table(heading: string): Map<string, string> {
  const section = readme.split(`\n## ${heading}\n`)[1]?.split('\n## ')[0] ?? ''
  const rows = section.split('\n').filter((line) => /^\| `/.test(line))
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim())
      return [cells[1]!.replace(/`/g, ''), cells[2]!]
    })
  )
}

describe('README', () => {
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

  it('starts with the two quick-start command lines', () => {
    const quickStart = readme.split('\n## Quick start\n')[1] ?? ''
    expect(quickStart).toMatch(/```sh\nnpm ci && npm run demo[^\n]*\nnpm ci && npm test[^\n]*\n```/)
  })
})
