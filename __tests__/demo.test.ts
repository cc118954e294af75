/** The quick start's first line: `npm run demo` shows a fresh incident becoming searchable, end to end. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'

let result: SpawnSyncReturns<string> | undefined

/** The demo runs once; each test reads its output. */
function demo(): SpawnSyncReturns<string> {
  const root = new URL('..', import.meta.url).pathname
  result ??= spawnSync(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' }
  })
  return result
}

describe('npm run demo', () => {
  it('finds the freshly closed incident only after the action ran', () => {
    expect(demo().status).toBe(0)
    const out = demo().stdout
    const notYet = out.indexOf('INC-2026-1128 is not searchable yet.')
    const ran = out.indexOf('kb-sync: completed')
    const found = out.indexOf('Found.')
    expect(notYet).toBeGreaterThan(-1)
    expect(ran).toBeGreaterThan(notYet)
    expect(found).toBeGreaterThan(ran)
    expect(out).toContain('Pending after the run: 0')
  })

  it('shows the metrics the run published, as CloudWatch received them', () => {
    const out = demo().stdout
    const shown = out.indexOf('Metrics the action published to CloudWatch')
    expect(shown).toBeGreaterThan(out.indexOf('kb-sync: completed'))
    const table = out.slice(shown, out.indexOf('Searching again', shown))
    expect(table).toMatch(/IncidentKBSync {2}KnowledgeBaseId=LOCALKB001 {2}DataSourceId=LOCALDS001 {2}at \d{4}-/)
    const rows = Object.fromEntries(
      [...table.matchAll(/^ {4}(\w+) +(\d+) {2}(\w+)$/gm)].map((m) => [m[1], `${m[2]} ${m[3]}`])
    )
    // A full job's new documents, or a direct ingestion's indexed ones: whichever the run used.
    const indexed = /numberOf(?:New)?DocumentsIndexed +(\d+)/.exec(out)?.[1]
    expect(rows).toEqual({
      IngestionJobsStarted: '1 Count',
      IngestionJobsCompleted: '1 Count',
      IngestionJobsFailed: '0 Count',
      DocumentsIndexed: `${indexed} Count`,
      DocumentsFailed: '0 Count',
      BacklogRemaining: '0 Count',
      RunFailed: '0 Count'
    })
  })
})
