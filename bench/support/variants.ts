/**
 * Bundles built at bench time, beside the committed dist/: the SDK's floor (bench/sdk-floor.ts) with ncc and with
 * esbuild, and the action itself with esbuild (ESM with code splitting, the SDK's ESM builds, which a bundler can
 * tree-shake). They show whether another bundler would bring the action nearer the floor than ncc does.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { ROOT, totalBytes, type Bundle } from './bundles.js'

/** An ESM bundle of CommonJS packages needs `require`; ncc's own ESM output defines it the same way. */
const REQUIRE_SHIM =
  "import { createRequire as __kbCreateRequire } from 'node:module';" +
  'const require = __kbCreateRequire(import.meta.url);'

export interface Variant extends Bundle {
  /** A whole action (a full run can measure its memory), or only the floor. */
  action: boolean
}

async function esbuildBundle(entry: string, label: string, action: boolean): Promise<Variant> {
  const outdir = mkdtempSync(join(tmpdir(), 'kb-sync-bench-esbuild-'))
  await build({
    entryPoints: { index: join(ROOT, entry) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    mainFields: ['module', 'main'],
    outdir,
    banner: { js: REQUIRE_SHIM },
    logLevel: 'silent'
  })
  writeFileSync(join(outdir, 'package.json'), '{"type":"module"}\n')
  return { label, entry: join(outdir, 'index.js'), bytes: totalBytes(outdir), action }
}

function nccBundle(entry: string, label: string): Variant {
  const outdir = mkdtempSync(join(tmpdir(), 'kb-sync-bench-ncc-'))
  execFileSync(join(ROOT, 'node_modules', '.bin', 'ncc'), ['build', join(ROOT, entry), '-o', outdir, '-q'], {
    cwd: ROOT,
    stdio: 'ignore'
  })
  return { label, entry: join(outdir, 'index.js'), bytes: totalBytes(outdir), action: false }
}

export async function buildVariants(): Promise<Variant[]> {
  return [
    nccBundle('bench/sdk-floor.ts', 'SDK floor: one Lambda Invoke, ncc'),
    await esbuildBundle('bench/sdk-floor.ts', 'SDK floor: one Lambda Invoke, esbuild', false),
    await esbuildBundle('src/index.ts', 'current source, esbuild (ESM, splitting)', true)
  ]
}
