/**
 * Links into the AWS console for what a run touched: the knowledge bases, the Lambda's log group and the
 * IncidentKBSync dashboard, in the run's region (and partition).
 */

export interface ConsoleLink {
  label: string
  url: string
}

/** The dashboard the repository's infra/ deploys. */
export const DASHBOARD_NAME = 'IncidentKBSyncDashboard'

function consoleBase(region: string): string {
  if (region.startsWith('cn-')) return 'https://console.amazonaws.cn'
  if (region.startsWith('us-gov-')) return 'https://console.amazonaws-us-gov.com'
  return `https://${region}.console.aws.amazon.com`
}

/** CloudWatch's console escapes a log group's slashes twice in its fragment. */
function logGroupFragment(name: string): string {
  return encodeURIComponent(encodeURIComponent(name)).replace(/%/g, '$')
}

export function consoleLinks(target: { region: string; functionName?: string | undefined }): ConsoleLink[] {
  const base = consoleBase(target.region)
  const region = encodeURIComponent(target.region)
  const links: ConsoleLink[] = [
    { label: 'knowledge bases', url: `${base}/bedrock/home?region=${region}#/knowledge-bases` }
  ]
  if (target.functionName) {
    // A name, a partial or full ARN, with or without a qualifier: the log group is named after the function.
    const parts = target.functionName.split(':')
    const at = parts.indexOf('function')
    const name = at >= 0 ? parts[at + 1]! : parts[0]!
    links.push({
      label: 'Lambda logs',
      url: `${base}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${logGroupFragment(`/aws/lambda/${name}`)}`
    })
  }
  links.push({
    label: 'dashboard',
    url: `${base}/cloudwatch/home?region=${region}#dashboards/dashboard/${DASHBOARD_NAME}`
  })
  return links
}
