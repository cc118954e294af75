/** docs/cli.md says what the CLI does: its client configurations start the server, with variables it reads. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { envName, INPUT_NAMES } from '../../src/cli/args.js'

const doc = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8')

interface ServerConfig {
  command: string
  args: string[]
  env: Record<string, string>
}

function jsonBlocks(): unknown[] {
  return [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] as string) as unknown)
}

const KNOWN_VARIABLES = new Set([...INPUT_NAMES.map(envName), 'AWS_PROFILE', 'AWS_REGION'])

function expectStartsTheServer(server: ServerConfig): void {
  expect(server.command).toBe('node')
  expect(server.args).toEqual(['/path/to/kb-sync/dist/cli/index.js', 'mcp'])
  expect(Object.keys(server.env).filter((name) => !KNOWN_VARIABLES.has(name))).toEqual([])
  expect(server.env).toMatchObject({
    KB_SYNC_KNOWLEDGE_BASE_ID: expect.any(String),
    KB_SYNC_DATA_SOURCE_ID: expect.any(String)
  })
}

describe('docs/cli.md', () => {
  it('configures every client with node, the bundle and mcp, and only variables kb-sync or the SDK reads', () => {
    const blocks = jsonBlocks() as {
      mcpServers?: Record<string, ServerConfig>
      servers?: Record<string, ServerConfig>
    }[]
    expect(blocks).toHaveLength(4)
    for (const block of blocks) {
      const server = (block.mcpServers ?? block.servers)?.['kb-sync']
      expect(server).toBeDefined()
      expectStartsTheServer(server as ServerConfig)
    }
    const claudeCode =
      /claude mcp add --transport stdio kb-sync \\\n([\s\S]*?)-- node \/path\/to\/kb-sync\/dist\/cli\/index.js mcp\n/.exec(
        doc
      )
    expect(claudeCode).not.toBeNull()
    for (const [, name] of (claudeCode?.[1] ?? '').matchAll(/--env (\w+)=/g))
      expect(KNOWN_VARIABLES.has(name as string)).toBe(true)
    for (const client of ['Claude Desktop', 'Claude Code', 'VS Code', 'Cursor', 'Cline'])
      expect(doc).toContain(`**${client}**`)
  })

  it('names every command, the three tools and the four exit codes', () => {
    for (const command of ['`kb-sync`', '`kb-sync sync`', '`kb-sync status [job id]`', '`kb-sync mcp`'])
      expect(doc).toContain(command)
    for (const tool of ['force_kb_sync', 'sync_and_ingest', 'get_ingestion_status'])
      expect(doc).toContain(`| \`${tool}\``)
    for (const code of ['0', '1', '2', '130']) expect(doc).toMatch(new RegExp(`\\| \`${code}\` +\\|`))
  })
})
