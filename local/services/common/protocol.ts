import type { IncomingMessage, ServerResponse } from 'node:http'

/** An error as an AWS service answers it; each protocol renders it its own way. */
export class AwsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra members of the error shape (e.g. Lambda's `Type`, `Reason`). */
    readonly fields: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = code
  }
}

/** The request as the gateway hands it to a service. */
export interface Call {
  requestId: string
  /** The service's name in the call log. */
  service: string
  method: string
  url: URL
  headers: IncomingMessage['headers']
  raw: IncomingMessage
  res: ServerResponse
  /** Access key of the SigV4 signature, when signed. */
  accessKeyId?: string
  region?: string
  body(): Promise<Buffer>
  /** Set by the service once it knows, for the call log and fault matching. */
  operation?: string
  errorCode?: string
  /** Faults applied to the call, for the call log. */
  faults: string[]
  /** Resolves when the client has gone away before the response was complete, or when the stack stops. */
  closed: Promise<void>
  /** Resolves when the stack stops. */
  stopped: Promise<void>
  /** Who ended the connection before the response was complete, once someone did. */
  interrupted?: 'client' | 'server'
}

/**
 * Thrown to leave a call without answering it: the connection was dropped, the client left while the call was
 * held back, or the stack is stopping.
 */
export class Abandoned extends Error {
  constructor() {
    super('The call was abandoned')
    this.name = 'Abandoned'
  }
}

/** Waits `ms`, unless `cancel` settles first (then returns false); no timer outlives it. */
export function wait(ms: number, cancel: Promise<void>): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(true), ms)
    void cancel.then(() => {
      clearTimeout(timer)
      resolve(false)
    })
  })
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
    // A client that leaves mid-body: 'close' without 'end' (settling twice is harmless).
    req.on('close', () => {
      if (!req.complete) reject(new Abandoned())
    })
  })
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json'
): void {
  const text = body === undefined ? '' : JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** An error in the REST-JSON protocols (Lambda, Bedrock): the code in `x-amzn-ErrorType`, the members in the body. */
export function sendRestJsonError(call: Call, err: AwsError, body: Record<string, unknown>): void {
  sendJson(call.res, err.status, body, {
    'x-amzn-ErrorType': err.code,
    'x-amzn-RequestId': call.requestId,
    ...err.headers
  })
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
