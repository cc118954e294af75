/**
 * The kb-sync CDK app: three environment-agnostic stacks whose templates are committed under infra/templates/ and
 * deployed with plain `aws cloudformation deploy` (see infra/README.md). `npm run infra:synth` writes them.
 */
import { readFileSync } from 'node:fs'
import { App, BootstraplessSynthesizer, type Stack } from 'aws-cdk-lib'
import { GitHubRoleStack } from './stacks/github-role-stack.js'
import { LambdaStack } from './stacks/lambda-stack.js'
import { MonitoringStack } from './stacks/monitoring-stack.js'

export interface KbSyncApp {
  app: App
  lambda: LambdaStack
  monitoring: MonitoringStack
  githubRole: GitHubRoleStack
  stacks: Stack[]
}

/** The feature flags of cdk.json, frozen when the app was created, so a CDK upgrade does not change behaviour. */
function featureFlags(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('./cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>
  }
  return cdkJson.context
}

export interface AppOptions {
  outdir?: string
  /**
   * Run AWS's CloudFormation validator on synthesis (default true). The synth script and the validation tests keep
   * it; tests that only read the templates skip its WebAssembly engine.
   */
  cloudFormationValidation?: boolean
}

export function createApp(options: AppOptions = {}): KbSyncApp {
  const app = new App({
    ...(options.outdir === undefined ? {} : { outdir: options.outdir }),
    builtinCloudFormationValidation: options.cloudFormationValidation ?? true,
    context: {
      ...featureFlags(),
      // The committed templates carry nothing but CloudFormation: no construct paths, no CDK version resource.
      'aws:cdk:enable-path-metadata': false
    },
    analyticsReporting: false,
    stackTraces: false,
    treeMetadata: false,
    // No bootstrap stack behind the templates, and no way to add an asset by accident: this synthesizer refuses them.
    defaultStackSynthesizer: new BootstraplessSynthesizer()
  })
  const lambda = new LambdaStack(app, 'KbSyncLambdaStack')
  const monitoring = new MonitoringStack(app, 'KbSyncMonitoringStack')
  const githubRole = new GitHubRoleStack(app, 'KbSyncGitHubRoleStack')
  return { app, lambda, monitoring, githubRole, stacks: [lambda, monitoring, githubRole] }
}

// Run by the CDK CLI (cdk.json's "app"): synthesize into the directory it names.
if (process.env.CDK_OUTDIR !== undefined && import.meta.url === `file://${process.argv[1]}`) {
  createApp().app.synth()
}
