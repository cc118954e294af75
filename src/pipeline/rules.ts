/** Rules that more than one part of the pipeline (and its report) applies, written once. */

/** Ingestion job states in which Bedrock is still working: a new job on the data source must wait. */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(['STARTING', 'IN_PROGRESS', 'STOPPING'])
/** States a job never leaves. */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['COMPLETE', 'FAILED', 'STOPPED'])

/** Lists of outside values (failed incident ids, failure reasons) are cut here in logs, messages and the summary. */
export const LISTED_VALUES_LIMIT = 20

/** The reference Lambda's batch size: a batch this full, from a Lambda that says nothing else, suggests more. */
export const FULL_BATCH_SIZE = 50

/** The command that shows a job this run left running. */
export function followJobCommand(ids: { knowledgeBaseId: string; dataSourceId: string }, jobId: string): string {
  return `aws bedrock-agent get-ingestion-job --knowledge-base-id ${ids.knowledgeBaseId} --data-source-id ${ids.dataSourceId} --ingestion-job-id ${jobId}`
}

/** The command that lists a data source's jobs, newest first: where a job this run may have started shows up. */
export function listJobsCommand(ids: { knowledgeBaseId: string; dataSourceId: string }): string {
  return `aws bedrock-agent list-ingestion-jobs --knowledge-base-id ${ids.knowledgeBaseId} --data-source-id ${ids.dataSourceId} --sort-by attribute=STARTED_AT,order=DESCENDING`
}

/**
 * Appended to the description of a job the run does not wait for, so a later run can tell it was never judged and
 * report how it ended.
 */
export const NOT_WAITED_MARK = ' (kb-sync: not waited for)'
