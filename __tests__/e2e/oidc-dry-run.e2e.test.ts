/**
 * role_to_assume, credentials and masking, and the dry run (docs/behaviour.md, "Inputs", "AWS configuration" and
 * "Dry run"), end to end: dist/index.js gets its own GitHub OIDC
 * token, assumes the role with STS and signs every later call with the session, or says exactly why it cannot; a
 * dry run checks everything and changes nothing.
 */
import { describe, expect, it } from '@jest/globals'
import {
  actionCalls,
  annotations,
  expectAllSearchable,
  expectJobAsReported,
  inspect,
  runKbSync,
  withStack
} from './support/e2e.js'

const LAMBDA_KEY = 'ASIALAMBDAEXECROLE01'

describe('role_to_assume with GitHub OIDC', () => {
  it.concurrent('assumes the role, signs every later call with the session, and masks the secrets', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(30, { status: 'CLOSED' })

      const run = await runKbSync(stack, { role_to_assume: stack.ids.roleArn })
      expect(run.outputs).toMatchObject({ status: 'completed', synced_count: '30', ingestion_status: 'COMPLETE' })
      expect(run.stdout).toContain(`Credentials: assumed ${stack.ids.roleArn} with GitHub OIDC (session kb-sync-`)

      const calls = stack.calls().filter((c) => c.accessKeyId !== LAMBDA_KEY)
      expect(calls.slice(0, 2).map((c) => `${c.service}:${c.operation}:${c.status}`)).toEqual([
        'oidc:GetIDToken:200',
        'sts:AssumeRoleWithWebIdentity:200'
      ])
      const later = calls.slice(2)
      const sessionKey = later[0]?.accessKeyId ?? ''
      expect(sessionKey).toMatch(/^ASIA[A-Z0-9]{16}$/)
      expect(later.map((c) => c.service)).toEqual(expect.arrayContaining(['dynamodb', 'lambda', 'bedrock-agent']))
      expect(later.filter((c) => c.accessKeyId !== sessionKey)).toEqual([])
      expect(actionCalls(stack)).toEqual([])

      const masked = [
        ...new Set(
          run.stdout
            .split('\n')
            .filter((l) => l.startsWith('::add-mask::'))
            .map((l) => l.slice('::add-mask::'.length))
        )
      ]
      // The OIDC token (core.getIDToken masks it too), then the access key id, secret access key and session token.
      expect(masked).toHaveLength(4)
      expect(masked[0]).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(masked).toContain(sessionKey)
      const unmaskedOutput = run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
      for (const secret of masked) expect(unmaskedOutput).not.toContain(secret)
      expect(run.summary).not.toContain(sessionKey)

      const view = await inspect(stack)
      expectAllSearchable(view)
      expectJobAsReported(run, view)
    })
  })

  it.concurrent('fails naming id-token: write when the job cannot request an OIDC token', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(10, { status: 'CLOSED' })

      const run = await runKbSync(
        stack,
        { role_to_assume: stack.ids.roleArn },
        { withoutEnv: ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'] }
      )
      expect(run.outputs).toMatchObject({ status: 'failed', sync_batches: '0', synced_count: '0' })
      expect(annotations(run.errors)).toContain(
        'role_to_assume is set but this job cannot request a GitHub OIDC token: add "permissions: id-token: write" to the job (or workflow) that runs kb-sync.'
      )
      expect(run.summary).toContain('permissions: id-token: write')
      expect(stack.calls()).toEqual([])
      expect((await inspect(stack)).synced).toEqual([])
    })
  })

  it.concurrent(
    'fails naming sts:AssumeRoleWithWebIdentity when the trust policy refuses this repository',
    async () => {
      await withStack({ trust: { subjects: ['repo:other/*'] } }, async (stack) => {
        await stack.seedIncidents(10, { status: 'CLOSED' })

        const run = await runKbSync(stack, { role_to_assume: stack.ids.roleArn })
        expect(run.outputs).toMatchObject({ status: 'failed', sync_batches: '0' })
        expect(annotations(run.errors)).toContain(
          `sts:AssumeRoleWithWebIdentity was refused for ${stack.ids.roleArn}: check that the role's trust policy trusts the GitHub OIDC provider for this repository`
        )
        expect(annotations(run.errors)).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity')
        expect(stack.calls().map((c) => `${c.service}:${c.operation}:${c.status}`)).toEqual([
          'oidc:GetIDToken:200',
          'sts:AssumeRoleWithWebIdentity:403'
        ])
        expect((await inspect(stack)).synced).toEqual([])
      })
    }
  )
})

describe('dry run', () => {
  const CHECKS = [
    'Inputs are valid',
    'Credentials',
    'Lambda can be invoked (DryRun)',
    'Knowledge base exists',
    'Data source exists',
    'Ingestion jobs can be listed',
    'Backlog can be counted'
  ]

  it.concurrent('checks everything, lists each check, and runs and starts nothing', async () => {
    await withStack({}, async (stack) => {
      await stack.seedIncidents(20, { status: 'CLOSED' })

      const run = await runKbSync(stack, { dry_run: 'true', role_to_assume: stack.ids.roleArn })
      expect(run.outputs).toMatchObject({
        status: 'dry_run',
        synced_count: '0',
        sync_batches: '0',
        ingestion_job_id: '',
        statistics: ''
      })
      expect(run.summary).toContain('Dry run: 7 checks passed, nothing was started or changed')
      for (const check of CHECKS) expect(run.summary).toContain(`<tr><td>${check}</td><td>✅ ok</td>`)
      expect(run.summary).toContain('20 incidents pending in incidents')

      const lambdaCalls = stack.calls().filter((c) => c.service === 'lambda')
      expect(lambdaCalls.map((c) => `${c.operation}:${c.status}`)).toEqual(['Invoke:204'])
      expect(stack.invocations()).toEqual([])
      expect(stack.calls().map((c) => c.operation)).not.toContain('StartIngestionJob')
      const view = await inspect(stack)
      expect(view.synced).toEqual([])
      expect(view.truth.objects).toEqual([])
      expect(view.truth.jobs).toEqual([])
    })
  })

  it.concurrent('fails when a check is refused, naming the IAM action, and still runs the other checks', async () => {
    await withStack({}, async (stack) => {
      stack.faults.accessDenied('GetDataSource')

      const run = await runKbSync(stack, { dry_run: 'true' })
      expect(run.outputs.status).toBe('failed')
      expect(annotations(run.errors)).toContain(
        `Data source exists: Access denied for bedrock:GetDataSource on data source ${stack.ids.dataSourceId} of knowledge base ${stack.ids.knowledgeBaseId}: grant the role bedrock:GetDataSource on that resource`
      )
      expect(run.summary).toContain('<tr><td>Data source exists</td><td>❌ failed</td>')
      for (const check of CHECKS.filter((c) => c !== 'Data source exists')) {
        expect(run.summary).toContain(`<tr><td>${check}</td><td>✅ ok</td>`)
      }
      expect(stack.invocations()).toEqual([])
      expect(stack.calls().map((c) => c.operation)).not.toContain('StartIngestionJob')
    })
  })
})
