/**
 * The runner's protocol, as @actions/core speaks it: workflow commands on stdout (log lines, groups, annotations,
 * masks), outputs through the GITHUB_OUTPUT file, the exit code. Importing @actions/core would load its OIDC client
 * and, through it, an HTTP stack (undici) that this action never uses: about 13 MB of memory on Node 20 and 22 MB
 * on Node 24, and time before the first AWS request (BENCHMARKS.md, "Start-up and memory"). The tests check every
 * byte written here against @actions/core's own.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { EOL } from 'node:os'

type Properties = Record<string, string>

/** The runner's escaping of a command's data and of its property values (as @actions/core applies it). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

export function issueCommand(command: string, message: string, properties: Properties = {}): void {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

/** A step output: a heredoc with a random delimiter in GITHUB_OUTPUT, or the old command where there is no file. */
export function setOutput(name: string, value: string, env: NodeJS.ProcessEnv = process.env): void {
  const file = env.GITHUB_OUTPUT
  if (!file) {
    process.stdout.write(EOL)
    issueCommand('set-output', value, { name })
    return
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  const delimiter = `ghadelimiter_${randomUUID()}`
  // A value holding the delimiter would end the heredoc early and set outputs of its own.
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`Unexpected input: output ${name} contains the delimiter "${delimiter}"`)
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
}

export const workflow = {
  info: (message: string): void => void process.stdout.write(`${message}${EOL}`),
  debug: (message: string): void => issueCommand('debug', message),
  warning: (message: string): void => issueCommand('warning', message),
  error: (message: string, title?: string): void => issueCommand('error', message, title ? { title } : {}),
  /** An error annotation, and exit code 1 when the process ends. */
  setFailed(message: string): void {
    process.exitCode = 1
    issueCommand('error', message)
  },
  addMask: (secret: string): void => issueCommand('add-mask', secret),
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    issueCommand('group', name)
    try {
      return await fn()
    } finally {
      issueCommand('endgroup', '')
    }
  }
}
