// One Lambda execution environment, run as a worker thread by container.ts. Plain JavaScript so that any host can
// start it (jest, tsx or node) without a loader; TypeScript handlers are loaded through tsx's public API.
//
// Console output becomes Lambda log lines, the handler module is loaded once (the init phase) and then invoked once
// per message, with a context whose deadline is real time. Messages to the host: `log`, `ready`, `result` (the
// shapes are `WorkerMessage` in container.ts).
import { basename } from 'node:path'
import { pathToFileURL } from 'node:url'
import { format } from 'node:util'
import { parentPort, workerData } from 'node:worker_threads'

const LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' }

let current = 'undefined'
for (const [method, level] of Object.entries(LEVELS)) {
  console[method] = (...args) =>
    parentPort.postMessage({
      type: 'log',
      text: `${new Date().toISOString()}\t${current}\t${level}\t${format(...args)}\n`
    })
}

function toError(err) {
  const e = err instanceof Error ? err : new Error(String(err))
  return { errorType: e.name || 'Error', errorMessage: e.message, trace: String(e.stack || '').split('\n') }
}

async function loadModule(handlerPath) {
  const url = pathToFileURL(handlerPath).href
  if (!/\.[cm]?ts$/.test(handlerPath)) return import(url)
  const { tsImport } = await import('tsx/esm/api')
  return tsImport(url, import.meta.url)
}

const started = Date.now()
let initMs
const ready = (async () => {
  const { handlerPath, exportName } = workerData
  const mod = await loadModule(handlerPath)
  const fn = mod[exportName] ?? mod.default?.[exportName]
  if (typeof fn !== 'function') {
    const e = new Error(`${basename(handlerPath)}.${exportName} is undefined or not exported`)
    e.name = 'Runtime.HandlerNotFound'
    throw e
  }
  initMs = Date.now() - started
  return fn
})()
// Lambda's init phase is not part of the function timeout: the host starts the clock once the module is loaded.
const sayReady = () => parentPort.postMessage({ type: 'ready' })
ready.then(sayReady, sayReady)

/** Runs the handler as the Node.js runtime does: a promise, a plain value, or (three parameters) a callback. */
function call(fn, event, context) {
  return new Promise((resolve, reject) => {
    const out =
      fn.length >= 3 ? fn(event, context, (err, value) => (err ? reject(err) : resolve(value))) : fn(event, context)
    if (fn.length < 3 || typeof out?.then === 'function') Promise.resolve(out).then(resolve, reject)
  })
}

parentPort.on('message', async (msg) => {
  current = msg.context.awsRequestId
  let fn
  try {
    fn = await ready
  } catch (err) {
    const error = toError(err)
    if (error.errorType === 'Error' || error.errorType === 'SyntaxError') error.errorType = 'Runtime.ImportModuleError'
    parentPort.postMessage({ type: 'result', ok: false, error, fatal: true })
    return
  }
  const context = {
    ...msg.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - Date.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {}
  }
  try {
    const value = await call(fn, msg.event, context)
    const payload = JSON.stringify(value === undefined ? null : value)
    parentPort.postMessage({ type: 'result', ok: true, payload, initMs, memory: process.memoryUsage().heapUsed })
  } catch (err) {
    const error = toError(err)
    console.error('Invoke Error', JSON.stringify(error))
    parentPort.postMessage({ type: 'result', ok: false, error, initMs, memory: process.memoryUsage().heapUsed })
  } finally {
    initMs = undefined
    current = 'undefined'
  }
})
