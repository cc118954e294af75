/**
 * Helpers for the stack's unit suites: raw HTTP calls (what the SDK would hide: half-sent responses, resets), and a
 * retry strategy that retries at once and remembers how the SDK classified each error.
 */
import { request, type IncomingHttpHeaders } from 'node:http'
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'
import type { Stack } from '../../local/stack.js'

export interface RawOutcome {
  /** Undefined when no status line arrived. */
  status?: number
  headers?: IncomingHttpHeaders
  body: Buffer
  /** The whole response arrived. */
  complete: boolean
  /** The error the client saw (ECONNRESET, aborted, ...). */
  error?: string
  /** The client gave up after `giveUpMs`. */
  gaveUp: boolean
  ms: number
}

export interface RawRequest {
  method: string
  path: string
  /** The SigV4 signing name the gateway routes by (bedrock, lambda, dynamodb, s3, sts); none = unsigned. */
  service?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Sends only this many bytes of the body, then closes the connection. */
  sendBytes?: number
  giveUpMs?: number
  /** Called when the status line and headers have arrived. */
  onHeaders?: () => void
}

/** One request on its own connection, reporting how far the response got. */
export function raw(stack: Stack, r: RawRequest): Promise<RawOutcome> {
  const started = Date.now()
  const url = new URL(stack.url)
  const body = r.body === undefined ? Buffer.alloc(0) : Buffer.from(r.body)
  const headers: Record<string, string> = {
    'content-length': String(body.length),
    ...(r.service
      ? {
          authorization: `AWS4-HMAC-SHA256 Credential=AKIALOCALRAWCLIENT01/20250101/us-east-1/${r.service}/aws4_request, SignedHeaders=host, Signature=0`
        }
      : {}),
    ...r.headers
  }
  return new Promise((resolve) => {
    const out: RawOutcome = { body: Buffer.alloc(0), complete: false, gaveUp: false, ms: 0 }
    const chunks: Buffer[] = []
    let settled = false
    const settle = (): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      out.body = Buffer.concat(chunks)
      out.ms = Date.now() - started
      req.destroy()
      resolve(out)
    }
    const req = request(
      { host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: false },
      (res) => {
        out.status = res.statusCode
        out.headers = res.headers
        r.onHeaders?.()
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          out.complete = res.complete
          settle()
        })
        res.on('aborted', () => {
          out.error ??= 'aborted'
          settle()
        })
        res.on('error', (e: NodeJS.ErrnoException) => {
          out.error ??= e.code ?? e.message
          settle()
        })
      }
    )
    req.on('error', (e: NodeJS.ErrnoException) => {
      out.error ??= e.code ?? e.message
      settle()
    })
    const timer = setTimeout(() => {
      out.gaveUp = true
      settle()
    }, r.giveUpMs ?? 5000)
    if (r.sendBytes !== undefined) {
      req.write(body.subarray(0, r.sendBytes))
      setTimeout(() => {
        out.gaveUp = true
        settle()
      }, 20)
    } else req.end(body)
  })
}

/** A retry strategy that retries at once, up to `maxAttempts`, recording the SDK's class of each error. */
export function quickRetries(maxAttempts: number): RetryStrategyV2 & { seen: RetryErrorInfo['errorType'][] } {
  const seen: RetryErrorInfo['errorType'][] = []
  const token = (n: number): RetryToken => ({ getRetryCount: () => n, getRetryDelay: () => 1 })
  return {
    seen,
    acquireInitialRetryToken: async () => token(0),
    refreshRetryTokenForRetry: async (t, info) => {
      seen.push(info.errorType)
      if (t.getRetryCount() + 1 >= maxAttempts || info.errorType === 'CLIENT_ERROR') throw new Error('no retry')
      return token(t.getRetryCount() + 1)
    },
    recordSuccess: () => undefined
  }
}

/** Polls until `condition` holds (every 5 ms), failing after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 5000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
