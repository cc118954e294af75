/**
 * Every relative link of the user docs leads somewhere: to a file or folder of the repository, and a `#anchor` to a
 * heading of the Markdown file it names, as GitHub makes anchors. Code that cites docs/behaviour.md by section
 * names a heading that exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { headings, isExternal, linkTargets, readDoc, userDocs } from '../support/docs.js'
import { REPO_ROOT } from '../support/workflow-files.js'

function anchorsOf(relative: string): string[] {
  return headings(readDoc(relative)).map((heading) => heading.anchor)
}

/** What is wrong with one link of `from`, or undefined when it leads somewhere. */
function brokenBecause(from: string, target: string): string | undefined {
  const [file = '', anchor] = target.split('#')
  const resolved =
    file === '' ? path.join(REPO_ROOT, from) : path.resolve(path.dirname(path.join(REPO_ROOT, from)), file)
  const relative = path.relative(REPO_ROOT, resolved)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return 'leaves the repository'
  if (!existsSync(resolved)) return 'no such file'
  if (anchor === undefined) return undefined
  if (!relative.endsWith('.md')) return 'an anchor into a file that is not Markdown'
  return anchorsOf(relative).includes(anchor) ? undefined : `no heading with the anchor #${anchor} in ${relative}`
}

describe.each(userDocs())('%s', (doc) => {
  const targets = linkTargets(readDoc(doc)).filter((target) => !isExternal(target))

  it('has relative links that resolve to files of the repository, and anchors to headings', () => {
    for (const target of targets)
      expect({ target, broken: brokenBecause(doc, target) }).toEqual({ target, broken: undefined })
  })
})

describe('the link checker', () => {
  it('knows a broken file, a broken anchor and a good one', () => {
    expect(brokenBecause('README.md', 'docs/nothing-here.md')).toBe('no such file')
    expect(brokenBecause('README.md', 'docs/behaviour.md#no-such-heading')).toMatch(/no heading/)
    expect(brokenBecause('docs/costs.md', '../README.md#inputs')).toBeUndefined()
    expect(brokenBecause('docs/costs.md', '../../outside.md')).toBe('leaves the repository')
  })

  it('makes anchors as GitHub does', () => {
    const anchors = anchorsOf('docs/behaviour.md')
    expect(anchors).toContain('outputs-job-summary-logs')
    expect(anchors).toContain('what-the-lambda-answers')
  })
})

/** Source folders whose comments may cite docs/behaviour.md. */
const CODE_DIRS = ['src', '__tests__', 'local', 'scripts', 'bench']

function codeFiles(dir: string): string[] {
  const full = path.join(REPO_ROOT, dir)
  if (!existsSync(full)) return []
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs|js)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
}

/** Every `docs/behaviour.md, "Heading"` (and `"A", "B" and "C"`) in a file, with comment line breaks joined. */
function citations(text: string): string[] {
  const joined = text.replace(/\n\s*(?:\*|\/\/)\s*/g, ' ')
  return [...joined.matchAll(/docs\/behaviour\.md,\s*((?:"[^"\n]+"(?:,\s*|\s+and\s+)?)+)/g)].flatMap((match) =>
    [...(match[1] as string).matchAll(/"([^"]+)"/g)].map((quoted) => quoted[1] as string)
  )
}

describe('citations of docs/behaviour.md in the code', () => {
  const titles = headings(readDoc('docs/behaviour.md')).map((heading) => heading.text)
  const self = path.join(REPO_ROOT, '__tests__', 'docs', 'links.test.ts') // its examples are not citations
  const cited = CODE_DIRS.flatMap(codeFiles)
    .filter((file) => file !== self)
    .flatMap((file) =>
      citations(readFileSync(file, 'utf8')).map((heading) => ({ file: path.relative(REPO_ROOT, file), heading }))
    )

  it('are found', () => {
    expect(cited.length).toBeGreaterThan(5)
    expect(citations('(docs/behaviour.md, "A", "B" and\n * "C")')).toEqual(['A', 'B', 'C'])
  })

  it('name headings that exist', () => {
    for (const { file, heading } of cited) {
      expect({ file, heading, exists: titles.includes(heading) }).toEqual({ file, heading, exists: true })
    }
  })
})
