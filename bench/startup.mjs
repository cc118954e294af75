// Measures what a run costs before it does any work: the size of dist/index.js and the time from `node` start to
// the first AWS request, median of several runs, against a local endpoint that answers every call with a 500
// (the run then fails fast; only the time to the first request counts).
import { spawn } from 'node:child_process'
import { statSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const entry = process.env.BENCH_ENTRY ?? new URL('../dist/index.js', import.meta.url).pathname

function once() {
  return new Promise((resolve, reject) => {
    let spawnedAt = 0
    let firstRequestAt = 0
    const server = createServer((req, res) => {
      if (!firstRequestAt) firstRequestAt = performance.now()
      req.resume()
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ValidationException' })
      res.end('{"__type":"ValidationException","message":"bench"}')
    })
    server.listen(0, '127.0.0.1', () => {
      const dir = mkdtempSync(join(tmpdir(), 'kb-sync-bench-'))
      writeFileSync(join(dir, 'out'), '')
      const env = {
        PATH: process.env.PATH,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${server.address().port}`,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_MAX_ATTEMPTS: '1',
        INPUT_KNOWLEDGE_BASE_ID: 'KB12345678',
        INPUT_DATA_SOURCE_ID: 'DS12345678',
        INPUT_INGESTION: 'never',
        GITHUB_OUTPUT: join(dir, 'out'),
        GITHUB_STEP_SUMMARY: join(dir, 'out')
      }
      spawnedAt = performance.now()
      const child = spawn(process.execPath, [entry], { env, stdio: 'ignore' })
      child.on('error', reject)
      child.on('exit', () => {
        server.close()
        if (!firstRequestAt) reject(new Error('the action made no request'))
        else resolve(firstRequestAt - spawnedAt)
      })
    })
  })
}

const baseline = await new Promise((resolve) => {
  const t = performance.now()
  spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('exit', () => resolve(performance.now() - t))
})
const times = []
for (let i = 0; i < RUNS; i++) times.push(await once())
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]
console.log(`dist/index.js: ${(statSync(entry).size / 1024).toFixed(0)} KiB`)
console.log(
  `node start → first AWS request: median ${median.toFixed(0)} ms over ${RUNS} runs (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}); empty node process: ${baseline.toFixed(0)} ms`
)
