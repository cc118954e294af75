import type {
  IngestionJobFilter,
  IngestionJobSortBy,
  IngestionJobSummary,
  ListIngestionJobsRequest,
  ListIngestionJobsResponse
} from '@aws-sdk/client-bedrock-agent'
import type { Unchecked, Wire } from '../common/wire.js'
import { validation, type IngestionJobView } from './model.js'

type Filter = Unchecked<IngestionJobFilter>
type SortBy = Unchecked<IngestionJobSortBy>

function maxResultsOf(request: Unchecked<ListIngestionJobsRequest>): number {
  const maxResults = request.maxResults ?? 1000
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
    throw validation('maxResults', maxResults, 'Member must have value between 1 and 1000')
  }
  return maxResults
}

/** The API's one filter: `STATUS` `EQ` one of `values`. */
function filtered(jobs: IngestionJobView[], request: Unchecked<ListIngestionJobsRequest>): IngestionJobView[] {
  const filters = (request.filters ?? []) as Filter[]
  if (!Array.isArray(filters) || filters.length > 1)
    throw validation('filters', JSON.stringify(filters), 'Member must have length less than or equal to 1')
  for (const f of filters) {
    const values = f.values
    if (f.attribute !== 'STATUS' || f.operator !== 'EQ' || !Array.isArray(values) || values.length === 0) {
      throw validation('filters', JSON.stringify(f), 'attribute must be STATUS, operator EQ, values non-empty')
    }
    jobs = jobs.filter((j) => values.includes(j.status))
  }
  return jobs
}

/** Sorted as asked, ties in start order. */
function sorted(jobs: IngestionJobView[], request: Unchecked<ListIngestionJobsRequest>): IngestionJobView[] {
  // The API documents no default order; oldest first makes a client that wants the newest ask for it.
  const sortBy = (request.sortBy ?? { attribute: 'STARTED_AT', order: 'ASCENDING' }) as SortBy
  const { attribute, order } = sortBy
  if (
    typeof attribute !== 'string' ||
    !['STATUS', 'STARTED_AT'].includes(attribute) ||
    typeof order !== 'string' ||
    !['ASCENDING', 'DESCENDING'].includes(order)
  ) {
    throw validation(
      'sortBy',
      JSON.stringify(sortBy),
      'attribute must be STATUS or STARTED_AT, order ASCENDING or DESCENDING'
    )
  }
  const sign = order === 'DESCENDING' ? -1 : 1
  const position = new Map(jobs.map((j, i) => [j.ingestionJobId, i]))
  return [...jobs].sort((a, b) => {
    const byKey = attribute === 'STATUS' ? a.status.localeCompare(b.status) : a.startedAt.localeCompare(b.startedAt)
    return sign * (byKey || (position.get(a.ingestionJobId) ?? 0) - (position.get(b.ingestionJobId) ?? 0))
  })
}

function startOf(request: Unchecked<ListIngestionJobsRequest>): number {
  if (request.nextToken === undefined) return 0
  const start = Number(Buffer.from(String(request.nextToken), 'base64url').toString())
  if (!Number.isInteger(start) || start < 0)
    throw validation('nextToken', request.nextToken, 'Invalid pagination token')
  return start
}

/** ListIngestionJobs over a data source's jobs (in start order): filtered, sorted, one page. */
export function listJobs(
  jobs: IngestionJobView[],
  request: Unchecked<ListIngestionJobsRequest>
): Wire<ListIngestionJobsResponse> {
  const maxResults = maxResultsOf(request)
  const all = sorted(filtered(jobs, request), request)
  const start = startOf(request)
  const end = start + maxResults
  return {
    ingestionJobSummaries: all
      .slice(start, end)
      .map(({ failureReasons: _omit, ...summary }): Wire<IngestionJobSummary> => summary),
    ...(end < all.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {})
  }
}
