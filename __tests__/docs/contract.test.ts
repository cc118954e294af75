/**
 * docs/behaviour.md is the one contract in the repository, in step with the code: its sections are the ones the code
 * cites, it covers every input and output, the Lambda answers it shows are read by the action, and its deadline
 * arithmetic is budget.ts's. The other pages keep to their purpose: troubleshooting without project history, costs
 * as stated assumptions. And the repository stands alone: no page cites a document it does not hold.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import {
  CREDENTIALS_BUDGET_MS,
  DRY_RUN_BUDGET_MS,
  INVOKE_GRACE_MS,
  REPORT_BUDGET_MS,
  SYNC_OVERHEAD_MS,
  runBudgetMs
} from '../../src/budget.js'
import { MAX_DESCRIPTION_LENGTH, MAX_SYNC_PAYLOAD_BYTES } from '../../src/inputs.js'
import type { RunStatus } from '../../src/pipeline/result.js'
import { parseSyncResult } from '../../src/pipeline/sync-result.js'
import { actionConfig, renderStepInputs } from '../support/action-config.js'
import { codeBlocks, headings, readDoc, section } from '../support/docs.js'
import { REPO_ROOT, loadWorkflow } from '../support/workflow-files.js'

const behaviour = readDoc('docs/behaviour.md')
const action = parse(readDoc('action.yml')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
const ENV = { AWS_REGION: 'us-east-1' }
const MINUTE_MS = 60_000

/** Every status of RunStatus: the type checker fails this file when one is added and not listed here. */
const STATUSES = {
  completed: true,
  skipped: true,
  started: true,
  dry_run: true,
  failed: true,
  cancelled: true
} satisfies Record<RunStatus, true>

describe('docs/behaviour.md', () => {
  it('has exactly the sections the code cites, in order', () => {
    const outline = headings(behaviour)
      .filter((heading) => heading.level === 2 || heading.level === 3)
      .map((heading) => `${'#'.repeat(heading.level)} ${heading.text}`)
    expect(outline).toEqual([
      '## Inputs',
      '## The sync phase',
      '### What the Lambda answers',
      '### The backlog',
      '### Draining',
      '## The ingestion phase',
      '### Direct ingestion',
      '## Outputs, job summary, logs',
      '### Outputs',
      '### Cancellation',
      '### Deadlines',
      '### Outside text',
      '## Metrics and alerts',
      '### Metrics',
      '### Alert issue',
      '## Dry run',
      '## AWS configuration'
    ])
  })

  it('covers every input and every output of action.yml', () => {
    for (const input of Object.keys(action.inputs))
      expect({ input, covered: new RegExp(`\`${input}[\`:]`).test(behaviour) }).toEqual({ input, covered: true })
    const outputs = section(behaviour, '### Outputs')
    for (const output of Object.keys(action.outputs))
      expect({ output, covered: outputs.includes(`\`${output}\``) }).toEqual({ output, covered: true })
  })

  it('says when each status is given', () => {
    const outputs = section(behaviour, '### Outputs')
    for (const status of Object.keys(STATUSES))
      expect({ status, told: outputs.includes(`\`${status}\``) }).toEqual({ status, told: true })
  })

  it('states the limits the input checks enforce', () => {
    const inputs = section(behaviour, '## Inputs')
    expect(inputs).toContain(`${MAX_SYNC_PAYLOAD_BYTES / 1024} KiB`)
    expect(inputs).toContain(`cut to ${MAX_DESCRIPTION_LENGTH} characters`)
  })

  it('shows Lambda answers that the action reads as batches', () => {
    const answers = codeBlocks(section(behaviour, '### What the Lambda answers'), 'json')
    expect(answers.length).toBeGreaterThanOrEqual(2)
    for (const answer of answers)
      expect(parseSyncResult(answer)).toMatchObject({ ok: true, batch: { synced: 50, hasMore: true } })
  })

  it('shows a result output with the fields the action writes', () => {
    const [result] = codeBlocks(section(behaviour, '### Outputs'), 'json').map(
      (block) => JSON.parse(block) as Record<string, unknown>
    )
    expect(Object.keys(result ?? {})).toEqual(['status', 'sync_phase', 'ingestion_phase', 'total_duration_seconds'])
  })

  describe('Deadlines', () => {
    const deadlines = section(behaviour, '### Deadlines')

    it('gives the deadlines of src/budget.ts', () => {
      expect(deadlines).toContain(
        `\`max_sync_batches\` × (\`sync_timeout_seconds\` + ${INVOKE_GRACE_MS / 1000} s) + ${SYNC_OVERHEAD_MS / MINUTE_MS} min`
      )
      expect(deadlines).toMatch(new RegExp(`credentials[^|]*\\| ${CREDENTIALS_BUDGET_MS / MINUTE_MS} minute`))
      expect(deadlines).toMatch(new RegExp(`dry run[^|]*\\| ${DRY_RUN_BUDGET_MS / MINUTE_MS} minutes`))
      expect(deadlines).toMatch(new RegExp(`report[^|]*\\| ${REPORT_BUDGET_MS / MINUTE_MS} minute`))
      const dryRun = (CREDENTIALS_BUDGET_MS + DRY_RUN_BUDGET_MS + REPORT_BUDGET_MS) / MINUTE_MS
      expect(deadlines).toContain(`a dry run at most ${dryRun}`)
    })

    it('derives the hourly workflow’s timeout-minutes as the workflow does', () => {
      const shipped = loadWorkflow('kb-sync.yml')
      const job = Object.values(shipped.doc.jobs)[0] ?? {}
      const step = (job.steps ?? []).find((candidate) => candidate.uses === './') ?? {}
      const contexts = { github: { event_name: 'schedule' }, inputs: {}, vars: { AWS_REGION: 'us-east-1' } }
      const given = {
        ...renderStepInputs(step, contexts),
        knowledge_base_id: 'LPR1PEW0LN',
        data_source_id: 'AJIJE6BWIV'
      }
      const budget = runBudgetMs(actionConfig(given, ENV)) / MINUTE_MS
      expect(deadlines).toContain(`= ${budget.toFixed(1)} minutes`)
      expect(deadlines).toContain(`\`timeout-minutes: ${job['timeout-minutes']}\``)
      expect(deadlines).toContain(`\`sync_timeout_seconds: '${String(step.with?.sync_timeout_seconds)}'\``)
    })

    it('gives the budget of the defaults', () => {
      const defaults = actionConfig({ knowledge_base_id: 'LPR1PEW0LN', data_source_id: 'AJIJE6BWIV' }, ENV)
      expect(deadlines).toContain(`${(runBudgetMs(defaults) / MINUTE_MS).toFixed(1)} minutes`)
    })
  })
})

