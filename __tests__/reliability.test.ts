/**
 * RELIABILITY.md says what the fault matrix runs: a row per scenario (its fault and what kb-sync does, word for
 * word as the tables say) and the counts the matrix asserts. Read from the tables, not from a run, so the check is
 * the same on every machine. Also: the matrix's detectors catch what they are there to catch.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { INJECTED, logInjections, matrixTotals, phaseDeadlines } from './e2e/matrix/support/matrix.js'
import { MATRIX, MATRIX_TEST_FILE } from './e2e/matrix/tables.js'

const doc = readFileSync(new URL('../RELIABILITY.md', import.meta.url), 'utf8')

/** The part of the document under a heading, up to the next heading of that level or above. */
function section(heading: string): string {
  const level = /^#+/.exec(heading)![0].length
  const start = doc.split('\n').indexOf(heading)
  expect([heading, start >= 0]).toEqual([heading, true])
  const lines = doc.split('\n').slice(start + 1)
  const end = lines.findIndex((line) => new RegExp(`^#{1,${level}} `).test(line))
  return (end < 0 ? lines : lines.slice(0, end)).join('\n')
}

/** The body rows of the tables in a section, as cells ('\|' kept as '|', code spans unwrapped). */
function rows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) =>
          cell
            .trim()
            .replace(/\\\|/g, '|')
            .replace(/^`(.*)`$/, '$1')
        )
    )
}

describe('RELIABILITY.md', () => {
  it('gives the counts the matrix asserts: its scenarios, its runs, and zero of everything it forbids', () => {
    const counts = Object.fromEntries(rows(section('## The counts')).map(([name, value]) => [name, value]))
    const { scenarios, runs } = matrixTotals(MATRIX)
    expect(counts).toEqual({
      Scenarios: String(scenarios),
      'Runs of the action': String(runs),
      'False successes': '0',
      'Lost incidents': '0',
      'Secrets leaked': '0',
      'Runs without a summary (or an output)': '0',
      'Runs that outlived their deadline by more than 5 s': '0',
      'Log lines that outside text turned into a command': '0'
    })
  })

  it.each(MATRIX.map((table) => [table.title, table] as const))('lists every scenario of "%s"', (_title, table) => {
    const text = section(`### ${table.title}`)
    expect(text).toContain(`\`__tests__/e2e/matrix/${table.area}.ts\``)
    expect(text).toContain(`\`${MATRIX_TEST_FILE}\``)
    // A missing or changed row shows as the row to write.
    expect(rows(text).map(([fault, does]) => `${fault} | ${does}`)).toEqual(
      table.scenarios.map((s) => `${s.name} | ${s.does}`)
    )
  })

  it('has a section for every area of the matrix and no other', () => {
    const areas = section('## The faults')
      .split('\n')
      .filter((line) => line.startsWith('### '))
    expect(areas).toEqual(MATRIX.map((table) => `### ${table.title}`))
  })
})

describe("the matrix's detectors", () => {
  it('find a command that outside text started, whatever line break came before it', () => {
    const own = [
      '::group::Sync: DynamoDB → S3',
      '::endgroup::',
      '::debug::Batch 1: synced 3',
      `::error title=kb-sync%3A sync::Batch 1: failed (x ⏎ ::add-mask::${INJECTED})`,
      '::add-mask::s3cr3t-value',
      'Batch 1: synced 3, failed 0'
    ]
    expect(logInjections(own.join('\n'))).toEqual([])
    for (const injected of [
      `::stop-commands::${INJECTED}`,
      `  ::add-mask::${INJECTED}-mask`,
      `::warning::${INJECTED} warning`,
      `::set-output name=status::${INJECTED}`,
      'text ##[error]legacy',
      'red \u001b[31mtext'
    ]) {
      expect(logInjections(`Batch 1: failed\n${injected}`)).toEqual([injected])
      expect(logInjections(`Batch 1: failed\u2028${injected}`)).toEqual([injected])
      expect(logInjections(`Batch 1: failed\r${injected}`)).toEqual([injected])
    }
  })

  it("derive each phase's deadline from the inputs, as the action promises them", () => {
    expect(phaseDeadlines({})).toEqual({
      credentials: 60_000,
      sync: 10 * 902_000 + 120_000,
      ingestion: 3_600_000,
      dry_run: 120_000
    })
    expect(
      phaseDeadlines({ max_sync_batches: '3', sync_timeout_seconds: '2', ingestion_timeout_minutes: '0.05' })
    ).toMatchObject({ sync: 3 * 4_000 + 120_000, ingestion: 3_000 })
    expect(phaseDeadlines({ wait_for_sync: 'false', ingestion: 'never' })).toMatchObject({
      sync: 120_000,
      ingestion: 0
    })
  })
})
