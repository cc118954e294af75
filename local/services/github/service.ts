import type { getOctokit } from '@actions/github'
import { AwsError, sendJson, type Call } from '../common/protocol.js'
import type { Faults } from '../faults/faults.js'
import { FaultedService, type FaultStyle, type PrincipalOf } from '../gateway/service.js'
import {
  ACTIONS_BOT,
  type IssueComment,
  type IssueRecord,
  type IssueState,
  type IssueTracker,
  type StateReason
} from './issues.js'

/** Where the REST API answers on the gateway: `GITHUB_API_URL` is the gateway URL plus this. */
export const GITHUB_API_PATH = '/_github/api'
/** The web UI the `html_url`s point at (the `GITHUB_SERVER_URL` the stack sets). */
const SERVER_URL = 'https://github.com'
const DOCS = 'https://docs.github.com/rest'

type Octokit = ReturnType<typeof getOctokit>
/** The shapes Octokit hands its callers, which are the API's JSON. */
type IssueJson = Awaited<ReturnType<Octokit['rest']['issues']['get']>>['data']
type CommentJson = Awaited<ReturnType<Octokit['rest']['issues']['createComment']>>['data']
type UserJson = NonNullable<IssueJson['user']>

type Operation = 'ListIssues' | 'GetIssue' | 'CreateIssue' | 'UpdateIssue' | 'ListIssueComments' | 'CreateIssueComment'

interface Route {
  operation: Operation | 'Unknown'
  repository: string
  number?: number
}

const ROUTES: { method: string; path: RegExp; operation: Operation }[] = [
  { method: 'GET', path: /^\/repos\/([^/]+)\/([^/]+)\/issues\/?$/, operation: 'ListIssues' },
  { method: 'POST', path: /^\/repos\/([^/]+)\/([^/]+)\/issues\/?$/, operation: 'CreateIssue' },
  { method: 'GET', path: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/?$/, operation: 'GetIssue' },
  { method: 'PATCH', path: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/?$/, operation: 'UpdateIssue' },
  { method: 'GET', path: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments\/?$/, operation: 'ListIssueComments' },
  { method: 'POST', path: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments\/?$/, operation: 'CreateIssueComment' }
]

/** The documentation page each error links to, as GitHub's errors do. */
const DOC_PAGES: Record<Operation, string> = {
  ListIssues: `${DOCS}/issues/issues#list-repository-issues`,
  GetIssue: `${DOCS}/issues/issues#get-an-issue`,
  CreateIssue: `${DOCS}/issues/issues#create-an-issue`,
  UpdateIssue: `${DOCS}/issues/issues#update-an-issue`,
  ListIssueComments: `${DOCS}/issues/comments#list-issue-comments`,
  CreateIssueComment: `${DOCS}/issues/comments#create-an-issue-comment`
}

const WRITES = new Set<Operation>(['CreateIssue', 'UpdateIssue', 'CreateIssueComment'])

function route(call: Call): Route {
  const path = call.url.pathname.slice(GITHUB_API_PATH.length) || '/'
  for (const r of ROUTES) {
    const match = r.path.exec(path)
    if (match === null || r.method !== call.method) continue
    const repository = `${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`
    return { operation: r.operation, repository, ...(match[3] ? { number: Number(match[3]) } : {}) }
  }
  return { operation: 'Unknown', repository: '' }
}

function githubError(status: number, code: string, message: string, fields: Record<string, unknown> = {}): AwsError {
  return new AwsError(status, code, message, fields)
}

const notFound = (): AwsError => githubError(404, 'NotFound', 'Not Found')

/** GitHub's answer to a request that leaves out a required member. */
const notSupplied = (member: string): AwsError =>
  githubError(422, 'ValidationFailed', `Invalid request.\n\n"${member}" wasn't supplied.`)

/** An installation token over its rate limit is refused with 403 and an empty `x-ratelimit-remaining`. */
const STYLE: FaultStyle = {
  service: 'github',
  throttle: () =>
    new AwsError(
      403,
      'RateLimited',
      'API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID.',
      {},
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-used': '5000' }
    ),
  denied: () => githubError(403, 'Forbidden', 'Resource not accessible by integration'),
  iamAction: (op) => `issues:${WRITES.has(op as Operation) ? 'write' : 'read'}`
}

