/** The CDK app of infra/, synthesized once per test file into a scratch directory. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll } from '@jest/globals'
import { Template } from 'aws-cdk-lib/assertions'
import { createApp, type KbSyncApp } from '../../infra/app.js'
import type { Template as TemplateJson } from './cfn-values.js'

export interface SynthesizedApp extends KbSyncApp {
  outdir: string
  lambdaTemplate: Template
  monitoringTemplate: Template
  githubRoleTemplate: Template
}

/** Builds the app; its scratch directory goes when the test file is done. */
export function synthesizeApp(): SynthesizedApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'kb-sync-infra-test-'))
  afterAll(() => rmSync(outdir, { recursive: true, force: true }))
  // Validation has its own test (nag.test.ts); here it would only cost time.
  const built = createApp({ outdir, cloudFormationValidation: false })
  return {
    ...built,
    outdir,
    lambdaTemplate: Template.fromStack(built.lambda),
    monitoringTemplate: Template.fromStack(built.monitoring),
    githubRoleTemplate: Template.fromStack(built.githubRole)
  }
}

export const json = (template: Template): TemplateJson => template.toJSON() as TemplateJson
