/**
 * cdk-nag's AWS Solutions pack and AWS's CloudFormation validator (which the CDK runs on every synthesis) over the
 * whole app: no finding may stand unless a construct acknowledges it, and every acknowledgment says why in a line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { App, Stack, Validations } from 'aws-cdk-lib'
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam'
import nag from 'cdk-nag'
import { createApp } from '../../infra/app.js'

interface Report {
  pluginReports: {
    pluginName: string
    conclusion: string
    violations: { ruleName: string; description: string; violatingConstructs: { constructPath: string }[] }[]
  }[]
}

const scratch: string[] = []
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
})

/** Synthesizes with the AWS Solutions pack and returns the validation report, whether or not synthesis failed. */
function checked(app: App, outdir: string): { report: Report; error?: string } {
  Validations.of(app).addPlugins(new nag.AwsSolutionsChecks(app))
  let error: string | undefined
  try {
    app.synth()
  } catch (caught) {
    error = String(caught)
  }
  return { report: JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report, error }
}

function scratchDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-sync-nag-'))
  scratch.push(dir)
  return dir
}

const outdir = scratchDir()
const built = createApp({ outdir })
const { report, error } = checked(built.app, outdir)

describe('cdk-nag (AwsSolutions) and CloudFormation Validate over infra/', () => {
  type Violation = Report['pluginReports'][number]['violations'][number]
  const readable = (violation: Violation) => ({
    rule: violation.ruleName,
    where: violation.violatingConstructs.map((construct) => construct.constructPath),
    what: violation.description.split('\n')[0]
  })

  it('cdk-nag finds nothing that is not acknowledged', () => {
    const result = new nag.AwsSolutionsChecks().validateScope(built.app)
    const findings = result.violations.map((violation) => ({
      rule: violation.ruleName,
      where: violation.violatingResources.map((resource) => resource.constructPath ?? resource.resourceLogicalId),
      what: violation.description.split('\n')[0]
    }))
    expect(findings).toEqual([])
    expect(result.success).toBe(true)
  })

  it('CloudFormation Validate ran and finds nothing that is not acknowledged', () => {
    const validate = report.pluginReports.find((plugin) => plugin.pluginName === 'CloudFormation Validate')
    expect(validate?.conclusion).toBe('success')
    expect(validate?.violations.map(readable)).toEqual([])
    expect(
      (validate as { suppressedViolations?: unknown[] } | undefined)?.suppressedViolations?.length
    ).toBeGreaterThan(0)
  })

  it('synthesis with both succeeds, with no finding in the report', () => {
    expect(error).toBeUndefined()
    expect(report.pluginReports.flatMap((plugin) => plugin.violations.map(readable))).toEqual([])
  })

  it('acknowledges exactly these findings, each with a one-line reason', () => {
    const acknowledged = built.app.node.findAll().flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^Annotation::/, ''), reason }))
    )
    for (const { reason } of acknowledged) expect(reason).toMatch(/^[^\n]{20,120}$/)
    expect(acknowledged.map(({ path, id }) => `${path}: ${id}`).sort()).toEqual([
      'KbSyncGitHubRoleStack/KbSyncRole: AwsSolutions-IAM5[Resource::*]',
      'KbSyncGitHubRoleStack/KbSyncRole: AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:lambda:<AWS::Region>:<AWS::AccountId>:function:<FunctionName>:*]',
      'KbSyncGitHubRoleStack: CloudFormation-Validate::W1001',
      'KbSyncGitHubRoleStack: CloudFormation-Validate::W1030',
      'KbSyncLambdaStack/Role: AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<BucketName>/<KeyPrefix>*]',
      'KbSyncMonitoringStack/IngestionFailureAlarm: CloudFormation-Validate::W1030',
      'KbSyncMonitoringStack/SyncDurationAlarm: CloudFormation-Validate::W1030',
      'KbSyncMonitoringStack/SyncErrorsAlarm: CloudFormation-Validate::W1030'
    ])
  })

  it('would fail on a finding: a wildcard policy nobody acknowledged', () => {
    const dir = scratchDir()
    const app = new App({ outdir: dir, analyticsReporting: false })
    const stack = new Stack(app, 'Wildcard')
    new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') }).addToPolicy(
      new PolicyStatement({ actions: ['s3:*'], resources: ['*'] })
    )
    const findings = checked(app, dir).report.pluginReports.flatMap((plugin) =>
      plugin.violations.map((v) => v.ruleName)
    )
    expect(findings).toEqual(
      expect.arrayContaining(['AwsSolutions-IAM5[Action::s3:*]', 'AwsSolutions-IAM5[Resource::*]'])
    )
  })
})
