import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { isDenied, isNotFound, probe } from './storage.js'

/**
 * Where the sweep stopped: it resumes with the first key after `after` under `prefix`. A state for another prefix
 * (KEY_PREFIX changed) starts over. The object is tiny, read once and written once per invocation.
 */
export interface SweepState {
  prefix: string
  /** The last key the sweep finished with; empty at the start of a pass. */
  after: string
  /** Passes completed since the state was created, and when the last one ended: for whoever looks at it. */
  passes: number
  lastWrapAt?: string
  /** When a sweep last stored this state (epoch ms). */
  updatedAt?: number
}

export async function loadState(
  s3: S3Client,
  bucket: string,
  key: string,
  prefix: string,
  abortSignal?: AbortSignal
): Promise<SweepState> {
  const fresh: SweepState = { prefix, after: '', passes: 0 }
  let text: string
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal })
    text = (await res.Body?.transformToString('utf8')) ?? ''
  } catch (err) {
    if (isNotFound(err)) return fresh
    // A role whose s3:ListBucket is limited to prefixes hears 403 for a missing key (see probe).
    if (isDenied(err) && !(await probe(s3, bucket, key, abortSignal)).exists) return fresh
    throw err
  }
  try {
    const parsed = JSON.parse(text) as Partial<SweepState>
    if (parsed.prefix !== prefix || typeof parsed.after !== 'string') return fresh
    // A cursor outside the prefix would list nothing (or everything): start the pass over.
    const after = parsed.after === '' || parsed.after.startsWith(prefix) ? parsed.after : ''
    return {
      prefix,
      after,
      passes: typeof parsed.passes === 'number' && Number.isSafeInteger(parsed.passes) ? parsed.passes : 0,
      ...(typeof parsed.lastWrapAt === 'string' ? { lastWrapAt: parsed.lastWrapAt } : {}),
      ...(typeof parsed.updatedAt === 'number' ? { updatedAt: parsed.updatedAt } : {})
    }
  } catch {
    // Unreadable state costs one pass from the start, nothing else.
    return fresh
  }
}

export async function saveState(
  s3: S3Client,
  bucket: string,
  key: string,
  state: SweepState,
  abortSignal?: AbortSignal
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: `${JSON.stringify(state)}\n`,
      ContentType: 'application/json'
    }),
    { abortSignal }
  )
}
