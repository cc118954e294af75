/**
 * One GitHub issue per knowledge base while its runs fail (docs/behaviour.md, "Alert issue"): a failed run opens it
 * or comments on the open one; the next successful run comments and closes it. A scheduled workflow that fails
 * quietly otherwise only emails whoever last edited the cron. Octokit is loaded only on this path.
 */
import type { RunResult } from '../pipeline/result.js'
import { summaryText } from '../text.js'
import { outcomeLine } from './summary.js'

export interface AlertTarget {
  token: string
  /** owner/name */
  repository: string
  runUrl: string | undefined
  knowledgeBaseId: string
  dataSourceId: string
}

/** Open issues read while looking for the alert: enough for any repository that is not drowning in issues. */
const MAX_PAGES = 10

export function alertTitle(knowledgeBaseId: string): string {
  return `kb-sync is failing for knowledge base ${knowledgeBaseId}`
}

function marker(knowledgeBaseId: string): string {
  return `<!-- kb-sync-alert knowledge-base=${knowledgeBaseId} -->`
}

/** What the alert issue should do after this run: open or comment (failed), close (succeeded), or nothing. */
export function alertAction(result: RunResult): 'fail' | 'recover' | 'none' {
  if (result.dryRun || result.status === 'cancelled') return 'none'
  return result.status === 'failed' ? 'fail' : 'recover'
}

/** Returns a warning when the issue could not be updated; an alert never fails a run. */
export async function updateAlertIssue(
  target: AlertTarget,
  result: RunResult,
  signal: AbortSignal
): Promise<string | undefined> {
  const action = alertAction(result)
  if (action === 'none') return undefined
  const [owner, repo] = target.repository.split('/') as [string, string]
  try {
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit(target.token, { request: { signal } })
    const open = await findOpenAlert(octokit, owner, repo, target.knowledgeBaseId)
    const body = report(target, result)
    if (action === 'fail') {
      if (open === undefined) {
        await octokit.rest.issues.create({
          owner,
          repo,
          title: alertTitle(target.knowledgeBaseId),
          body: `${marker(target.knowledgeBaseId)}\n${body}`
        })
      } else {
        await octokit.rest.issues.createComment({ owner, repo, issue_number: open, body })
      }
    } else if (open !== undefined) {
      await octokit.rest.issues.createComment({ owner, repo, issue_number: open, body: `Recovered. ${body}` })
      await octokit.rest.issues.update({ owner, repo, issue_number: open, state: 'closed', state_reason: 'completed' })
    }
    return undefined
  } catch (error) {
    const status = (error as { status?: number }).status
    const hint = status === 403 || status === 404 ? ' Give the job "permissions: issues: write".' : ''
    return `The alert issue was not updated (the run's outcome stands): ${error instanceof Error ? error.message : String(error)}.${hint}`
  }
}

type Octokit = ReturnType<(typeof import('@actions/github'))['getOctokit']>

async function findOpenAlert(
  octokit: Octokit,
  owner: string,
  repo: string,
  knowledgeBaseId: string
): Promise<number | undefined> {
  const title = alertTitle(knowledgeBaseId)
  let page = 0
  for await (const response of octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
    owner,
    repo,
    state: 'open',
    per_page: 100
  })) {
    const found = response.data.find(
      (issue) => !issue.pull_request && issue.title === title && (issue.body ?? '').includes(marker(knowledgeBaseId))
    )
    if (found) return found.number
    if (++page >= MAX_PAGES) return undefined
  }
  return undefined
}

/** The run in a few lines of Markdown; outside text as character references, so it cannot change the issue. */
function report(target: AlertTarget, result: RunResult): string {
  const lines = [summaryText(outcomeLine(result), 1_000)]
  for (const problem of result.problems.slice(0, 5)) lines.push(`- ${summaryText(problem.message, 500)}`)
  lines.push(
    '',
    `Knowledge base \`${target.knowledgeBaseId}\`, data source \`${target.dataSourceId}\`.` +
      (target.runUrl ? ` [The run](${target.runUrl}).` : '')
  )
  return lines.join('\n')
}
