/** The alert issue against a stand-in for the four GitHub REST calls it makes. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { emptyIngestionPhase, emptySyncPhase, type RunResult } from '../src/pipeline/result.js'
import { alertTitle, updateAlertIssue, type AlertTarget } from '../src/report/alert.js'

interface Issue {
  number: number
  title: string
  body: string
  state: 'open' | 'closed'
  comments: string[]
}
let issues: Issue[] = []
let requests: string[] = []
let refuse = false
let server: Server

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      requests.push(`${req.method} ${url.pathname}`)
      const body = raw ? (JSON.parse(raw) as Record<string, string>) : {}
      const send = (status: number, data: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data))
      }
      if (refuse) return send(403, { message: 'Resource not accessible by integration' })
      const number = Number(/\/issues\/(\d+)/.exec(url.pathname)?.[1])
      const issue = issues.find((i) => i.number === number)
      if (req.method === 'GET' && url.pathname === '/repos/acme/incidents/issues') {
        return send(
          200,
          issues.filter((i) => i.state === url.searchParams.get('state'))
        )
      }
      if (req.method === 'POST' && url.pathname === '/repos/acme/incidents/issues') {
        const created: Issue = {
          number: issues.length + 1,
          title: body.title!,
          body: body.body!,
          state: 'open',
          comments: []
        }
        issues.push(created)
        return send(201, created)
      }
      if (req.method === 'POST' && issue && url.pathname.endsWith('/comments')) {
        issue.comments.push(body.body!)
        return send(201, {})
      }
      if (req.method === 'PATCH' && issue) {
        issue.state = body.state as 'closed'
        return send(200, issue)
      }
      send(404, { message: 'Not Found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  process.env.GITHUB_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  delete process.env.GITHUB_API_URL
  await new Promise((resolve) => server.close(resolve))
})

beforeEach(() => {
  issues = []
  requests = []
  refuse = false
})

const TARGET: AlertTarget = {
  token: 'ghs_test',
  repository: 'acme/incidents',
  runUrl: 'https://github.com/acme/incidents/actions/runs/42',
  knowledgeBaseId: 'LPR1PEW0LN',
  dataSourceId: 'AJIJE6BWIV'
}

function result(status: RunResult['status'], problems: RunResult['problems'] = []): RunResult {
  return {
    status,
    startedAt: 0,
    durationMs: 1_000,
    dryRun: false,
    sync: emptySyncPhase(),
    ingestion: emptyIngestionPhase('nothing new'),
    checks: [],
    problems,
    warnings: [],
    showLogTail: false
  }
}

const signal = new AbortController().signal

describe('the alert issue', () => {
  it('opens one issue on failure, comments on it while failing, and closes it on recovery', async () => {
    const failed = result('failed', [{ phase: 'ingestion', message: 'Ingestion job J FAILED: <img src=x> [x](y)' }])
    expect(await updateAlertIssue(TARGET, failed, signal)).toBeUndefined()
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ title: alertTitle('LPR1PEW0LN'), state: 'open' })
    expect(issues[0]!.body).toContain('https://github.com/acme/incidents/actions/runs/42')
    expect(issues[0]!.body).not.toContain('<img')

    await updateAlertIssue(TARGET, failed, signal)
    expect(issues).toHaveLength(1)
    expect(issues[0]!.comments).toHaveLength(1)

    await updateAlertIssue(TARGET, result('completed'), signal)
    expect(issues[0]).toMatchObject({ state: 'closed' })
    expect(issues[0]!.comments.at(-1)).toMatch(/^Recovered\./)
  })

  it('does nothing on success when no alert is open, nor for a cancelled run', async () => {
    await updateAlertIssue(TARGET, result('completed'), signal)
    await updateAlertIssue(TARGET, result('cancelled'), signal)
    expect(issues).toEqual([])
    expect(requests.filter((r) => !r.startsWith('GET'))).toEqual([])
  })

  it('keeps one issue per knowledge base', async () => {
    await updateAlertIssue(TARGET, result('failed'), signal)
    await updateAlertIssue({ ...TARGET, knowledgeBaseId: 'OTHERKB001' }, result('failed'), signal)
    expect(issues.map((i) => i.title)).toEqual([alertTitle('LPR1PEW0LN'), alertTitle('OTHERKB001')])
  })

  it('only warns, naming the permission, when GitHub refuses', async () => {
    refuse = true
    expect(await updateAlertIssue(TARGET, result('failed'), signal)).toMatch(
      /^The alert issue was not updated \(the run's outcome stands\): .*Give the job "permissions: issues: write"\./
    )
  })
})
