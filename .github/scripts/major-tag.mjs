#!/usr/bin/env node
// Decides whether a release moves its major tag. Consumers follow `uses: OWNER/kb-sync@vX`, so vX must only ever
// move forward: a release tagged below what vX points at (a typo, an old commit re-tagged) would silently roll every
// consumer back, and a prerelease is not for them at all.
//
// Usage: node .github/scripts/major-tag.mjs NEW_TAG [TAGS_AT_MAJOR]
//   NEW_TAG        the release tag, vX.Y.Z (a prerelease vX.Y.Z-rc.1 is understood, and never moves vX)
//   TAGS_AT_MAJOR  the tags on the commit vX points at now, separated by white space (`git tag --points-at`);
//                  leave it out when vX does not exist yet. Tags other than vX.y.z are ignored.
// Prints the decision on stdout, and why on stderr (as an annotation when run in GitHub Actions):
//   create  vX does not exist yet: create it at the release
//   move    NEW_TAG is above the highest vX.y.z on vX's commit: move vX to the release
//   keep    nothing to do: vX already points at NEW_TAG's version (a rerun), or NEW_TAG is a prerelease
//   refuse  NEW_TAG is below the version vX points at, or vX's commit has no vX.y.z tag to compare with
// Exit status: 0 create, move or keep; 1 refuse; 2 bad usage (NEW_TAG is not vX.Y.Z).

import path from 'node:path'
import { pathToFileURL } from 'node:url'

const SEMVER =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/

/** `v1.2.3-rc.1` → { major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'] }; undefined when not a version tag. */
export function parseVersion(tag) {
  const match = SEMVER.exec(tag)
  if (!match) return undefined
  return {
    tag,
    major: Number(match[1]),
    minor: Number(match[2]),
    patch: Number(match[3]),
    prerelease: match[4] === undefined ? [] : match[4].split('.')
  }
}

function compareIdentifiers(a, b) {
  const numericA = /^\d+$/.test(a)
  const numericB = /^\d+$/.test(b)
  if (numericA && numericB) return Math.sign(Number(a) - Number(b))
  if (numericA !== numericB) return numericA ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Semantic-version precedence: negative when a < b, 0 when equal, positive when a > b. Build metadata is ignored. */
export function compareVersions(a, b) {
  for (const field of ['major', 'minor', 'patch']) {
    if (a[field] !== b[field]) return Math.sign(a[field] - b[field])
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return Math.sign(b.prerelease.length - a.prerelease.length) // a release ranks above its prereleases
  }
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i += 1) {
    const order = compareIdentifiers(a.prerelease[i], b.prerelease[i])
    if (order !== 0) return order
  }
  return Math.sign(a.prerelease.length - b.prerelease.length)
}

/**
 * The decision for releasing `newTag`, given the tags on vX's commit (undefined: vX does not exist).
 * Returns { decision: 'create' | 'move' | 'keep' | 'refuse' | 'invalid', reason }.
 */
export function decide(newTag, tagsAtMajor) {
  const release = parseVersion(newTag)
  if (release === undefined) return { decision: 'invalid', reason: `${newTag} is not a version tag vX.Y.Z` }
  const major = `v${release.major}`
  if (release.prerelease.length > 0) {
    return { decision: 'keep', reason: `${newTag} is a prerelease: ${major} stays where it is` }
  }
  if (tagsAtMajor === undefined)
    return { decision: 'create', reason: `${major} does not exist yet: create it at ${newTag}` }
  const current = tagsAtMajor
    .map(parseVersion)
    .filter((version) => version !== undefined && version.major === release.major)
    .sort(compareVersions)
    .at(-1)
  if (current === undefined) {
    return {
      decision: 'refuse',
      reason: `${major} points at a commit with no ${major}.y.z tag, so there is no version to compare ${newTag} with: point ${major} at a release by hand, or delete it`
    }
  }
  const order = compareVersions(release, current)
  if (order > 0) return { decision: 'move', reason: `${major} moves from ${current.tag} to ${newTag}` }
  if (order === 0) return { decision: 'keep', reason: `${major} already points at ${current.tag}` }
  return {
    decision: 'refuse',
    reason: `${newTag} is below ${current.tag}, where ${major} points now: ${major} never moves backwards`
  }
}

function escapeAnnotation(value) {
  return String(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function main(argv) {
  if (argv.length < 1 || argv.length > 2 || argv.includes('--help') || argv.includes('-h')) {
    console.error('Usage: node .github/scripts/major-tag.mjs NEW_TAG [TAGS_AT_MAJOR]')
    return 2
  }
  const [newTag, tagsAtMajor] = argv
  const { decision, reason } = decide(newTag, tagsAtMajor?.split(/\s+/).filter(Boolean))
  if (decision === 'invalid') {
    console.error(reason)
    return 2
  }
  if (process.env.GITHUB_ACTIONS === 'true') {
    const level = decision === 'refuse' ? 'error' : 'notice'
    console.error(`::${level} title=Major tag::${escapeAnnotation(reason)}`)
  } else {
    console.error(reason)
  }
  console.log(decision)
  return decision === 'refuse' ? 1 : 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2))
}
