import { describe, expect, it } from '@jest/globals'
import { ConfigError, loadConfig } from '../../src/lambda/config.js'

describe('loadConfig', () => {
  it('applies the defaults; only BUCKET_NAME is required', () => {
    expect(loadConfig({ BUCKET_NAME: 'incident-analyzer-dev-incidents-dev' })).toEqual({
      tableName: 'incidents',
      statusIndex: 'status-priority-index',
      bucketName: 'incident-analyzer-dev-incidents-dev',
      keyPrefix: 'incidents/closed/',
      batchLimit: 50,
      concurrency: 32,
      safetyMarginMs: 10_000,
      sweepLimit: 2000,
      stateKey: 'kb-sync-state/sweep.json'
    })
  })

  it('reads every variable', () => {
    expect(
      loadConfig({
        TABLE_NAME: 'incidents-prod',
        STATUS_INDEX: 'by-status',
        BUCKET_NAME: 'kb-docs',
        KEY_PREFIX: 'kb/incidents/',
        BATCH_LIMIT: '200',
        CONCURRENCY: '16',
        SAFETY_MARGIN_MS: '0',
        SWEEP_LIMIT: '0',
        STATE_KEY: 'state/kb-sync.json'
      })
    ).toEqual({
      tableName: 'incidents-prod',
      statusIndex: 'by-status',
      bucketName: 'kb-docs',
      keyPrefix: 'kb/incidents/',
      batchLimit: 200,
      concurrency: 16,
      safetyMarginMs: 0,
      sweepLimit: 0,
      stateKey: 'state/kb-sync.json'
    })
  })

  it('fails once, naming every bad variable, its value and what is allowed', () => {
    let error: unknown
    try {
      loadConfig({
        BATCH_LIMIT: '0',
        CONCURRENCY: '2.5',
        SAFETY_MARGIN_MS: '-1',
        KEY_PREFIX: 'incidents/closed',
        TABLE_NAME: 'a b',
        SWEEP_LIMIT: '1000000'
      })
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(ConfigError)
    const message = (error as Error).message
    expect(message).toContain('BUCKET_NAME is required')
    expect(message).toContain('BATCH_LIMIT="0" must be an integer from 1 to 1000')
    expect(message).toContain('CONCURRENCY="2.5" must be an integer from 1 to 64')
    expect(message).toContain('SAFETY_MARGIN_MS="-1" must be an integer from 0 to 900000')
    expect(message).toContain('KEY_PREFIX="incidents/closed" must not start with "/" and must end with "/"')
    expect(message).toContain('TABLE_NAME="a b" is not a DynamoDB table name')
    expect(message).toContain('SWEEP_LIMIT="1000000" must be an integer from 0 to 100000')
  })

  it('keeps the sweep state out of the documents: STATE_KEY may not lie under KEY_PREFIX', () => {
    expect(() => loadConfig({ BUCKET_NAME: 'kb-docs', STATE_KEY: 'incidents/closed/state.json' })).toThrow(
      /STATE_KEY="incidents\/closed\/state.json" must not lie under KEY_PREFIX="incidents\/closed\/"/
    )
    expect(() => loadConfig({ BUCKET_NAME: 'kb-docs', STATE_KEY: 'state/' })).toThrow(/STATE_KEY="state\/" must be/)
  })

  it('refuses a bucket name S3 would refuse', () => {
    expect(() => loadConfig({ BUCKET_NAME: 'Upper_Case' })).toThrow(/BUCKET_NAME="Upper_Case" is not an S3 bucket name/)
  })
})
