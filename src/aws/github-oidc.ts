/**
 * The job's GitHub OIDC token, asked of the runner's token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL, with
 * ACTIONS_ID_TOKEN_REQUEST_TOKEN), as @actions/core does. Asked here instead, so the request takes the credentials
 * step's abort signal (a stalled endpoint is given up at the deadline), says which HTTP status it got, and loads no
 * HTTP stack beyond Node's own.
 */
import { systemClock, type Clock } from '../clock.js'
import { retryDelay } from '../pipeline/backoff.js'

/** A token request that failed: the endpoint's HTTP status, or none when no answer came. */
export class TokenRequestError extends Error {
  override name = 'TokenRequestError'
  constructor(
    message: string,
    readonly status: number | undefined,
    /** A rate limit, a 5xx or a dropped connection: asking again may work. */
    readonly transient = false
  ) {
    super(message)
  }
}

/** Transient failures are asked again this many times in all (about 8 s of backoff at most). */
export const TOKEN_ATTEMPTS = 5

export async function githubIdToken(
  audience: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal,
  clock: Pick<Clock, 'sleep' | 'random'> = systemClock
): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!url || !token) {
    throw new TokenRequestError('ACTIONS_ID_TOKEN_REQUEST_URL or ACTIONS_ID_TOKEN_REQUEST_TOKEN is not set', undefined)
  }
  const request = `${url}&audience=${encodeURIComponent(audience)}`
  for (let attempt = 1; ; attempt++) {
    try {
      return await askOnce(request, token, signal)
    } catch (error) {
      if (signal?.aborted) throw signal.reason
      if (!(error instanceof TokenRequestError) || !error.transient || attempt >= TOKEN_ATTEMPTS) throw error
      await clock.sleep(retryDelay(attempt - 1, clock.random), signal)
    }
  }
}

async function askOnce(request: string, token: string, signal: AbortSignal | undefined): Promise<string> {
  let response: Response
  try {
    response = await fetch(request, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      ...(signal ? { signal } : {})
    })
  } catch (error) {
    throw new TokenRequestError(networkFailure(error), undefined, true)
  }
  let body: unknown
  let unreadable: unknown
  try {
    body = await response.json()
  } catch (error) {
    unreadable = error
  }
  if (!response.ok) {
    const transient = response.status === 429 || response.status >= 500
    throw new TokenRequestError(
      `GitHub's token endpoint answered HTTP ${response.status}${said(body)}`,
      response.status,
      transient
    )
  }
  if (unreadable !== undefined) {
    // A body cut off mid-way is a dropped connection; a whole one that is not JSON is not a token.
    const dropped = (unreadable as { name?: unknown }).name !== 'SyntaxError'
    throw new TokenRequestError(
      dropped
        ? `the connection dropped while reading the token (${networkFailure(unreadable)})`
        : 'the token endpoint answered with something that is not a token',
      response.status,
      dropped
    )
  }
  const value = (body as { value?: unknown } | null)?.value
  if (typeof value !== 'string' || value === '') {
    throw new TokenRequestError('the token endpoint answered without a token', response.status)
  }
  return value
}

/** GitHub's own one-line reason from an error answer, e.g. " (API rate limit exceeded)"; nothing else is quoted. */
function said(body: unknown): string {
  const message = (body as { message?: unknown } | null)?.message
  if (typeof message !== 'string') return ''
  const line = message.replace(/\s+/g, ' ').trim().slice(0, 200)
  return line ? ` (${line})` : ''
}

function networkFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.message ?? cause?.code ?? (error instanceof Error ? error.message : String(error))
}
