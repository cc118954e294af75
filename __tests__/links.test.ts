import { describe, expect, it } from '@jest/globals'
import { consoleLinks } from '../src/report/links.js'

describe('consoleLinks', () => {
  it('links the knowledge bases, the Lambda log group and the dashboard in the run region', () => {
    expect(consoleLinks({ region: 'eu-west-1', functionName: 'incident-kb-batch-sync' })).toEqual([
      {
        label: 'knowledge bases',
        url: 'https://eu-west-1.console.aws.amazon.com/bedrock/home?region=eu-west-1#/knowledge-bases'
      },
      {
        label: 'Lambda logs',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Fincident-kb-batch-sync'
      },
      {
        label: 'dashboard',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/IncidentKBSyncDashboard'
      }
    ])
  })

  it('finds the function name in a partial or full ARN with a qualifier', () => {
    for (const functionName of [
      'sync:live',
      '123456789012:function:sync',
      '123456789012:function:sync:7',
      'arn:aws:lambda:us-east-1:123456789012:function:sync:$LATEST'
    ]) {
      expect(consoleLinks({ region: 'us-east-1', functionName })[1]?.url).toMatch(/\$252Faws\$252Flambda\$252Fsync$/)
    }
  })

  it('uses the console of the region partition', () => {
    expect(consoleLinks({ region: 'cn-north-1' })[0]?.url).toMatch(/^https:\/\/console\.amazonaws\.cn\//)
    expect(consoleLinks({ region: 'us-gov-west-1' })[0]?.url).toMatch(/^https:\/\/console\.amazonaws-us-gov\.com\//)
  })
})