describe('docs/troubleshooting.md', () => {
  const troubleshooting = readDoc('docs/troubleshooting.md')

  it('tells problems, causes and fixes, not project history', () => {
    expect(troubleshooting).not.toMatch(/\*\*(Before|Now):?\*\*/)
    for (const heading of headings(troubleshooting).filter((h) => h.level === 2)) {
      if (heading.text === 'Access and configuration') continue // a table of message → fix
      const text = section(troubleshooting, `## ${heading.text}`)
      expect({ heading: heading.text, fix: /\*\*Fix[:.]?\*\*|\*\*Cause and fix/.test(text) }).toEqual({
        heading: heading.text,
        fix: true
      })
    }
  })
})

describe('docs/costs.md', () => {
  const costs = readDoc('docs/costs.md')

  it('states its AWS figures as assumptions, with the figures', () => {
    expect(costs).toMatch(/\*\*assumptions\*\*/)
    for (const figure of ['~$0.05', '~$0.06', '~$18']) expect(costs).toContain(figure)
    expect(costs).not.toMatch(/write-up/i)
  })

  it('does its sums right', () => {
    const sums = [...costs.matchAll(/(\d[\d,]*) × ~\$(\d+(?:\.\d+)?) ≈ (?:\*\*)?~\$(\d+)/g)]
    expect(sums.length).toBeGreaterThanOrEqual(2)
    for (const [sum, count = '', price = '', total = ''] of sums) {
      expect({ sum, right: Math.round(Number(count.replace(/,/g, '')) * Number(price)) === Number(total) }).toEqual({
        sum,
        right: true
      })
    }
  })

  it('tells how GitHub bills runner minutes', () => {
    const minutes = section(costs, '## GitHub Actions minutes')
    expect(minutes).toMatch(/per job/i)
    expect(minutes).toMatch(/rounded up/)
    expect(minutes).toMatch(/Public repositories:\*\* standard GitHub-hosted runners are free/)
  })
})

describe('LICENSE', () => {
  it('is the MIT license package.json names, for the kb-sync contributors', () => {
    const license = readDoc('LICENSE')
    expect((JSON.parse(readDoc('package.json')) as { license: string }).license).toBe('MIT')
    expect(license.split('\n')[0]).toBe('MIT License')
    expect(license).toContain('Copyright (c) 2026 kb-sync contributors')
  })
})

/** Folders that are generated or installed, not written. */
const SKIPPED = new Set(['.git', 'node_modules', 'dist', 'coverage'])

function textFiles(dir = REPO_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (SKIPPED.has(entry.name)) return []
    if (entry.isDirectory()) return textFiles(full)
    if (!entry.isFile() || statSync(full).size > 2_000_000) return []
    return [full]
  })
}

describe('the repository stands alone', () => {
  // Written so that this file does not match itself.
  const INTERNAL = [/\bSPEC\b/, /kb-sync-work[f]low/]

  it('cites no document it does not hold (an internal spec or write-up)', () => {
    const files = textFiles()
    expect(files.length).toBeGreaterThan(50)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      if (text.includes('\u0000')) continue // binary
      for (const pattern of INTERNAL) {
        const line = text.split('\n').findIndex((candidate) => pattern.test(candidate))
        const at = line < 0 ? undefined : `${path.relative(REPO_ROOT, file)}:${line + 1}`
        expect({ pattern: String(pattern), at }).toEqual({ pattern: String(pattern), at: undefined })
      }
    }
  })
})
