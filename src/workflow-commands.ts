/**
 * The runner's workflow commands for the lines a run prints while it works: log lines, groups, warnings, masks.
 * @actions/core prints these too, but importing it loads its OIDC client and, through it, an HTTP stack (undici)
 * that a run needs only to ask for a token; printing with the documented protocol keeps that load off the path to
 * the first AWS request. Outputs, the job summary, the token and the exit code stay with @actions/core, loaded when
 * they are needed.
 */
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

export const workflow = {
  info: (message: string): void => void process.stdout.write(`${message}${EOL}`),
  debug: (message: string): void => issueCommand('debug', message),
  warning: (message: string): void => issueCommand('warning', message),
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
