#!/usr/bin/env node
/** The `kb-sync` command (package.json `bin`; dist/cli/index.js is the bundle of this file). */
import { terminalText } from '../text.js'
import { EXIT, main } from './commands.js'

try {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    signals: process,
    exit: (code) => process.exit(code)
  })
} catch (error) {
  // The pipeline never throws by design; this keeps a bug from ending in a bare stack trace with a success-like code.
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error)
  process.stderr.write(`kb-sync failed unexpectedly: ${terminalText(text)}\n`)
  process.exitCode = EXIT.failed
}
