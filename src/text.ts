/**
 * Text that comes from outside the action — Lambda payloads and log tails, AWS error messages, job failure
 * reasons, descriptions — is data. These functions are the only way it reaches the runner's log or the job summary:
 * in the log it can never start a workflow command; in the summary it can change neither the HTML nor the Markdown.
 */

const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g
// Other control characters would let text recolour or rewrite the log's lines (ANSI escapes).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g
const LINE_BREAK_MARK = ' ⏎ '
// A zero-width space between the two characters keeps the text readable and unrecognisable as a command.
const ZWSP = '\u200b'

/**
 * One log line that no runner can read as a workflow command: line breaks become a visible mark (so nothing starts a
 * line of its own), the legacy `##[command]` form is broken wherever it appears, and a leading `::` is broken too.
 */
export function logText(text: string, max = 4_000): string {
  const line = truncate(text, max).replace(LINE_BREAKS, LINE_BREAK_MARK).replace(CONTROL, '\ufffd')
  return line.replace(/##\[/g, `#${ZWSP}#[`).replace(/^(\s*):(?=:)/, `$1:${ZWSP}`)
}

// What a terminal acts on besides C0: C1 controls (U+009B is a one-character CSI in 8-bit terminals) and the bidi
// overrides and isolates, which make text display in another order than it reads.
const TERMINAL_CONTROL = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * One terminal line of outside text: logText's rules (no line break, no control character, no workflow command, so
 * the same line is safe in a runner's log when the CLI runs in a workflow), and no C1 or bidi control either, so it
 * can neither recolour nor move the cursor nor reorder what a person reads.
 */
export function terminalText(text: string, max = 4_000): string {
  // A tab is harmless but would break the alignment of a table's columns.
  return logText(text, max).replace(TERMINAL_CONTROL, '\ufffd').replace(/\t/g, ' ')
}

// HTML's specials, and every character Markdown or GitHub's autolinking could act on.
const SUMMARY_SPECIALS = /[&<>"'`*_[\]()!#|~\\:@$]/g

function entity(char: string): string {
  return `&#${char.codePointAt(0)};`
}

/**
 * Inline text for the job summary's HTML: every special character as an entity, line breaks as `<br>`, so the
 * Markdown source holds no blank line that could end the HTML block and no character that Markdown could act on.
 */
export function summaryText(text: string, max = 2_000): string {
  return truncate(text, max).replace(CONTROL, '\ufffd').replace(SUMMARY_SPECIALS, entity).replace(LINE_BREAKS, '<br>')
}

/** Multi-line text for a `<pre>` block in the summary: line breaks kept as `&#10;`, never as raw new lines. */
export function summaryPreformatted(text: string, max = 4_096): string {
  return truncate(text, max).replace(CONTROL, '\ufffd').replace(SUMMARY_SPECIALS, entity).replace(LINE_BREAKS, '&#10;')
}

// Built on first use: creating a segmenter loads ICU's break rules (~10 ms), which most runs never need.
let graphemes: Intl.Segmenter | undefined

/**
 * Cuts text to at most `max` characters (Unicode code points, as AWS counts them), never inside a character or a
 * grapheme (an emoji with its modifiers), marking the cut with an ellipsis.
 */
export function truncate(text: string, max: number): string {
  // UTF-16 length is never below the code-point count, so most text needs no closer look.
  if (text.length <= max || fitsIn(text, max)) return text
  let out = ''
  let used = 0
  // A prefix is enough to find the cut (max code points are at most 2 × max units), whatever the text's size.
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })
  for (const { segment } of graphemes.segment(text.slice(0, 2 * max + 64))) {
    const size = [...segment].length
    if (used + size > max - 1) break
    out += segment
    used += size
  }
  return `${out}…`
}

function fitsIn(text: string, max: number): boolean {
  let count = 0
  for (const _char of text) if (++count > max) return false
  return true
}

/** A list of outside values for one line: the first `limit`, then how many more. */
export function listSome(values: readonly string[], limit: number): string {
  const shown = values.slice(0, limit).join(', ')
  return values.length > limit ? `${shown}, … (${values.length - limit} more)` : shown
}
