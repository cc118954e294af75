/**
 * The job summary, built as @actions/core's Summary builds it (the same HTML, byte for byte: the tests compare
 * them) and appended to the runner's GITHUB_STEP_SUMMARY file. Written here so that reporting does not load
 * @actions/core and its HTTP stack (see ../workflow-commands.ts).
 */
import { constants } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'
import type { SummaryWriter } from './summary.js'

type Cell = string | { data: string; header?: boolean }

function wrap(tag: string, content: string, attrs: Record<string, string> = {}): string {
  const html = Object.entries(attrs)
    .map(([key, value]) => ` ${key}="${value}"`)
    .join('')
  return content ? `<${tag}${html}>${content}</${tag}>` : `<${tag}${html}>`
}

export class StepSummary implements SummaryWriter {
  private buffer = ''

  addRaw(text: string, addEOL = false): this {
    this.buffer += addEOL ? `${text}${EOL}` : text
    return this
  }

  addHeading(text: string, level: number | string = 1): this {
    const tag = `h${level}`
    return this.addRaw(wrap(/^h[1-6]$/.test(tag) ? tag : 'h1', text), true)
  }

  addTable(rows: Cell[][]): this {
    const body = rows
      .map((row) =>
        wrap(
          'tr',
          row
            .map((cell) => (typeof cell === 'string' ? wrap('td', cell) : wrap(cell.header ? 'th' : 'td', cell.data)))
            .join('')
        )
      )
      .join('')
    return this.addRaw(wrap('table', body), true)
  }

  addList(items: string[], ordered = false): this {
    return this.addRaw(wrap(ordered ? 'ol' : 'ul', items.map((item) => wrap('li', item)).join('')), true)
  }

  addDetails(label: string, content: string): this {
    return this.addRaw(wrap('details', wrap('summary', label) + content), true)
  }

  toString(): string {
    return this.buffer
  }

  /** Appends the summary to the step's summary file; outside a runner there is none, and that is an error. */
  async write(env: NodeJS.ProcessEnv = process.env): Promise<void> {
    const path = env.GITHUB_STEP_SUMMARY
    if (!path) {
      throw new Error('GITHUB_STEP_SUMMARY is not set. Check if your runtime environment supports job summaries.')
    }
    try {
      await access(path, constants.R_OK | constants.W_OK)
    } catch {
      throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`)
    }
    await appendFile(path, this.buffer, { encoding: 'utf8' })
  }
}
