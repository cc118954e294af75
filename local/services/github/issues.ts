import type { Clock } from '../clock.js'

/** What the token may do with issues, as a workflow's `permissions: issues:` grants it. */
export type IssuesPermission = 'write' | 'read' | 'none'

export type IssueState = 'open' | 'closed'
export type StateReason = 'completed' | 'not_planned' | 'duplicate' | 'reopened'

export interface IssueComment {
  id: number
  body: string
  /** Login of the author: `github-actions[bot]` for the stack's token. */
  user: string
  createdAt: string
}

/** One change of state: the opening, then every close and reopen. */
export interface IssueStateChange {
  state: IssueState
  stateReason: StateReason | null
  at: string
  by: string
}

export interface IssueRecord {
  /** owner/name */
  repository: string
  number: number
  id: number
  title: string
  body: string | null
  state: IssueState
  stateReason: StateReason | null
  /** A pull request: the issues API lists those too. */
  pullRequest: boolean
  labels: string[]
  user: string
  createdAt: string
  updatedAt: string
  closedAt: string | null
  comments: IssueComment[]
  history: IssueStateChange[]
}

/** An issue or pull request planted by a test, as if someone had opened it before the run. */
export interface IssueSeed {
  title: string
  body?: string | null
  state?: IssueState
  stateReason?: StateReason | null
  pullRequest?: boolean
  labels?: string[]
  user?: string
  comments?: string[]
}

/** The identity the Actions token acts as. */
export const ACTIONS_BOT = 'github-actions[bot]'

/** GitHub's timestamps: RFC 3339 in whole seconds. */
export function githubTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/**
 * The issues of every repository the API is asked about: a repository exists from its first use, so runs under any
 * GITHUB_REPOSITORY work. Numbers count up per repository (issues and pull requests share them), ids globally.
 */
export class IssueTracker {
  permissions: { issues: IssuesPermission } = { issues: 'write' }
  private readonly repositories = new Map<string, IssueRecord[]>()
  private nextId = 1_000_001
  private nextCommentId = 2_000_001

  constructor(private readonly clock: Clock) {}

  /** Copies, so a test's view does not change under it. */
  list(repository?: string): IssueRecord[] {
    const issues =
      repository === undefined ? [...this.repositories.values()].flat() : (this.repositories.get(repository) ?? [])
    return issues.map(copyIssue)
  }

  /** The live records of a repository, for the API to read. */
  records(repository: string): readonly IssueRecord[] {
    return this.repositories.get(repository) ?? []
  }

  /** The live record (not a copy), for the API to change. */
  find(repository: string, number: number): IssueRecord | undefined {
    return this.repositories.get(repository)?.find((issue) => issue.number === number)
  }

  create(repository: string, seed: IssueSeed, by = ACTIONS_BOT): IssueRecord {
    const issues = this.issuesOf(repository)
    const now = githubTime(this.clock.now())
    const issue: IssueRecord = {
      repository,
      number: issues.length + 1,
      id: this.nextId++,
      title: seed.title,
      body: seed.body ?? null,
      state: 'open',
      stateReason: null,
      pullRequest: seed.pullRequest ?? false,
      labels: [...(seed.labels ?? [])],
      user: seed.user ?? by,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      comments: [],
      history: [{ state: 'open', stateReason: null, at: now, by: seed.user ?? by }]
    }
    issues.push(issue)
    for (const body of seed.comments ?? []) this.comment(issue, body, seed.user ?? by)
    if (seed.state === 'closed') this.setState(issue, 'closed', seed.stateReason ?? 'completed', seed.user ?? by)
    return issue
  }

  comment(issue: IssueRecord, body: string, by = ACTIONS_BOT): IssueComment {
    const now = githubTime(this.clock.now())
    const comment: IssueComment = { id: this.nextCommentId++, body, user: by, createdAt: now }
    issue.comments.push(comment)
    issue.updatedAt = now
    return comment
  }

  /** Closing without a reason is `completed`, reopening is `reopened`, as GitHub records them. */
  setState(issue: IssueRecord, state: IssueState, reason: StateReason | null | undefined, by = ACTIONS_BOT): void {
    const stateReason = state === 'closed' ? (reason ?? 'completed') : issue.state === 'closed' ? 'reopened' : null
    if (state === issue.state && stateReason === issue.stateReason) return
    const now = githubTime(this.clock.now())
    issue.state = state
    issue.stateReason = stateReason
    issue.closedAt = state === 'closed' ? now : null
    issue.updatedAt = now
    issue.history.push({ state, stateReason, at: now, by })
  }

  private issuesOf(repository: string): IssueRecord[] {
    let issues = this.repositories.get(repository)
    if (issues === undefined) {
      issues = []
      this.repositories.set(repository, issues)
    }
    return issues
  }
}

/** A copy a test may keep: later changes to the issue do not reach it. */
export function copyIssue(issue: IssueRecord): IssueRecord {
  return {
    ...issue,
    labels: [...issue.labels],
    comments: issue.comments.map((c) => ({ ...c })),
    history: issue.history.map((h) => ({ ...h }))
  }
}
