/** The version the CLI and the MCP server report: package.json's, read at build time into the bundle. */
import packageJson from '../../package.json' with { type: 'json' }

export const VERSION: string = packageJson.version
