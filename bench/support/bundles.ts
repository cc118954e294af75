/**
 * The bundles the start-up section compares: the working tree's dist/index.js, and an earlier one taken from git
 * (dist/index.js with its package.json and chunk files, written to a temporary directory), whatever dist/ holds now.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface Bundle {
  label: string
  entry: string
  /** The commit it came from, when it came from git. */
  commit?: string
  /** The entry and the chunks beside it. */
  bytes: number
}

/** The size of a bundle: the JavaScript files of its directory (the entry and its chunks, not subdirectories). */
export function totalBytes(dir: string): number {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.js') && statSync(join(dir, name)).isFile())
    .reduce((sum, name) => sum + statSync(join(dir, name)).size, 0)
}

function git(args: string[], binary = false): string {
  return execFileSync('git', args, {
    cwd: ROOT,
    encoding: binary ? 'latin1' : 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore']
  })
}

export function currentCommit(): string {
  try {
    const head = git(['rev-parse', '--short', 'HEAD']).trim()
    const dirty = git(['status', '--porcelain', '--', 'src', 'dist', 'bench']).trim() !== ''
    return dirty ? `${head} (with uncommitted changes)` : head
  } catch {
    return 'unknown'
  }
}

export function currentBundle(): Bundle {
  return { label: 'current', entry: join(ROOT, 'dist', 'index.js'), bytes: totalBytes(join(ROOT, 'dist')) }
}

/**
 * The commit whose bundle counts as "previous": the given ref, or else the newest commit that changed
 * dist/index.js to something other than what the working tree holds now (so a rebuilt, uncommitted bundle is
 * compared with the last committed one, and a committed one with the one before it).
 */
export function previousCommit(ref: string | undefined): string {
  if (ref) return git(['rev-parse', '--verify', `${ref}^{commit}`]).trim()
  const now = git(['hash-object', 'dist/index.js']).trim()
  for (const commit of git(['log', '--format=%H', '--', 'dist/index.js']).split('\n').filter(Boolean)) {
    let blob = ''
    try {
      blob = git(['rev-parse', `${commit}:dist/index.js`]).trim()
    } catch {
      continue // the commit deleted it
    }
    if (blob !== now) return commit
  }
  throw new Error('no earlier dist/index.js in this clone (a shallow checkout has no history)')
}

/** Writes the commit's dist/ top-level files (entry, chunks, package.json) to a temporary directory. */
export function extractBundle(commit: string): Bundle {
  const dir = join(mkdtempSync(join(tmpdir(), 'kb-sync-bench-bundle-')), 'dist')
  mkdirSync(dir, { recursive: true })
  const files = git(['ls-tree', '--name-only', commit, 'dist/'])
    .split('\n')
    .filter((path) => /^dist\/[^/]+\.(js|json)$/.test(path))
  if (!files.includes('dist/index.js')) throw new Error(`${commit.slice(0, 7)} has no dist/index.js`)
  for (const path of files)
    writeFileSync(join(dir, path.slice('dist/'.length)), git(['show', `${commit}:${path}`], true), 'latin1')
  // A bundle from before dist/package.json existed was loaded as ESM through the root package.json.
  if (!existsSync(join(dir, 'package.json'))) writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n')
  const entry = join(dir, 'index.js')
  return { label: 'previous', entry, commit: commit.slice(0, 7), bytes: totalBytes(dir) }
}
