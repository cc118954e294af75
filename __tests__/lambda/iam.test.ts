import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { listSourceFiles, requiredIamActions, scanSource, type AwsCallScan } from '../support/iam-operations.js'
import { REPO_ROOT } from '../support/workflow-files.js'

/** Every AWS SDK call of the reference Lambda. */
function scanLambda(): AwsCallScan {
  const scans = listSourceFiles(path.join(REPO_ROOT, 'src', 'lambda')).map((file) =>
    scanSource(file, readFileSync(file, 'utf8'), path.relative(REPO_ROOT, file))
  )
  return {
    calls: scans.flatMap((s) => s.calls),
    unsupported: scans.flatMap((s) => s.unsupported),
    files: scans.flatMap((s) => s.files)
  }
}

describe('the reference Lambda’s IAM statements (src/lambda/README.md)', () => {
  const readme = readFileSync(path.join(REPO_ROOT, 'src', 'lambda', 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## IAM permissions of the execution role'))
  const policy = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '[]') as {
    Action: string | string[]
    Resource: string
    Condition?: Record<string, Record<string, string[]>>
  }[]
  const allowed = (action: string): string[] =>
    policy.filter((s) => [s.Action].flat().includes(action)).map((s) => s.Resource)

  it('allow every action the code calls', () => {
    const scan = scanLambda()
    expect(scan.unsupported).toEqual([])
    const needed = requiredIamActions(scan)
    expect(needed).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
      's3:DeleteObject',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject'
    ])
    for (const action of needed) expect({ action, resources: allowed(action) }).not.toEqual({ action, resources: [] })
  })

  it('delete only under the prefix, and list only the prefix and the cursor', () => {
    expect(allowed('s3:DeleteObject')).toEqual(['arn:aws:s3:::<bucket>/incidents/closed/*'])
    const list = policy.find((s) => s.Action === 's3:ListBucket')
    expect(list?.Condition).toEqual({
      StringLike: { 's3:prefix': ['incidents/closed/*', 'kb-sync-state/sweep.json'] }
    })
    expect(allowed('s3:PutObject').sort()).toEqual([
      'arn:aws:s3:::<bucket>/incidents/closed/*',
      'arn:aws:s3:::<bucket>/kb-sync-state/sweep.json'
    ])
  })
})
