/** Configuration of the batch-sync Lambda, read from its environment. */
export interface SyncConfig {
  tableName: string
  statusIndex: string
  bucketName: string
  keyPrefix: string
  batchLimit: number
  concurrency: number
  safetyMarginMs: number
  /** Most documents the sweep checks per invocation; 0 turns the sweep off. */
  sweepLimit: number
  /** Where the sweep keeps its cursor: an object outside every prefix the data source reads. */
  stateKey: string
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/
// S3's naming rules for new buckets; dotted and IP-like names are refused by S3 itself later, not here.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/

interface IntRule {
  name: string
  fallback: number
  min: number
  max: number
}

/**
 * Reads and validates every variable (empty counts as unset), then fails once with all problems, so a misconfigured deployment is fixed in
 * one round instead of one variable per invocation.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): SyncConfig {
  const problems: string[] = []
  const text = (name: string, fallback: string | undefined): string => {
    const raw = env[name]
    return raw === undefined || raw.trim() === '' ? (fallback ?? '') : raw.trim()
  }
  const int = ({ name, fallback, min, max }: IntRule): number => {
    const raw = text(name, String(fallback))
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}=${JSON.stringify(raw)} must be an integer from ${min} to ${max}`)
      return fallback
    }
    return Number(raw)
  }

  const tableName = text('TABLE_NAME', 'incidents')
  if (!TABLE_NAME.test(tableName)) problems.push(`TABLE_NAME=${JSON.stringify(tableName)} is not a DynamoDB table name`)
  const statusIndex = text('STATUS_INDEX', 'status-priority-index')
  if (!TABLE_NAME.test(statusIndex)) {
    problems.push(`STATUS_INDEX=${JSON.stringify(statusIndex)} is not a DynamoDB index name`)
  }
  const bucketName = text('BUCKET_NAME', undefined)
  if (bucketName === '') problems.push('BUCKET_NAME is required (the S3 bucket the knowledge base reads)')
  else if (!BUCKET_NAME.test(bucketName))
    problems.push(`BUCKET_NAME=${JSON.stringify(bucketName)} is not an S3 bucket name`)
  const keyPrefix = text('KEY_PREFIX', 'incidents/closed/')
  if (keyPrefix.startsWith('/') || !keyPrefix.endsWith('/')) {
    // "incidents/closed" would write "incidents/closedINC-1.json", outside the folder the data source reads.
    problems.push(`KEY_PREFIX=${JSON.stringify(keyPrefix)} must not start with "/" and must end with "/"`)
  }
  const batchLimit = int({ name: 'BATCH_LIMIT', fallback: 50, min: 1, max: 1000 })
  const concurrency = int({ name: 'CONCURRENCY', fallback: 32, min: 1, max: 64 })
  const safetyMarginMs = int({ name: 'SAFETY_MARGIN_MS', fallback: 10_000, min: 0, max: 900_000 })
  const sweepLimit = int({ name: 'SWEEP_LIMIT', fallback: 2000, min: 0, max: 100_000 })
  const stateKey = text('STATE_KEY', 'kb-sync-state/sweep.json')
  if (stateKey.startsWith('/') || stateKey.endsWith('/') || stateKey.length > 1024) {
    problems.push(`STATE_KEY=${JSON.stringify(stateKey)} must be an object key: not starting or ending with "/"`)
  } else if (stateKey.startsWith(keyPrefix)) {
    // Under the prefix the sweep would list its own state, and the knowledge base would index it.
    problems.push(`STATE_KEY=${JSON.stringify(stateKey)} must not lie under KEY_PREFIX=${JSON.stringify(keyPrefix)}`)
  }

  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`)
  return {
    tableName,
    statusIndex,
    bucketName,
    keyPrefix,
    batchLimit,
    concurrency,
    safetyMarginMs,
    sweepLimit,
    stateKey
  }
}
