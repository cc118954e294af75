/**
 * Reading the repository's documentation for tests: files, their code blocks, sections, links and headings as
 * GitHub shows them (Markdown rendered with CommonMark + GFM, heading anchors made the way GitHub makes them).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { parse } from 'yaml'
import { decodeEntities } from './markdown.js'
import { REPO_ROOT, type Workflow } from './workflow-files.js'

/** Repository-relative path → text. */
export function readDoc(relative: string): string {
  return readFileSync(path.join(REPO_ROOT, relative), 'utf8')
}

/** The Markdown files a reader of the repository is pointed to: the README, docs/, CONTRIBUTING.md, SECURITY.md. */
export function userDocs(): string[] {
  const docs = readdirSync(path.join(REPO_ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`)
  return ['README.md', ...docs, 'CONTRIBUTING.md', 'SECURITY.md']
}

/** examples/*.yml, repository-relative. */
export function exampleFiles(): string[] {
  return readdirSync(path.join(REPO_ROOT, 'examples'))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `examples/${name}`)
}

export function loadExample(relative: string): Workflow {
  const file = path.join(REPO_ROOT, relative)
  const raw = readFileSync(file, 'utf8')
  return { file, name: relative, raw, doc: parse(raw, { uniqueKeys: true }) as Workflow['doc'] }
}

/** The fenced code blocks of one language (`json`, `yaml`, `sh`), in order; also those indented in a list item. */
export function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(new RegExp('^( *)```' + language + '\\n([\\s\\S]*?)^\\1```', 'gm'))].map((match) =>
    (match[2] as string).replace(new RegExp(`^${match[1] as string}`, 'gm'), '')
  )
}

/** The text under one heading, up to the next heading of the same or a higher level. */
export function section(markdown: string, heading: string): string {
  const level = /^#+/.exec(heading)?.[0].length ?? 2
  const start = markdown.split('\n').findIndex((line) => line === heading)
  if (start < 0) return ''
  const rest = markdown.split('\n').slice(start + 1)
  const end = rest.findIndex((line) => {
    const match = /^(#+) /.exec(line)
    return match !== null && (match[1] as string).length <= level
  })
  return (end < 0 ? rest : rest.slice(0, end)).join('\n')
}

function render(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

export interface Heading {
  level: number
  text: string
  anchor: string
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens (github-slugger's rule). */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-')
}

/** Every heading as a reader sees it, with the anchor GitHub gives it (repeats get -1, -2, …). */
export function headings(markdown: string): Heading[] {
  const seen = new Map<string, number>()
  return [...render(markdown).matchAll(/<h([1-6])>([\s\S]*?)<\/h\1>/g)].map((match) => {
    const text = decodeEntities((match[2] as string).replace(/<[^>]+>/g, '')).trim()
    const base = slug(text)
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    return { level: Number(match[1]), text, anchor: count === 0 ? base : `${base}-${count}` }
  })
}

/** Every link and image target of a Markdown file, as rendered (links inside code are not links). */
export function linkTargets(markdown: string): string[] {
  return [...render(markdown).matchAll(/\b(?:href|src)="([^"]*)"/g)].map((match) => decodeEntities(match[1] as string))
}

/** A target that leaves the repository: a URL with a scheme (https:, mailto:), or protocol-relative. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')
}
