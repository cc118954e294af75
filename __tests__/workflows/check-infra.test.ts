/**
 * scripts/check-infra.sh, run in a scratch directory whose `npm run infra:synth` writes what each case asks for:
 * the script passes only when a fresh synthesis equals the committed infra/templates/, file for file.
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { REPO_ROOT } from '../support/workflow-files.js'

const scratch = mkdtempSync(path.join(tmpdir(), 'kb-sync-check-infra-'))
mkdirSync(path.join(scratch, 'scripts'))
mkdirSync(path.join(scratch, 'infra', 'templates'), { recursive: true })
copyFileSync(path.join(REPO_ROOT, 'scripts/check-infra.sh'), path.join(scratch, 'scripts/check-infra.sh'))
// The stand-in synthesis writes A.template.json from SYNTH_OUT into --out, and B.template.json when SYNTH_EXTRA is set.
writeFileSync(
  path.join(scratch, 'synth.cjs'),
  [
    "const fs = require('fs'); const path = require('path')",
    "const out = process.argv[process.argv.indexOf('--out') + 1]",
    "fs.writeFileSync(path.join(out, 'A.template.json'), process.env.SYNTH_OUT)",
    "if (process.env.SYNTH_EXTRA) fs.writeFileSync(path.join(out, 'B.template.json'), '{}')"
  ].join('\n')
)
writeFileSync(
  path.join(scratch, 'package.json'),
  JSON.stringify({ name: 'scratch', private: true, scripts: { 'infra:synth': 'node synth.cjs' } })
)

function check(
  env: Record<string, string>,
  committed: Record<string, string>
): { status: number | null; output: string } {
  const templates = path.join(scratch, 'infra', 'templates')
  rmSync(templates, { recursive: true, force: true })
  mkdirSync(templates)
  for (const [name, text] of Object.entries(committed)) writeFileSync(path.join(templates, name), text)
  const run = spawnSync('bash', ['scripts/check-infra.sh'], { cwd: scratch, env: { ...process.env, ...env } })
  return { status: run.status, output: `${run.stdout.toString()}${run.stderr.toString()}` }
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('scripts/check-infra.sh', () => {
  it('passes when a fresh synthesis equals the committed templates', () => {
    expect(check({ SYNTH_OUT: '{"a":1}' }, { 'A.template.json': '{"a":1}' })).toMatchObject({ status: 0 })
  })

  it('fails, saying what to do and showing the difference, when a template differs', () => {
    const run = check({ SYNTH_OUT: '{"a":2}' }, { 'A.template.json': '{"a":1}' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('Run npm run infra:synth and commit infra/templates/.')
    expect(run.output).toContain('+{"a":2}')
  })

  it('fails when the app has a stack whose template is not committed', () => {
    const run = check({ SYNTH_OUT: '{"a":1}', SYNTH_EXTRA: '1' }, { 'A.template.json': '{"a":1}' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('B.template.json')
  })

  it('fails when a committed template belongs to no stack of the app', () => {
    const run = check({ SYNTH_OUT: '{"a":1}' }, { 'A.template.json': '{"a":1}', 'Old.template.json': '{}' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('Old.template.json')
  })
})
