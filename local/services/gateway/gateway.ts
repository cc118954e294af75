import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http'
import {
  constants as http2Constants,
  createServer as createHttp2Server,
  type Http2Server,
  type Http2ServerResponse
} from 'node:http2'
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { requestId } from '../common/ids.js'
import { Abandoned, AwsError, readBody, wait, type Call } from '../common/protocol.js'
import type { Faults, FaultRequest, OperationFault } from '../faults/faults.js'

/** One emulated service behind the gateway. */
export interface Service {
  /** Name in the call log: dynamodb, s3, lambda, bedrock-agent, bedrock-agent-runtime, sts, oidc. */
  readonly name: string
  handle(call: Call): Promise<void>
  /** Renders an error in the service's protocol (JSON with x-amzn-ErrorType, XML, ...). */
  sendError(call: Call, err: AwsError): void
}

/** A request as the stack saw it; tests use these to check what the action called and with which identity. */
export interface CallRecord {
  at: string
  service: string
  operation: string
  /** 0 when no status line was sent. */
  status: number
  errorCode?: string
  accessKeyId?: string
  region?: string
  /**
   * The faults applied, `+`-joined in the order they acted: `throttle`, `accessDenied`, `serviceQuota`, `error`,
   * `delay`, `hold`, `stall:before-headers`, `stall:after-headers`, `reset:before-headers`, `reset:after-headers`,
   * `crashAfter`.
   */
  fault?: string
  /** Set when the response was not completed: who ended the connection (`server`: a fault or the stack stopping). */
  interrupted?: 'client' | 'server'
}

/** How a service words the faults the gateway injects. */
export interface FaultStyle {
  service: string
  throttle(operation: string): AwsError
  denied(message: string): AwsError
  iamAction(operation: string): string
}

export interface Routes {
  dynamodb: Service
  s3: Service
  lambda: Service
  bedrockAgent: Service
  bedrockRuntime: Service
  sts: Service
  oidc: Service
}

export const OIDC_PATH = '/_github/idtoken'

interface Scope {
  accessKeyId: string
  region: string
  service: string
}

/** The credential scope of a SigV4 request: `Credential=AKID/20250101/us-east-1/bedrock/aws4_request`. */
export function credentialScope(req: IncomingMessage, url: URL): Scope | undefined {
  const header = req.headers.authorization ?? ''
  const credential = /Credential=([^,\s]+)/.exec(header)?.[1] ?? url.searchParams.get('X-Amz-Credential') ?? ''
  const [accessKeyId, , region, service] = credential.split('/')
  if (!accessKeyId || !region || !service) return undefined
  return { accessKeyId, region, service }
}

/**
 * One HTTP port for every service. Requests are routed by the service name of their SigV4 credential scope (what
 * the SDK signs with: dynamodb, s3, lambda, bedrock, sts), so a single `AWS_ENDPOINT_URL` works for all clients;
 * bedrock-agent and bedrock-agent-runtime share the signing name `bedrock` and are told apart by path. Unsigned
 * requests are STS's AssumeRoleWithWebIdentity (form body) and the GitHub OIDC token endpoint (its own path).
 */
export class Gateway {
  readonly calls: CallRecord[] = []
  private server: Server | undefined
  private http1: HttpServer | undefined
  private http2: Http2Server | undefined
  private sockets = new Set<Socket>()
  private port = 0
  private stopping = false
  private markStopped: () => void = () => {}
  private readonly stopped = new Promise<void>((resolve) => (this.markStopped = resolve))
  /** How to tell each call still in progress that it is over. */
  private inProgress = new Set<() => void>()

  constructor(
    private readonly routes: Routes,
    private readonly options: { region: string; strictRegion: boolean; host: string; port: number }
  ) {}

  get url(): string {
    return `http://${this.options.host}:${this.port}`
  }

