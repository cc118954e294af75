/**
 * The clients against a real HTTP endpoint on 127.0.0.1, reached through AWS_ENDPOINT_URL_LAMBDA as any SDK
 * program would: proves the standard configuration is honoured and that an invocation is never sent twice once
 * the function may have run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { InvokeCommand } from '@aws-sdk/client-lambda'
import { createClients } from '../src/aws/clients.js'

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler = () => undefined
let requests = 0
let server: Server

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++
    req.resume()
    handler(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.AWS_ENDPOINT_URL_LAMBDA = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterEach(() => {
  requests = 0
})
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL_LAMBDA
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const credentials = async () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret' })
const invoke = new InvokeCommand({
  FunctionName: 'incident-kb-batch-sync',
  InvocationType: 'RequestResponse',
  Payload: new TextEncoder().encode('{}')
})

describe('Lambda client', () => {
  it('reaches the endpoint from AWS_ENDPOINT_URL_LAMBDA and reads the answer', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' })
      res.end('{"successfully_synced":1}')
    }
    const clients = await createClients({ region: 'us-east-1', syncTimeoutSeconds: 5, credentials })
    const answer = await (await clients.lambda()).send(invoke)
    clients.destroy()
    expect(Buffer.from(answer.Payload!).toString()).toBe('{"successfully_synced":1}')
    expect(requests).toBe(1)
  })

  it('gives up after sync_timeout_seconds (plus a grace) and does not send the batch again', async () => {
    handler = () => undefined // never answers
    const clients = await createClients({ region: 'us-east-1', syncTimeoutSeconds: 1, credentials })
    const started = Date.now()
    await expect((await clients.lambda()).send(invoke)).rejects.toMatchObject({
      name: 'TimeoutError',
      $metadata: { attempts: 1 }
    })
    clients.destroy()
    expect(requests).toBe(1)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
  })

  it('does not retry a 5xx, since the function may have run', async () => {
    handler = (_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceException' })
      res.end('{"message":"internal"}')
    }
    const clients = await createClients({ region: 'us-east-1', syncTimeoutSeconds: 5, credentials })
    await expect((await clients.lambda()).send(invoke)).rejects.toMatchObject({ name: 'ServiceException' })
    clients.destroy()
    expect(requests).toBe(1)
  })

  it('retries throttling, which proves the function did not run', async () => {
    let calls = 0
    handler = (_req, res) => {
      calls++
      if (calls === 1) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' })
        res.end('{"message":"Rate exceeded","Reason":"CallerRateLimitExceeded"}')
      } else {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{"successfully_synced":2}')
      }
    }
    const clients = await createClients({ region: 'us-east-1', syncTimeoutSeconds: 5, credentials })
    const answer = await (await clients.lambda()).send(invoke)
    clients.destroy()
    expect(Buffer.from(answer.Payload!).toString()).toBe('{"successfully_synced":2}')
    expect(requests).toBe(2)
  })

  it('retries a refused connection, which proves the function did not run', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const saved = process.env.AWS_ENDPOINT_URL_LAMBDA
    process.env.AWS_ENDPOINT_URL_LAMBDA = `http://127.0.0.1:${port}`
    try {
      const clients = await createClients({ region: 'us-east-1', syncTimeoutSeconds: 5, credentials })
      await expect((await clients.lambda()).send(invoke)).rejects.toMatchObject({
        message: expect.stringContaining('ECONNREFUSED'),
        $metadata: { attempts: 3 }
      })
      clients.destroy()
    } finally {
      process.env.AWS_ENDPOINT_URL_LAMBDA = saved
    }
  })
})
