/**
 * The job summary as GitHub shows it: the summary file is GitHub-flavoured Markdown with raw HTML, so tests render
 * it with a CommonMark + GFM parser (raw HTML allowed, as GitHub's renderer allows it before sanitising) and look
 * at the elements that come out.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'

export function renderSummary(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })
}

/** The names of every element in rendered HTML, in order (`h2`, `p`, `a`, …). */
export function elementsOf(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)\b/g)].map((m) => m[1]!.toLowerCase())
}

/** HTML source with its character references decoded, for asserting on the words a reader sees. */
export function decodeEntities(html: string): string {
  return html
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** Links in rendered HTML that do not go to the AWS console: none of the summary's own links would. */
export function foreignLinks(html: string): string[] {
  const hrefs = [...html.matchAll(/<a\b[^>]*?href="([^"]*)"/g)].map((m) => decodeEntities(m[1]!))
  return hrefs.filter(
    (href) =>
      !/^https:\/\/([a-z0-9-]+\.console\.aws\.amazon\.com|console\.amazonaws\.cn|console\.amazonaws-us-gov\.com)\//.test(
        href
      )
  )
}
