/**
 * Runs a bundle as the runner does (INPUT_* variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files), with any node
 * binary and any entry: the harness's runAction always runs this node and the working tree's dist/index.js.
 * Optionally records the process's peak RSS through a preloaded module that writes `process.resourceUsage().maxRSS`
 * on exit (the action ends with process.exit, which still emits 'exit').
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseOutputFile, stepEnvironment } from '../../local/harness/action-runner.js'

export const RSS_PRELOAD = `import { writeFileSync } from 'node:fs'
process.on('exit', () => {
  try { writeFileSync(process.env.KB_SYNC_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)) } catch {}
})
`

export interface BundleRun {
  exitCode: number | null
  outputs: Record<string, string>
  wallMs: number
  /** Peak resident set size in bytes, when asked for. */
  peakRss?: number
  stdout: string
}

export interface BundleRunOptions {
  node: string
  entry: string
  inputs: Record<string, string>
  env: Record<string, string>
  measureRss?: boolean
  timeoutMs?: number
}

export async function runBundle(options: BundleRunOptions): Promise<BundleRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kb-sync-bench-run-'))
  try {
    const files = { output: join(dir, 'output'), summary: join(dir, 'summary'), rss: join(dir, 'rss') }
    writeFileSync(files.output, '')
    writeFileSync(files.summary, '')
    const env = stepEnvironment({ inputs: options.inputs, env: options.env }, dir, files)
    if (options.measureRss) {
      const preload = join(dir, 'rss.mjs')
      writeFileSync(preload, RSS_PRELOAD)
      env.NODE_OPTIONS = `--import=${preload}`
      env.KB_SYNC_BENCH_RSS_FILE = files.rss
    }
    const started = performance.now()
    const child = spawn(options.node, [options.entry], { env, stdio: ['ignore', 'pipe', 'ignore'] })
    let stdout = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', resolve)
    })
    clearTimeout(timer)
    const wallMs = performance.now() - started
    let peakRss: number | undefined
    if (options.measureRss) {
      try {
        peakRss = Number(readFileSync(files.rss, 'utf8'))
      } catch {
        peakRss = undefined
      }
    }
    return {
      exitCode,
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      wallMs,
      stdout,
      ...(peakRss !== undefined ? { peakRss } : {})
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