  /**
   * Speaks HTTP/1.1 and cleartext HTTP/2 on the same port: bedrock-agent-runtime's client sends HTTP/2 (it
   * carries event streams), every other client HTTP/1.1. The first bytes of a connection tell which.
   */
  async start(): Promise<void> {
    const onRequest = (req: IncomingMessage, res: ServerResponse): void =>
      // A response written after its client left can throw (HTTP/2); that must not become an unhandled rejection.
      void this.dispatch(req, res).catch(() => undefined)
    const http1 = createServer(onRequest)
    // SDK clients keep connections alive; the default 5 s would let a slow poller hit a closing socket.
    http1.keepAliveTimeout = 60_000
    const http2 = createHttp2Server({}, onRequest as unknown as Parameters<typeof createHttp2Server>[1])
    // A client that resets mid-stream is its own business, not a server error.
    http2.on('sessionError', () => undefined)
    const server = createNetServer((socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      // Until HTTP takes the socket over nothing listens for its errors: a client resetting a fresh connection
      // would otherwise be an uncaught exception.
      socket.on('error', () => undefined)
      socket.once('data', (chunk: Buffer) => {
        socket.pause()
        socket.unshift(chunk)
        const target = chunk.subarray(0, 4).toString('latin1') === 'PRI ' ? http2 : http1
        target.emit('connection', socket)
        process.nextTick(() => socket.resume())
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port, this.options.host, () => resolve())
    })
    this.server = server
    this.http1 = http1
    this.http2 = http2
    this.port = (server.address() as AddressInfo).port
  }

  /** Stops listening, drops every connection (stalled and held calls included) and abandons calls still waiting. */
  async stop(): Promise<void> {
    const server = this.server
    if (server === undefined) return
    this.server = undefined
    this.stopping = true
    this.markStopped()
    for (const close of this.inProgress) close()
    const closed = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    this.http1?.close()
    this.http2?.close()
    await closed
  }

  private route(req: IncomingMessage, url: URL, scope: Scope | undefined): Service | undefined {
    if (url.pathname === OIDC_PATH || url.pathname.startsWith(`${OIDC_PATH}/`)) return this.routes.oidc
    switch (scope?.service) {
      case 'dynamodb':
        return this.routes.dynamodb
      case 's3':
        return this.routes.s3
      case 'lambda':
        return this.routes.lambda
      case 'bedrock':
        return /^\/knowledgebases\/[^/]+\/retrieve$/.test(url.pathname)
          ? this.routes.bedrockRuntime
          : this.routes.bedrockAgent
      case 'sts':
        return this.routes.sts
      case undefined:
        break
      default:
        return undefined
    }
    if (String(req.headers['x-amz-target'] ?? '').startsWith('DynamoDB_')) return this.routes.dynamodb
    if (
      req.method === 'POST' &&
      String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ) {
      return this.routes.sts
    }
    return undefined
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const scope = credentialScope(req, url)
    const service = this.route(req, url, scope)
    if (service === undefined) {
      const text = JSON.stringify({
        message: `The local stack does not emulate this service (signing name ${JSON.stringify(scope?.service ?? 'none')}, ${req.method} ${url.pathname})`
      })
      res.writeHead(400, { 'Content-Type': 'application/json', 'x-amzn-ErrorType': 'UnknownServiceException' })
      res.end(text)
      return
    }
    let cached: Promise<Buffer> | undefined
    let markClosed: () => void = () => {}
    const closed = new Promise<void>((resolve) => (markClosed = resolve))
    this.inProgress.add(markClosed)
    const call: Call = {
      requestId: requestId(),
      service: service.name,
      method: req.method ?? 'GET',
      url,
      headers: req.headers,
      raw: req,
      res,
      accessKeyId: scope?.accessKeyId,
      region: scope?.region,
      body: () => (cached ??= readBody(req)),
      faults: [],
      closed,
      stopped: this.stopped
    }
    let recorded = false
    const record = (): void => {
      if (recorded) return
      recorded = true
      const complete = res.writableFinished
      this.calls.push({
        at: new Date().toISOString(),
        service: service.name,
        operation: call.operation ?? 'Unknown',
        status: res.headersSent ? res.statusCode : 0,
        ...(call.errorCode !== undefined ? { errorCode: call.errorCode } : {}),
        accessKeyId: call.accessKeyId,
        region: call.region,
        ...(call.faults.length > 0 ? { fault: call.faults.join('+') } : {}),
        ...(complete ? {} : { interrupted: call.interrupted ?? (this.stopping ? 'server' : 'client') })
      })
    }
    res.on('finish', () => {
      this.inProgress.delete(markClosed)
      record()
    })
    res.on('close', () => {
      this.inProgress.delete(markClosed)
      if (!res.writableFinished) {
        call.interrupted ??= this.stopping ? 'server' : 'client'
        markClosed()
      }
      record()
    })
    try {
      if (scope !== undefined && this.options.strictRegion && scope.region !== this.options.region) {
        // What a client configured for another region meets: its signature is scoped to a region this endpoint
        // is not, so the wrong region shows up as an error instead of silently working.
        throw new AwsError(
          403,
          'InvalidSignatureException',
          `Credential should be scoped to a valid region, not '${scope.region}'. The local stack serves '${this.options.region}'.`
        )
      }
      await service.handle(call)
    } catch (err) {
      if (err instanceof Abandoned) return
      const error =
        err instanceof AwsError
          ? err
          : new AwsError(500, 'InternalServerException', `Local stack error: ${(err as Error)?.message}`)
      call.errorCode = error.code
      if (res.destroyed || res.writableEnded) return
      if (!res.headersSent) service.sendError(call, error)
      else res.end()
    }
  }
}

/** How a call made by a service reaches the fault hooks. */
export interface FaultContext {
  /** The ARN an IAM denial names. */
  resource: () => Promise<string> | string
  principalOf: (accessKeyId?: string) => string
  /** What predicates see as the call's key (see `FaultRequest.key`). */
  key?: (body: Buffer) => string
}

function label(fault: OperationFault): string {
  return fault.kind === 'stall' || fault.kind === 'reset' ? `${fault.kind}:${fault.phase}` : fault.kind
}

/**
 * Applies the armed faults for one call. The request is read first, then: waits out a delay or a hold, acts on a
 * transport fault (a before-headers stall or reset throws `Abandoned` when the call is not to be answered; an
 * after-headers one and a crashAfter take over the response once the service writes it), and returns the error to
 * answer with, if any.
 */
export async function applyFaults(
  faults: Faults,
  call: Call,
  style: FaultStyle,
  operation: string,
  context: FaultContext
): Promise<AwsError | undefined> {
  call.operation = operation
  const body = await call.body()
  const token = call.headers['x-amz-security-token']
  const environment = typeof token === 'string' ? faults.environments?.idOf(token) : undefined
  const request: FaultRequest = {
    service: call.service,
    operation,
    key: '',
    method: call.method,
    path: call.url.pathname,
    headers: call.headers,
    body: body.toString('utf8'),
    accessKeyId: call.accessKeyId,
    ...(environment !== undefined ? { environment } : {})
  }
  try {
    request.key = context.key?.(body) ?? ''
  } catch {
    // A body the service will refuse has no key.
  }
  const taken = faults.takeArmed([style.service, call.service], operation, request)
  const kinds = (k: OperationFault['kind']) => taken.find((t) => t.fault.kind === k)

  const delay = kinds('delay')?.fault
  if (delay?.kind === 'delay') {
    call.faults.push('delay')
    if (!(await wait(delay.ms, call.stopped))) throw new Abandoned()
  }
  const hold = kinds('hold')?.fault
  if (hold?.kind === 'hold') {
    call.faults.push('hold')
    hold.gate.enter()
    let released = false
    await Promise.race([hold.gate.opened.then(() => (released = true)), call.stopped])
    hold.gate.leave()
    if (!released) throw new Abandoned()
  }

  const crashTaken = kinds('crashAfter')
  const crash = crashTaken?.fault.kind === 'crashAfter' && environment !== undefined ? crashTaken : undefined
  const answer = taken.find((t) => !['delay', 'hold', 'crashAfter'].includes(t.fault.kind))?.fault
  if (answer !== undefined) call.faults.push(label(answer))

  if (answer?.kind === 'stall' && answer.phase === 'before-headers') {
    if (answer.ms === undefined) {
      await call.closed
      throw new Abandoned()
    }
    if (!(await wait(answer.ms, call.closed))) throw new Abandoned()
  }
  if (answer?.kind === 'reset' && answer.phase === 'before-headers') {
    resetConnection(call)
    throw new Abandoned()
  }
  const transport = answer?.kind === 'stall' || answer?.kind === 'reset' ? answer : undefined
  if (transport !== undefined || crash !== undefined) {
    takeOverResponse(call, async (status, deliver) => {
      if (crash?.fault.kind === 'crashAfter' && environment !== undefined) {
        // Only a call that took effect counts: the environment dies knowing nothing of its success.
        if (status < 300) {
          call.faults.push('crashAfter')
          await faults.environments?.crash(environment, crash.fault.outcome)
        } else crash.refund()
      }
      await deliver(transport)
    })
  }

  switch (answer?.kind) {
    case 'throttle':
      return style.throttle(operation)
    case 'serviceQuota':
      return new AwsError(
        402,
        'ServiceQuotaExceededException',
        operation === 'StartIngestionJob'
          ? 'This request would exceed a service quota: the number of concurrent ingestion jobs in this account and Region.'
          : `This request would exceed a service quota for ${operation} in this account and Region.`
      )
    case 'error':
      return new AwsError(answer.status, answer.code, answer.message, answer.fields ?? {}, answer.headers ?? {})
    case 'accessDenied': {
      const action = style.iamAction(operation)
      return style.denied(
        `User: ${context.principalOf(call.accessKeyId)} is not authorized to perform: ${action} on resource: ${await context.resource()} because no identity-based policy allows the ${action} action`
      )
    }
    default:
      return undefined
  }
}

function isHttp2(call: Call): boolean {
  return call.raw.httpVersionMajor === 2
}

/**
 * Drops the connection without an answer: a TCP reset (HTTP/1); on HTTP/2 a stream reset with REFUSED_STREAM, the
 * protocol's way of saying the request was not processed (the session and its other streams live on).
 */
function resetConnection(call: Call): void {
  call.interrupted = 'server'
  if (isHttp2(call)) {
    ;(call.res as unknown as Http2ServerResponse).stream.close(http2Constants.NGHTTP2_REFUSED_STREAM)
    return
  }
  const socket = call.res.socket
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket?.destroy()
}

type Transport = Extract<OperationFault, { kind: 'stall' | 'reset' }>

/**
 * Lets the service write its response as usual, then hands it to `finish` instead of the client: `finish` gets the
 * status and a `deliver` that sends the response as it is, or with an after-headers stall or reset.
 */
function takeOverResponse(
  call: Call,
  finish: (status: number, deliver: (transport: Transport | undefined) => Promise<void>) => Promise<void>
): void {
  const res = call.res
  const originalWrite = res.write
  const originalEnd = res.end
  // The HTTP/2 compatibility response's end() calls this.write(): the originals go back before anything is sent.
  const restore = (): void => {
    res.write = originalWrite
    res.end = originalEnd
  }
  const write = (chunk: Buffer): boolean => res.write(chunk)
  const end = (chunk?: Buffer): ServerResponse => res.end(chunk)
  const parts: Buffer[] = []
  const toBuffer = (chunk: unknown, encoding?: unknown): Buffer | undefined =>
    typeof chunk === 'string'
      ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk)
        : undefined
  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
    const b = toBuffer(chunk, encoding)
    if (b) parts.push(b)
    const callback = [encoding, cb].find((f) => typeof f === 'function') as (() => void) | undefined
    callback?.()
    return true
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, encoding?: unknown) => {
    const b = toBuffer(chunk, encoding)
    if (b) parts.push(b)
    const body = Buffer.concat(parts)
    const deliver = async (transport: Transport | undefined): Promise<void> => {
      restore()
      if (res.destroyed) return
      if (transport === undefined) {
        end(body)
        return
      }
      if (!res.headersSent && res.getHeader('content-length') === undefined)
        res.setHeader('Content-Length', body.length)
      res.flushHeaders()
      const head = body.subarray(0, Math.min(transport.bytes, body.length))
      if (head.length > 0) write(head)
      if (transport.kind === 'reset') {
        closeAfterFlush(call)
        return
      }
      if (transport.ms === undefined) return
      if (!(await wait(transport.ms, call.closed))) return
      end(body.subarray(head.length))
    }
    void finish(res.statusCode, deliver).catch(() => undefined)
    return res
  }) as ServerResponse['end']
}

/** Closes the connection once what was written is out: the client has the headers, then a truncated body. */
function closeAfterFlush(call: Call): void {
  call.interrupted = 'server'
  if (isHttp2(call)) {
    const stream = (call.res as unknown as Http2ServerResponse).stream
    setImmediate(() => stream.close(http2Constants.NGHTTP2_INTERNAL_ERROR))
    return
  }
  const socket = call.res.socket
  if (!socket) return
  socket.end(() => socket.destroy())
}
