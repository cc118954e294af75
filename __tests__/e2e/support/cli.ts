/**
 * The bundled CLI (dist/cli/index.js) against a local stack, as a person runs it from a terminal: a child process
 * with the stack's AWS settings and KB_SYNC_* for its ids, and no workflow around it. The MCP server is reached
 * through the SDK's own client over stdio, spawning the same bundle with `mcp`.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import type { Stack } from '../../../local/stack.js'

export const CLI_ENTRY = new URL('../../../dist/cli/index.js', import.meta.url).pathname

/** A terminal outside any workflow: the stack's AWS settings, its ids as KB_SYNC_*, fast polling, no AWS profile. */
export function cliEnv(stack: Stack, extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'kb-sync-cli-home-'))
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    // The developer's own AWS files must not reach the run: only the stack's settings.
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    KB_SYNC_KNOWLEDGE_BASE_ID: stack.ids.knowledgeBaseId,
    KB_SYNC_DATA_SOURCE_ID: stack.ids.dataSourceId,
    KB_SYNC_POLL_INTERVAL_SECONDS: '0.1'
  }
  for (const [name, value] of Object.entries(stack.env)) {
    if (!name.startsWith('GITHUB_') && !name.startsWith('ACTIONS_')) env[name] = value
  }
  return { ...env, ...extra }
}

export interface CliRun {
  exitCode: number | null
  stdout: string
  stderr: string
  durationMs: number
  /** When a signal was sent: how long the process took to exit after it. */
  exitAfterSignalMs?: number
}

export interface CliOptions {
  timeoutMs?: number
  /** Send `signal` at the first stderr line that matches `when`. */
  cancel?: { signal: 'SIGINT' | 'SIGTERM'; when: RegExp }
}

export async function runCli(args: string[], env: Record<string, string>, options: CliOptions = {}): Promise<CliRun> {
  const startedAt = Date.now()
  const child = spawn(process.execPath, [CLI_ENTRY, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  let partial = ''
  let signalledAt: number | undefined
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => {
    const text = chunk.toString()
    stderr += text
    const lines = (partial + text).split('\n')
    partial = lines.pop() ?? ''
    const plan = options.cancel
    if (plan && signalledAt === undefined && lines.some((line) => plan.when.test(line))) {
      signalledAt = Date.now()
      child.kill(plan.signal)
    }
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  clearTimeout(killer)
  const endedAt = Date.now()
  return {
    exitCode,
    stdout,
    stderr,
    durationMs: endedAt - startedAt,
    ...(signalledAt !== undefined ? { exitAfterSignalMs: endedAt - signalledAt } : {})
  }
}

export interface McpSession {
  client: Client
  /** What the server wrote to stderr so far (its log). */
  stderr(): string
  /** Errors the client met on the wire, e.g. a line on stdout that is not the protocol. */
  errors: Error[]
  close(): Promise<void>
}

/** Spawns `kb-sync mcp` with `env` (and `args`) and connects the SDK's client to it over stdio. */
export async function connectMcp(env: Record<string, string>, args: string[] = []): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI_ENTRY, 'mcp', ...args],
    env,
    stderr: 'pipe'
  })
  let stderr = ''
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const client = new Client({ name: 'kb-sync-e2e', version: '1.0.0' })
  const errors: Error[] = []
  client.onerror = (error) => void errors.push(error)
  await client.connect(transport)
  return { client, stderr: () => stderr, errors, close: () => client.close() }
}
