/**
 * The stack's GitHub REST API for issues, through Octokit as the action builds it (@actions/github getOctokit):
 * GitHub's shapes, pagination, authentication, the token's permissions, the records tests read, and faults.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { getOctokit } from '@actions/github'
import { ManualClock, startStack, type Stack } from '../../local/stack.js'
import { raw } from './support.js'

let stack: Stack
let clock: ManualClock
let octokit: ReturnType<typeof getOctokit>
const repo = { owner: 'acme', repo: 'incidents' }

beforeAll(async () => {
  clock = new ManualClock(Date.parse('2025-10-01T12:00:00.000Z'))
  stack = await startStack({ clock })
  octokit = getOctokit(stack.github.token, { baseUrl: stack.github.apiUrl })
})

afterAll(async () => {
  await stack.stop()
})

/** The status and GitHub's message of a refused request. */
async function refusal(request: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await request
  } catch (error) {
    const e = error as { status: number; response?: { data?: { message?: string } } }
    return { status: e.status, message: e.response?.data?.message ?? '' }
  }
  throw new Error('the request succeeded')
}

describe('issues', () => {
  it('creates an issue in GitHub’s shape, under GITHUB_API_URL', async () => {
    expect(stack.env.GITHUB_API_URL).toBe(`${stack.url}/_github/api`)
    expect(stack.github.apiUrl).toBe(stack.env.GITHUB_API_URL)
    const created = await octokit.rest.issues.create({ ...repo, title: 'Broken', body: 'It broke.' })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      number: 1,
      title: 'Broken',
      body: 'It broke.',
      state: 'open',
      state_reason: null,
      comments: 0,
      locked: false,
      labels: [],
      closed_at: null,
      created_at: '2025-10-01T12:00:00Z',
      html_url: 'https://github.com/acme/incidents/issues/1',
      url: `${stack.github.apiUrl}/repos/acme/incidents/issues/1`,
      user: { login: 'github-actions[bot]', type: 'Bot' }
    })
    expect(created.data).not.toHaveProperty('pull_request')
    expect(created.headers.location).toBe(created.data.url)
    expect(stack.calls().at(-1)).toMatchObject({ service: 'github', operation: 'CreateIssue', status: 201 })
  })

  it('comments, closes with a reason and reopens, keeping each change in the record', async () => {
    const { data: issue } = await octokit.rest.issues.create({ ...repo, title: 'Flaky' })
    clock.advance(60_000)
    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: issue.number, body: 'Again.' })
    expect(comment.status).toBe(201)
    expect(comment.data).toMatchObject({
      body: 'Again.',
      user: { login: 'github-actions[bot]' },
      html_url: `https://github.com/acme/incidents/issues/${issue.number}#issuecomment-${comment.data.id}`
    })
    clock.advance(60_000)
    const closed = await octokit.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed'
    })
    expect(closed.data).toMatchObject({
      state: 'closed',
      state_reason: 'completed',
      comments: 1,
      closed_at: '2025-10-01T12:02:00Z',
      closed_by: { login: 'github-actions[bot]' }
    })
    const reopened = await octokit.rest.issues.update({ ...repo, issue_number: issue.number, state: 'open' })
    expect(reopened.data).toMatchObject({ state: 'open', state_reason: 'reopened', closed_at: null })

    const record = stack.github.issues('acme/incidents').find((i) => i.number === issue.number)
    expect(record).toMatchObject({
      repository: 'acme/incidents',
      title: 'Flaky',
      body: null,
      state: 'open',
      comments: [{ body: 'Again.', user: 'github-actions[bot]', createdAt: '2025-10-01T12:01:00Z' }]
    })
    expect(record?.history.map((h) => [h.state, h.stateReason, h.at])).toEqual([
      ['open', null, '2025-10-01T12:00:00Z'],
      ['closed', 'completed', '2025-10-01T12:02:00Z'],
      ['open', 'reopened', '2025-10-01T12:02:00Z']
    ])
  })

  it('lists open issues newest first, pull requests included, in pages linked by the Link header', async () => {
    const repository = 'acme/many'
    for (let i = 1; i <= 130; i++) stack.github.addIssue(repository, { title: `Issue ${i}`, pullRequest: i === 5 })
    stack.github.addIssue(repository, { title: 'Done', state: 'closed', user: 'octocat', comments: ['Fixed.'] })
    const pages: number[][] = []
    let firstLink = ''
    for await (const page of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      owner: 'acme',
      repo: 'many',
      state: 'open',
      per_page: 100
    })) {
      pages.push(page.data.map((i) => i.number))
      firstLink ||= page.headers.link ?? ''
    }
    expect(pages.map((p) => p.length)).toEqual([100, 30])
    expect(pages.flat()).toEqual(Array.from({ length: 130 }, (_, i) => 130 - i))
    expect(firstLink).toBe(
      `<${stack.github.apiUrl}/repos/acme/many/issues?state=open&per_page=100&page=2>; rel="next", ` +
        `<${stack.github.apiUrl}/repos/acme/many/issues?state=open&per_page=100&page=2>; rel="last"`
    )
    const { data: pr } = await octokit.rest.issues.get({ owner: 'acme', repo: 'many', issue_number: 5 })
    expect(pr.pull_request?.html_url).toBe('https://github.com/acme/many/pull/5')

    const closed = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'many', state: 'closed' })
    expect(closed.data).toHaveLength(1)
    expect(closed.data[0]).toMatchObject({ title: 'Done', state_reason: 'completed', comments: 1 })
    expect(closed.headers.link).toBeUndefined()
    const all = await octokit.rest.issues.listForRepo({ owner: 'acme', repo: 'many', state: 'all', per_page: 10 })
    expect(all.data.map((i) => i.number)).toEqual(Array.from({ length: 10 }, (_, i) => 131 - i))
  })

  it('answers 404 for an issue that is not there and 422 without a title or comment body', async () => {
    expect(await refusal(octokit.rest.issues.createComment({ ...repo, issue_number: 999, body: 'x' }))).toEqual({
      status: 404,
      message: 'Not Found'
    })
    const post = (path: string, body: object): ReturnType<typeof raw> =>
      raw(stack, {
        method: 'POST',
        path: `/_github/api/repos/acme/incidents${path}`,
        headers: { authorization: `token ${stack.github.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body)
      })
    const untitled = await post('/issues', { body: 'no title' })
    expect(untitled.status).toBe(422)
    expect(JSON.parse(untitled.body.toString())).toEqual({
      message: 'Invalid request.\n\n"title" wasn\'t supplied.',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '422'
    })
    expect((await post('/issues/1/comments', {})).status).toBe(422)
    expect((await post('/issues', [])).status).toBe(400)
  })
})

describe('authentication and permissions', () => {
  it('takes the token as `token` or `Bearer`, and answers anything else 401 Bad credentials', async () => {
    const path = '/_github/api/repos/acme/incidents/issues'
    for (const scheme of ['token', 'Bearer']) {
      const ok = await raw(stack, {
        method: 'GET',
        path,
        headers: { authorization: `${scheme} ${stack.github.token}` }
      })
      expect(ok.status).toBe(200)
    }
    for (const authorization of [undefined, 'token wrong', `Basic ${stack.github.token}`]) {
      const refused = await raw(stack, { method: 'GET', path, headers: authorization ? { authorization } : {} })
      expect(refused.status).toBe(401)
      expect(JSON.parse(refused.body.toString())).toEqual({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401'
      })
    }
  })

  it('refuses writes to a token with issues: read, and everything to one without issues', async () => {
    try {
      stack.github.setPermissions({ issues: 'read' })
      await octokit.rest.issues.listForRepo({ ...repo })
      expect(await refusal(octokit.rest.issues.create({ ...repo, title: 'x' }))).toEqual({
        status: 403,
        message: 'Resource not accessible by integration'
      })
      expect(await refusal(octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'closed' }))).toMatchObject({
        status: 403
      })
      stack.github.setPermissions({ issues: 'none' })
      expect(await refusal(octokit.rest.issues.listForRepo({ ...repo }))).toMatchObject({ status: 403 })
    } finally {
      stack.github.setPermissions({ issues: 'write' })
    }
  })

  it('starts with the permissions and token the options give', async () => {
    const other = await startStack({ github: { token: 'ghs_given', permissions: { issues: 'read' } } })
    try {
      expect(other.github.token).toBe('ghs_given')
      const client = getOctokit('ghs_given', { baseUrl: other.github.apiUrl })
      expect(await refusal(client.rest.issues.create({ ...repo, title: 'x' }))).toMatchObject({ status: 403 })
    } finally {
      await other.stop()
    }
  })
})

describe('faults', () => {
  it('apply to the API operations by name, with or without the github: prefix', async () => {
    stack.faults.error('github:CreateIssue', { status: 502, code: 'BadGateway', message: 'Server Error' })
    expect(await refusal(octokit.rest.issues.create({ ...repo, title: 'x' }))).toEqual({
      status: 502,
      message: 'Server Error'
    })
    stack.faults.accessDenied('UpdateIssue', 1)
    expect(await refusal(octokit.rest.issues.update({ ...repo, issue_number: 1, state: 'closed' }))).toEqual({
      status: 403,
      message: 'Resource not accessible by integration'
    })
    stack.faults.throttle('github:ListIssues', { match: (key) => key === 'acme/incidents' })
    const limited = await refusal(octokit.rest.issues.listForRepo({ ...repo }))
    expect(limited.status).toBe(403)
    expect(limited.message).toMatch(/^API rate limit exceeded/)
    expect(
      stack
        .calls()
        .slice(-3)
        .map((c) => `${c.operation}:${c.status}:${c.fault}`)
    ).toEqual(['CreateIssue:502:error', 'UpdateIssue:403:accessDenied', 'ListIssues:403:throttle'])
    expect(stack.github.issues('acme/incidents').find((i) => i.number === 1)?.state).toBe('open')
  })
})
