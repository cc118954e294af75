/**
 * Where a run lives on GitHub, from the runner's environment: the repository, the run, the job and step, and
 * whether the repository is public. Outside GitHub Actions every field is empty (visibility unknown).
 */
import { readFileSync } from 'node:fs'
import type { RunInfo } from './inputs.js'

export function runInfo(env: NodeJS.ProcessEnv = process.env): RunInfo {
  const number = (value: string | undefined): string => (/^\d+$/.test(value ?? '') ? String(Number(value)) : '')
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    runId: number(env.GITHUB_RUN_ID),
    runAttempt: number(env.GITHUB_RUN_ATTEMPT) || '1',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    job: env.GITHUB_JOB ?? '',
    action: env.GITHUB_ACTION ?? '',
    repositoryVisibility: repositoryVisibility(env.GITHUB_EVENT_PATH)
  }
}

/** Whether the repository is public, from the event that started the run; unknown when the payload does not say. */
function repositoryVisibility(eventPath: string | undefined): RunInfo['repositoryVisibility'] {
  if (!eventPath) return 'unknown'
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
      repository?: { private?: unknown; visibility?: unknown }
    }
    const { visibility, private: isPrivate } = event.repository ?? {}
    if (visibility === 'public' || visibility === 'private' || visibility === 'internal') return visibility
    if (typeof isPrivate === 'boolean') return isPrivate ? 'private' : 'public'
  } catch {
    // No readable event: treated as public below.
  }
  return 'unknown'
}
