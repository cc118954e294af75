import { describe, expect, it } from '@jest/globals'
import { jobEntries, loadWorkflow } from '../support/workflow-files.js'

const workflow = loadWorkflow('release.yml')
const jobs = jobEntries(workflow)

/** GitHub's filter-pattern syntax for the few characters the release pattern uses. */
function tagFilterToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i] as string
    if (char === '[') {
      const end = pattern.indexOf(']', i)
      source += pattern.slice(i, end + 1)
      i = end
    } else if (char === '+' || char === '?') source += char
    else if (char === '*') source += '[^/]*'
    else source += char.replace(/[.\\^$|(){}]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

describe('release.yml', () => {
  const push = workflow.doc.on.push as { tags: string[]; branches?: string[] }

  it('runs only on a vX.Y.Z tag push', () => {
    expect(Object.keys(workflow.doc.on)).toEqual(['push'])
    expect(push.branches).toBeUndefined()
    const matches = (tag: string): boolean => push.tags.some((pattern) => tagFilterToRegExp(pattern).test(tag))
    expect(matches('v1.0.0')).toBe(true)
    expect(matches('v12.3.45')).toBe(true)
    for (const tag of ['v1', 'v1.2', 'v1.2.3-rc.1', '1.2.3', 'v1.2.3.4', 'release-1.2.3'])
      expect(matches(tag)).toBe(false)
  })

  it('checks that dist/ is fresh before the major tag moves', () => {
    const [checkId, check] = jobs.find(([, job]) =>
      (job.steps ?? []).some((step) => /npm run bundle\b/.test(step.run ?? ''))
    ) ?? ['', {}]
    const scripts = (check.steps ?? []).map((step) => step.run ?? '')
    expect(scripts.some((run) => /^\s*npm ci\s*$/m.test(run))).toBe(true)
    expect(scripts.some((run) => /git diff --exit-code\b.*-- dist\b/.test(run))).toBe(true)
    expect(scripts.some((run) => /git ls-files --others --exclude-standard -- dist/.test(run))).toBe(true)

    const [, move] = jobs.find(([, job]) => (job.steps ?? []).some((step) => /refs\/tags\//.test(step.run ?? ''))) ?? [
      '',
      {}
    ]
    expect([move.needs].flat()).toContain(checkId)
  })

  it('moves vX to the released commit with contents: write on that job only', () => {
    expect(workflow.doc.permissions).toEqual({ contents: 'read' })
    const writers = jobs.filter(([, job]) => JSON.stringify(job.permissions ?? {}).includes('write'))
    expect(writers).toHaveLength(1)
    const [, move] = writers[0]!
    expect(move.permissions).toEqual({ contents: 'write' })
    const script = (move.steps ?? []).map((step) => step.run ?? '').join('\n')
    expect(script).toContain('major="${TAG%%.*}"')
    expect(script).toMatch(/git\/refs\/tags\/\$major/)
    expect(script).toMatch(/force=true/)
    const env = (move.steps ?? []).find((step) => step.run?.includes('$TAG'))?.env
    expect(env).toMatchObject({ TAG: '${{ github.ref_name }}', GH_TOKEN: '${{ github.token }}' })
  })

  it('derives the major tag the way the script does', () => {
    const major = (tag: string): string => tag.split('.')[0] as string // bash ${TAG%%.*}
    expect(major('v1.4.2')).toBe('v1')
    expect(major('v12.0.0')).toBe('v12')
  })

  it('never runs two releases at once and never cancels one', () => {
    expect(workflow.doc.concurrency).toMatchObject({ 'cancel-in-progress': false })
  })
})
