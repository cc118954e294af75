/** The quick start's first line: `npm run demo` shows a fresh incident becoming searchable, end to end. */
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'

describe('npm run demo', () => {
  it('finds the freshly closed incident only after the action ran', () => {
    const root = new URL('..', import.meta.url).pathname
    const demo = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' }
    })
    expect(demo.status).toBe(0)
    const out = demo.stdout
    const notYet = out.indexOf('INC-2026-1128 is not searchable yet.')
    const ran = out.indexOf('kb-sync: completed')
    const found = out.indexOf('Found.')
    expect(notYet).toBeGreaterThan(-1)
    expect(ran).toBeGreaterThan(notYet)
    expect(found).toBeGreaterThan(ran)
    expect(out).toContain('Pending after the run: 0')
  })
})
