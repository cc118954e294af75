import { randomBytes, randomUUID } from 'node:crypto'

export const ACCOUNT_ID = '123456789012'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** Upper-case alphanumeric id, the shape of Bedrock ids. */
export function randomId(length = 10, alphabet = ALNUM): string {
  const bytes = randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[(bytes[i] ?? 0) % alphabet.length]
  return out
}

export function requestId(): string {
  return randomUUID()
}

/** RFC 3339 with milliseconds, the only timestamp shape the SDK's JSON protocols parse. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}
