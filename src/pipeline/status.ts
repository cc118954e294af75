/**
 * One ingestion job as a person asks after it: by id, or the data source's newest. Used by the terminal and MCP
 * fronts (`kb-sync status`, `get_ingestion_status`); the pipeline itself follows jobs in ingestion.ts.
 */
import {
  GetIngestionJobCommand,
  ListIngestionJobsCommand,
  type BedrockAgentClient,
  type IngestionJob
} from '@aws-sdk/client-bedrock-agent'
import { describeAwsError } from '../aws/errors.js'
import type { Config } from '../inputs.js'
import { normalizeStatistics } from './ingestion.js'
import type { Statistics } from './result.js'
import { ACTIVE_STATUSES } from './rules.js'

export interface JobStatus {
  job_id: string
  status: string
  /** Still running: STARTING, IN_PROGRESS or STOPPING. */
  running: boolean
  description: string | null
  statistics: Statistics | null
  failure_reasons: string[]
  started_at: string | null
  updated_at: string | null
}

export type StatusAnswer = { ok: true; job: JobStatus } | { ok: false; message: string }

type StatusSettings = Pick<Config, 'knowledgeBaseId' | 'dataSourceId' | 'region'>

export async function getIngestionStatus(
  config: StatusSettings,
  bedrock: BedrockAgentClient,
  jobId: string | undefined,
  signal?: AbortSignal
): Promise<StatusAnswer> {
  const ids = { knowledgeBaseId: config.knowledgeBaseId, dataSourceId: config.dataSourceId }
  const target = `knowledge base ${config.knowledgeBaseId} data source ${config.dataSourceId}`
  let id = jobId
  if (id === undefined) {
    try {
      const list = await bedrock.send(
        new ListIngestionJobsCommand({
          ...ids,
          sortBy: { attribute: 'STARTED_AT', order: 'DESCENDING' },
          maxResults: 1
        }),
        { abortSignal: signal }
      )
      id = list.ingestionJobSummaries?.[0]?.ingestionJobId
      if (!id) return { ok: false, message: `The ${target} has no ingestion job yet.` }
    } catch (error) {
      return {
        ok: false,
        message: describeAwsError(error, { iamAction: 'bedrock:ListIngestionJobs', target, region: config.region })
      }
    }
  }
  try {
    const answer = await bedrock.send(new GetIngestionJobCommand({ ...ids, ingestionJobId: id }), {
      abortSignal: signal
    })
    if (!answer.ingestionJob) return { ok: false, message: `GetIngestionJob answered without job ${id}.` }
    return { ok: true, job: jobStatusOf(answer.ingestionJob) }
  } catch (error) {
    return {
      ok: false,
      message: describeAwsError(error, {
        iamAction: 'bedrock:GetIngestionJob',
        target: `ingestion job ${id} of ${target}`,
        region: config.region
      })
    }
  }
}

function jobStatusOf(job: IngestionJob): JobStatus {
  const status = job.status ?? 'UNKNOWN'
  return {
    job_id: job.ingestionJobId ?? '',
    status,
    running: ACTIVE_STATUSES.has(status),
    description: job.description ?? null,
    statistics: normalizeStatistics(job.statistics) ?? null,
    failure_reasons: job.failureReasons ?? [],
    started_at: job.startedAt?.toISOString() ?? null,
    updated_at: job.updatedAt?.toISOString() ?? null
  }
}
