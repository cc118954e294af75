import type { ServerResponse } from 'node:http'
import { constants as http2Constants, type Http2ServerResponse } from 'node:http2'
import { wait, type Call } from '../common/protocol.js'
import type { OperationFault } from '../faults/types.js'

function isHttp2(call: Call): boolean {
  return call.raw.httpVersionMajor === 2
}

/**
 * Drops the connection without an answer: a TCP reset (HTTP/1); on HTTP/2 a stream reset with REFUSED_STREAM, the
 * protocol's way of saying the request was not processed (the session and its other streams live on).
 */
export function resetConnection(call: Call): void {
  call.interrupted = 'server'
  if (isHttp2(call)) {
    ;(call.res as unknown as Http2ServerResponse).stream.close(http2Constants.NGHTTP2_REFUSED_STREAM)
    return
  }
  const socket = call.res.socket
  if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
  else socket?.destroy()
}

export type Transport = Extract<OperationFault, { kind: 'stall' | 'reset' }>

/**
 * Lets the service write its response as usual, then hands it to `finish` instead of the client: `finish` gets the
 * status and a `deliver` that sends the response as it is, or with an after-headers stall or reset.
 */
export function takeOverResponse(
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
