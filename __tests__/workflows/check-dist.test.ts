/**
 * scripts/check-dist.sh, run in a scratch repository whose `npm run bundle` writes what each case asks for: the
 * script passes only when the rebuilt dist/ equals the committed one, with nothing new under dist/.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { REPO_ROOT } from '../support/workflow-files.js'

const scratch = mkdtempSync(path.join(tmpdir(), 'kb-sync-check-dist-'))
const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: scratch }).toString()

mkdirSync(path.join(scratch, 'scripts'))
mkdirSync(path.join(scratch, 'dist'))
copyFileSync(path.join(REPO_ROOT, 'scripts/check-dist.sh'), path.join(scratch, 'scripts/check-dist.sh'))
// The stand-in bundle writes dist/index.js from BUNDLE_OUT, and one more file when BUNDLE_EXTRA is set.
const bundle =
  "const fs = require('fs'); fs.writeFileSync('dist/index.js', process.env.BUNDLE_OUT); if (process.env.BUNDLE_EXTRA) fs.writeFileSync('dist/extra.js', 'x')"
writeFileSync(
  path.join(scratch, 'package.json'),
  JSON.stringify({ name: 'scratch', private: true, scripts: { bundle: `node -e "${bundle.replace(/"/g, '\\"')}"` } })
)
writeFileSync(path.join(scratch, 'dist/index.js'), 'committed')
git('init', '-q')
git('add', '.')
git('commit', '-qm', 'scratch')

function check(env: Record<string, string>): { status: number | null; output: string } {
  const run = spawnSync('bash', ['scripts/check-dist.sh'], { cwd: scratch, env: { ...process.env, ...env } })
  git('checkout', '-q', '--', 'dist')
  git('clean', '-qfd', 'dist')
  return { status: run.status, output: `${run.stdout.toString()}${run.stderr.toString()}` }
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('scripts/check-dist.sh', () => {
  it('passes when the rebuilt dist/ equals the committed one', () => {
    expect(check({ BUNDLE_OUT: 'committed' })).toMatchObject({ status: 0 })
  })

  it('fails, saying what to do, when a file differs', () => {
    const run = check({ BUNDLE_OUT: 'rebuilt differently' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('Run npm run bundle and commit dist/.')
    expect(run.output).toContain('dist/index.js')
  })

  it('fails when the bundle makes a file that is not committed', () => {
    const run = check({ BUNDLE_OUT: 'committed', BUNDLE_EXTRA: '1' })
    expect(run.status).toBe(1)
    expect(run.output).toContain('dist/extra.js')
  })
})
