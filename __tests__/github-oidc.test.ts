/** The job's OIDC token from a stand-in for the runner's token endpoint. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { githubIdToken, TOKEN_ATTEMPTS, TokenRequestError } from '../src/aws/github-oidc.js'

let server: Server
let answer: (
  url: URL,
  authorization: string | undefined
) => { status: number; body: string } | 'reset' | 'stall' | 'cut-mid-body'
let env: NodeJS.ProcessEnv
let requests = 0
/** Backoff without waiting: the sleeps are recorded. */
const waits: number[] = []
const clock = { sleep: async (ms: number) => void waits.push(ms), random: () => 0.5 }

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    requests++
    const planned = answer(url, req.headers.authorization)
    if (planned === 'reset') return req.socket.destroy()
    if (planned === 'stall') return
    if (planned === 'cut-mid-body') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' }).write('{"value":"the')
      return void setTimeout(() => res.socket?.destroy(), 10)
    }
    res.writeHead(planned.status, { 'content-type': 'application/json' }).end(planned.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  env = {
    ACTIONS_ID_TOKEN_REQUEST_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-token'
  }
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('githubIdToken', () => {
  it('asks for the audience with the runner token and returns the token', async () => {
    answer = (url, authorization) =>
      url.searchParams.get('audience') === 'sts.amazonaws.com' && authorization === 'Bearer runner-token'
        ? { status: 200, body: '{"value":"the.jwt"}' }
        : { status: 400, body: '{}' }
    await expect(githubIdToken('sts.amazonaws.com', env)).resolves.toBe('the.jwt')
  })

  it('says which HTTP status the endpoint answered, or that no answer came', async () => {
    requests = 0
    answer = () => ({ status: 403, body: '{"message":"no id-token permission"}' })
    await expect(githubIdToken('sts.amazonaws.com', env, undefined, clock)).rejects.toMatchObject({
      status: 403,
      message: "GitHub's token endpoint answered HTTP 403 (no id-token permission)"
    })
    expect(requests).toBe(1)
    answer = () => 'reset'
    const reset = await githubIdToken('sts.amazonaws.com', env, undefined, clock).catch((error: unknown) => error)
    expect(reset).toBeInstanceOf(TokenRequestError)
    expect(reset).toMatchObject({ status: undefined })
    answer = () => ({ status: 200, body: '{"value":""}' })
    await expect(githubIdToken('sts.amazonaws.com', env, undefined, clock)).rejects.toThrow(
      'the token endpoint answered without a token'
    )
  })

  it('asks again after a rate limit, a 5xx or a dropped connection, with growing waits, a bounded number of times', async () => {
    const plan: ReturnType<typeof answer>[] = ['reset', { status: 503, body: '' }, { status: 429, body: '{}' }]
    answer = () => plan.shift() ?? { status: 200, body: '{"value":"the.jwt"}' }
    waits.length = 0
    requests = 0
    await expect(githubIdToken('sts.amazonaws.com', env, undefined, clock)).resolves.toBe('the.jwt')
    expect(requests).toBe(4)
    expect(waits).toHaveLength(3)
    expect(waits[1]).toBeGreaterThan(waits[0]!)
    expect(waits[2]).toBeGreaterThan(waits[1]!)

    answer = () => ({ status: 429, body: '{"message":"API rate limit exceeded"}' })
    requests = 0
    await expect(githubIdToken('sts.amazonaws.com', env, undefined, clock)).rejects.toMatchObject({
      status: 429,
      message: "GitHub's token endpoint answered HTTP 429 (API rate limit exceeded)"
    })
    expect(requests).toBe(TOKEN_ATTEMPTS)
  })

  it('asks again when the answer is cut off mid-body', async () => {
    const plan: ReturnType<typeof answer>[] = ['cut-mid-body']
    answer = () => plan.shift() ?? { status: 200, body: '{"value":"the.jwt"}' }
    await expect(githubIdToken('sts.amazonaws.com', env, undefined, clock)).resolves.toBe('the.jwt')
  })

  it('gives up a stalled request when its signal aborts, with the signal reason', async () => {
    answer = () => 'stall'
    const controller = new AbortController()
    const asking = githubIdToken('sts.amazonaws.com', env, controller.signal)
    const reason = new Error('deadline')
    setTimeout(() => controller.abort(reason), 20)
    await expect(asking).rejects.toBe(reason)
  })

  it('needs the runner variables that id-token: write gives', async () => {
    await expect(githubIdToken('sts.amazonaws.com', {})).rejects.toThrow('ACTIONS_ID_TOKEN_REQUEST_URL')
  })
})
