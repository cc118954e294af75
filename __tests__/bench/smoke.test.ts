/**
 * The benchmark runs end to end at its smallest size and writes a report of the documented shape: every section
 * measured, every table's rows as wide as its header, the chart and the markers written. Times are not checked:
 * CI does not time benchmarks.
 */
import { describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { BenchReport } from '../../bench/support/report.js'
import { END_MARKER, START_MARKER } from '../../bench/support/report.js'
import { REPO_ROOT } from '../support/workflow-files.js'

const run = promisify(execFile)

describe('npm run bench -- --smoke', () => {
  it('measures every section and writes the report, the tables and the chart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kb-sync-bench-smoke-'))
    try {
      const json = path.join(dir, 'report.json')
      await run(
        path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
        ['bench/index.ts', '--smoke', '--write', '--json', json, '--out-dir', dir],
        {
          cwd: REPO_ROOT,
          env: { ...process.env, NODE_OPTIONS: '', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          maxBuffer: 16 * 1024 * 1024
        }
      )
      const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport
      expect(report.quick).toBe(true)
      expect(report.machine.node).toBe(process.version)
      expect(report.sections.map((s) => s.id)).toEqual([
        'startup',
        'polling',
        'drain',
        'lambda',
        'freshness',
        'waiting'
      ])
      for (const section of report.sections) {
        expect({ id: section.id, error: section.error }).toEqual({ id: section.id, error: undefined })
        expect(section.tables.length).toBeGreaterThan(0)
        for (const table of section.tables) {
          expect(table.rows.length).toBeGreaterThan(0)
          for (const row of table.rows) expect(row).toHaveLength(table.columns.length)
        }
      }
      const markdown = readFileSync(path.join(dir, 'BENCHMARKS.md'), 'utf8')
      expect(markdown.indexOf(START_MARKER)).toBeLessThan(markdown.indexOf(END_MARKER))
      expect(markdown).toContain('](docs/images/benchmarks.svg)')
      const svg = path.join(dir, 'docs', 'images', 'benchmarks.svg')
      expect(existsSync(svg)).toBe(true)
      expect(readFileSync(svg, 'utf8')).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*<\/svg>\n$/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
