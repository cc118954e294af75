import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http'
import { createServer as createHttp2Server, type Http2Server } from 'node:http2'
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { isRuntimePath } from '../bedrock/runtime-service.js'
import { requestId } from '../common/ids.js'
import { Abandoned, AwsError, readBody, type Call } from '../common/protocol.js'
import { GITHUB_API_PATH } from '../github/service.js'
import type { Service } from './service.js'

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

export interface Routes {
  dynamodb: Service
  s3: Service
  lambda: Service
  bedrockAgent: Service
  bedrockRuntime: Service
  sts: Service
  oidc: Service
  cloudwatch: Service
  github: Service
}

export const OIDC_PATH = '/_github/idtoken'
export { GITHUB_API_PATH }

function under(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`)
}

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
 * the SDK signs with: dynamodb, s3, lambda, bedrock, sts, monitoring), so a single `AWS_ENDPOINT_URL` works for all
 * clients; bedrock-agent and bedrock-agent-runtime share the signing name `bedrock` and are told apart by path.
 * Unsigned requests are STS's AssumeRoleWithWebIdentity (form body), and GitHub's OIDC token endpoint and REST API
 * (each under its own path).
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
    if (under(url.pathname, OIDC_PATH)) return this.routes.oidc
    if (under(url.pathname, GITHUB_API_PATH)) return this.routes.github
    switch (scope?.service) {
      case 'dynamodb':
        return this.routes.dynamodb
      case 's3':
        return this.routes.s3
      case 'lambda':
        return this.routes.lambda
      case 'bedrock':
        return isRuntimePath(url.pathname) ? this.routes.bedrockRuntime : this.routes.bedrockAgent
      case 'sts':
        return this.routes.sts
      case 'monitoring':
        return this.routes.cloudwatch
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
    const call = this.newCall(service, req, res, url, scope)
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
      this.answerError(service, call, err)
    }
  }

  /** The call as services see it; it is logged when its response ends, completed or not. */
  private newCall(service: Service, req: IncomingMessage, res: ServerResponse, url: URL, scope?: Scope): Call {
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
      this.calls.push(this.recordOf(call))
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
    return call
  }

  private recordOf(call: Call): CallRecord {
    const res = call.res
    return {
      at: new Date().toISOString(),
      service: call.service,
      operation: call.operation ?? 'Unknown',
      status: res.headersSent ? res.statusCode : 0,
      ...(call.errorCode !== undefined ? { errorCode: call.errorCode } : {}),
      accessKeyId: call.accessKeyId,
      region: call.region,
      ...(call.faults.length > 0 ? { fault: call.faults.join('+') } : {}),
      ...(res.writableFinished ? {} : { interrupted: call.interrupted ?? (this.stopping ? 'server' : 'client') })
    }
  }

  /** Renders what a service threw in its protocol, unless the call was abandoned or its answer is under way. */
  private answerError(service: Service, call: Call, err: unknown): void {
    if (err instanceof Abandoned) return
    const error =
      err instanceof AwsError
        ? err
        : new AwsError(500, 'InternalServerException', `Local stack error: ${(err as Error)?.message}`)
    call.errorCode = error.code
    const res = call.res
    if (res.destroyed || res.writableEnded) return
    if (!res.headersSent) service.sendError(call, error)
    else res.end()
  }
}
