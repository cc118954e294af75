/**
 * Writes the app's CloudFormation templates, one `<stack>.template.json` per stack, into infra/templates/ (or the
 * directory after --out), and removes templates of stacks that no longer exist there. Deterministic: the same
 * sources give the same bytes, which scripts/check-infra.sh relies on.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createApp } from './app.js'

export const TEMPLATES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates')

/** The templates as committed: stack id → file text. */
export function synthesizeTemplates(): Map<string, string> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'kb-sync-cdk-'))
  try {
    const assembly = createApp({ outdir }).app.synth()
    const files = new Map<string, string>()
    for (const stack of assembly.stacks) {
      files.set(`${stack.stackName}.template.json`, `${JSON.stringify(stack.template, null, 2)}\n`)
    }
    return files
  } finally {
    rmSync(outdir, { recursive: true, force: true })
  }
}

function main(argv: string[]): void {
  const at = argv.indexOf('--out')
  const out = at >= 0 && argv[at + 1] !== undefined ? path.resolve(argv[at + 1] as string) : TEMPLATES_DIR
  const files = synthesizeTemplates()
  mkdirSync(out, { recursive: true })
  for (const name of readdirSync(out)) {
    if (name.endsWith('.template.json') && !files.has(name)) rmSync(path.join(out, name))
  }
  for (const [name, text] of files) writeFileSync(path.join(out, name), text)
  console.log(`Wrote ${[...files.keys()].join(', ')} to ${path.relative(process.cwd(), out) || '.'}`)
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2))
