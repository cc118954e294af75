/** The bundled action refuses bad input before any AWS call, and says so in its outputs, summary and exit code. */
import { describe, expect, it } from '@jest/globals'
import { runAction } from './support/run-action.js'

describe('dist/index.js with bad input', () => {
  it('fails, naming every bad input, with outputs and a summary', async () => {
    const run = await runAction({
      inputs: {
        knowledge_base_id: 'not-an-id',
        data_source_id: 'AJIJE6BWIV',
        ingestion: 'sometimes',
        wait_for_sync: 'yes'
      },
      // Nothing listens here: a request would fail the run differently and slowly.
      env: {
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'y'
      }
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.outputs.sync_batches).toBe('0')
    expect(JSON.parse(run.outputs.result!)).toMatchObject({ status: 'failed', ingestion_phase: { job_id: null } })
    expect(run.errors.join('\n')).toContain("Input 'knowledge_base_id' has the value 'not-an-id'")
    expect(run.errors.join('\n')).toContain(
      "Input 'ingestion' has the value 'sometimes'; allowed: auto | always | never | direct."
    )
    expect(run.errors.join('\n')).toContain("Input 'wait_for_sync' has the value 'yes'")
    expect(run.summary).toContain('kb-sync: failed')
    expect(run.summary).toContain("Input 'knowledge_base_id' has the value 'not-an-id'")
  })

  it('fails when no region is configured anywhere', async () => {
    const run = await runAction({ inputs: { knowledge_base_id: 'LPR1PEW0LN', data_source_id: 'AJIJE6BWIV' } })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.status).toBe('failed')
    expect(run.errors.join('\n')).toContain(
      "Input 'aws_region' is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set"
    )
  })
})