function user(login: string): UserJson {
  const bot = login === ACTIONS_BOT
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`
  return {
    login,
    id: bot ? 41898282 : 583231,
    node_id: bot ? 'MDM6Qm90NDE4OTgyODI=' : 'MDQ6VXNlcjU4MzIzMQ==',
    avatar_url: bot
      ? 'https://avatars.githubusercontent.com/in/15368?v=4'
      : 'https://avatars.githubusercontent.com/u/583231?v=4',
    gravatar_id: '',
    url: api,
    html_url: bot ? `${SERVER_URL}/apps/github-actions` : `${SERVER_URL}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: bot ? 'Bot' : 'User',
    user_view_type: 'public',
    site_admin: false
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * GitHub's REST API for issues, as Octokit calls it under `GITHUB_API_URL`: list a repository's issues (paginated
 * with `Link`), get, create and update one, list and add comments. Every request needs `Authorization: token|Bearer
 * <token>` with the stack's token (401 "Bad credentials" otherwise); the token's `issues` permission decides what
 * it may do (403 "Resource not accessible by integration" otherwise).
 */
export class GitHubService extends FaultedService {
  readonly name = 'github'
  private requests = 0

  constructor(
    private readonly tracker: IssueTracker,
    private readonly token: string,
    faults: Faults,
    principalOf: PrincipalOf
  ) {
    super(faults, STYLE, principalOf)
  }

  sendError(call: Call, err: AwsError): void {
    const doc = DOC_PAGES[call.operation as Operation] ?? DOCS
    const body = {
      message: err.message,
      ...err.fields,
      documentation_url: err.status === 401 ? DOCS : doc,
      status: String(err.status)
    }
    sendJson(call.res, err.status, body, { ...this.headers(call), ...err.headers }, 'application/json; charset=utf-8')
  }

  async handle(call: Call): Promise<void> {
    const r = route(call)
    await this.admit(call, r.operation, {
      resource: () => r.repository,
      key: () => (r.number === undefined ? r.repository : `${r.repository}#${r.number}`)
    })
    this.authenticate(call)
    if (r.operation === 'Unknown') throw notFound()
    const needed = WRITES.has(r.operation) ? ['write'] : ['read', 'write']
    if (!needed.includes(this.tracker.permissions.issues)) {
      throw githubError(403, 'Forbidden', 'Resource not accessible by integration')
    }
    switch (r.operation) {
      case 'ListIssues':
        return this.listIssues(call, r.repository)
      case 'CreateIssue':
        return this.createIssue(call, r.repository)
      case 'GetIssue':
        return this.send(call, 200, this.issueJson(call, this.issue(r)))
      case 'UpdateIssue':
        return this.updateIssue(call, this.issue(r))
      case 'ListIssueComments': {
        const issue = this.issue(r)
        return this.send(
          call,
          200,
          issue.comments.map((c) => this.commentJson(call, issue, c))
        )
      }
      case 'CreateIssueComment':
        return this.createComment(call, this.issue(r))
    }
  }

  private authenticate(call: Call): void {
    const [scheme, credential] = String(call.headers.authorization ?? '').split(/\s+/, 2)
    const known = scheme !== undefined && ['token', 'bearer'].includes(scheme.toLowerCase())
    if (!known || credential !== this.token) throw githubError(401, 'Unauthorized', 'Bad credentials')
  }

  private issue(r: Route): IssueRecord {
    const issue = r.number === undefined ? undefined : this.tracker.find(r.repository, r.number)
    if (issue === undefined) throw notFound()
    return issue
  }

  /** `state` open (default), closed or all; newest first unless `direction=asc`; `per_page` up to 100. */
  private listIssues(call: Call, repository: string): void {
    const q = call.url.searchParams
    const state = q.get('state') ?? 'open'
    const ascending = q.get('direction') === 'asc'
    const byUpdate = q.get('sort') === 'updated'
    const perPage = Math.min(100, Math.max(1, Number(q.get('per_page')) || 30))
    const page = Math.max(1, Math.floor(Number(q.get('page'))) || 1)
    const matching = this.tracker
      .records(repository)
      .filter((issue) => state === 'all' || issue.state === (state === 'closed' ? 'closed' : 'open'))
      .sort((a, b) => {
        const order = byUpdate ? a.updatedAt.localeCompare(b.updatedAt) || a.number - b.number : a.number - b.number
        return ascending ? order : -order
      })
    const pages = Math.max(1, Math.ceil(matching.length / perPage))
    const shown = matching.slice((page - 1) * perPage, page * perPage)
    const link = this.link(call, page, pages)
    this.send(
      call,
      200,
      shown.map((issue) => this.issueJson(call, issue)),
      link ? { Link: link } : {}
    )
  }

  /** GitHub's `Link` header: next and last while there are more pages, first and prev after the first. */
  private link(call: Call, page: number, pages: number): string | undefined {
    if (pages <= 1) return undefined
    const at = (n: number): string => {
      const url = new URL(`${this.apiUrl(call)}${call.url.pathname.slice(GITHUB_API_PATH.length)}`)
      for (const [k, v] of call.url.searchParams) if (k !== 'page') url.searchParams.append(k, v)
      url.searchParams.set('page', String(n))
      return url.toString()
    }
    const links: string[] = []
    if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`)
    if (page < pages) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(pages)}>; rel="last"`)
    if (page > 1) links.push(`<${at(1)}>; rel="first"`)
    return links.join(', ')
  }

  private async createIssue(call: Call, repository: string): Promise<void> {
    const input = await this.input(call)
    if (input.title === undefined || input.title === null || input.title === '') throw notSupplied('title')
    if (typeof input.title !== 'string' && typeof input.title !== 'number') throw notSupplied('title')
    const body = typeof input.body === 'string' ? input.body : null
    const labels = Array.isArray(input.labels)
      ? input.labels.map((l) => (isRecord(l) ? String(l.name) : String(l)))
      : []
    const issue = this.tracker.create(repository, { title: String(input.title), body, labels })
    const json = this.issueJson(call, issue)
    this.send(call, 201, json, { Location: json.url })
  }

  private async updateIssue(call: Call, issue: IssueRecord): Promise<void> {
    const input = await this.input(call)
    const state = input.state
    if (state !== undefined && state !== 'open' && state !== 'closed') {
      throw githubError(422, 'ValidationFailed', 'Validation Failed', {
        errors: [{ resource: 'Issue', code: 'invalid', field: 'state' }]
      })
    }
    const reason = input.state_reason
    const reasons = ['completed', 'not_planned', 'duplicate', 'reopened']
    if (reason !== undefined && reason !== null && !reasons.includes(String(reason))) {
      throw githubError(422, 'ValidationFailed', 'Validation Failed', {
        errors: [{ resource: 'Issue', code: 'invalid', field: 'state_reason' }]
      })
    }
    if (typeof input.title === 'string' || typeof input.title === 'number') issue.title = String(input.title)
    if (input.body === null || typeof input.body === 'string') issue.body = input.body
    if (state !== undefined) this.tracker.setState(issue, state as IssueState, reason as StateReason | null | undefined)
    this.send(call, 200, this.issueJson(call, issue))
  }

  private async createComment(call: Call, issue: IssueRecord): Promise<void> {
    const input = await this.input(call)
    if (typeof input.body !== 'string' || input.body === '') throw notSupplied('body')
    const json = this.commentJson(call, issue, this.tracker.comment(issue, input.body))
    this.send(call, 201, json, { Location: json.url })
  }

  private async input(call: Call): Promise<Record<string, unknown>> {
    const text = (await call.body()).toString('utf8')
    try {
      const input = JSON.parse(text || '{}') as unknown
      if (isRecord(input)) return input
    } catch {
      // Answered below, as GitHub does for any body that is not a JSON object.
    }
    throw githubError(400, 'BadRequest', 'Problems parsing JSON')
  }

  private apiUrl(call: Call): string {
    return `http://${call.headers.host ?? '127.0.0.1'}${GITHUB_API_PATH}`
  }

  private issueJson(call: Call, issue: IssueRecord): IssueJson {
    const api = `${this.apiUrl(call)}/repos/${issue.repository}/issues/${issue.number}`
    const html = `${SERVER_URL}/${issue.repository}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`
    const closedBy = issue.state === 'closed' ? issue.history.at(-1)?.by : undefined
    return {
      id: issue.id,
      node_id: `I_kwDO${Buffer.from(String(issue.id)).toString('base64url')}`,
      url: api,
      repository_url: `${this.apiUrl(call)}/repos/${issue.repository}`,
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: html,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: user(issue.user),
      labels: issue.labels.map((name, i) => ({ id: issue.id * 100 + i, name, color: 'ededed', default: false })),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: issue.comments.length,
      ...(issue.pullRequest
        ? {
            pull_request: {
              url: `${this.apiUrl(call)}/repos/${issue.repository}/pulls/${issue.number}`,
              html_url: html,
              diff_url: `${html}.diff`,
              patch_url: `${html}.patch`,
              merged_at: null
            }
          }
        : {}),
      closed_at: issue.closedAt,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      closed_by: closedBy ? user(closedBy) : null,
      author_association: issue.user === ACTIONS_BOT ? 'NONE' : 'MEMBER',
      timeline_url: `${api}/timeline`
    }
  }

  private commentJson(call: Call, issue: IssueRecord, comment: IssueComment): CommentJson {
    const issueApi = `${this.apiUrl(call)}/repos/${issue.repository}/issues/${issue.number}`
    return {
      id: comment.id,
      node_id: `IC_kwDO${Buffer.from(String(comment.id)).toString('base64url')}`,
      url: `${this.apiUrl(call)}/repos/${issue.repository}/issues/comments/${comment.id}`,
      html_url: `${SERVER_URL}/${issue.repository}/issues/${issue.number}#issuecomment-${comment.id}`,
      body: comment.body,
      user: user(comment.user),
      created_at: comment.createdAt,
      updated_at: comment.createdAt,
      issue_url: issueApi,
      author_association: comment.user === ACTIONS_BOT ? 'NONE' : 'MEMBER'
    }
  }

  /** The headers GitHub sends with every answer; the rate limit counts down as requests arrive. */
  private headers(call: Call): Record<string, string> {
    this.requests++
    return {
      'x-github-request-id': call.requestId,
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(0, 5000 - this.requests)),
      'x-ratelimit-used': String(Math.min(5000, this.requests)),
      'x-ratelimit-resource': 'core'
    }
  }

  private send(call: Call, status: number, body: unknown, headers: Record<string, string> = {}): void {
    sendJson(call.res, status, body, { ...this.headers(call), ...headers }, 'application/json; charset=utf-8')
  }
}
