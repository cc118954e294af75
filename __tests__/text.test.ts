import { describe, expect, it } from '@jest/globals'
import { listSome, logText, summaryPreformatted, summaryText, terminalText, truncate } from '../src/text.js'

/** Whether the runner would read a line as a workflow command (its two parsers: `::cmd::` and `##[cmd]`). */
function isCommand(line: string): boolean {
  return line.trimStart().startsWith('::') || line.includes('##[')
}

describe('logText', () => {
  const hostile = [
    '::add-mask::hunter2',
    '   ::error title=fake::not ours',
    'ok\n::stop-commands::token',
    'a\r::warning::carriage return',
    'x\u2028::notice::line separator\u2029::debug::paragraph\u0085::group::next line',
    'inline ##[add-mask]legacy form',
    '##[set-output name=status;]completed',
    'vertical\u000b::error::tab\u000c::error::form feed',
    '\u001b[2K\u001b[1A::error::rewritten line'
  ]

  it('never lets outside text start or contain a workflow command on any line', () => {
    for (const text of hostile) {
      const line = logText(text)
      for (const part of line.split(/\r\n|\r|\n/)) expect(isCommand(part)).toBe(false)
      for (const char of ['\r', '\n', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001b'])
        expect(line).not.toContain(char)
    }
  })

  it('keeps ordinary text readable, including ARNs with double colons', () => {
    expect(logText('arn:aws:iam::123456789012:role/kb-sync')).toBe('arn:aws:iam::123456789012:role/kb-sync')
    expect(logText('line one\nline two')).toBe('line one ⏎ line two')
  })
})

describe('summaryText', () => {
  it('turns every HTML and Markdown special into a character reference and line breaks into <br>', () => {
    expect(summaryText('<b>x</b> & [a](b) *c* `d`\n\n# e')).toBe(
      '&#60;b&#62;x&#60;/b&#62; &#38; &#91;a&#93;&#40;b&#41; &#42;c&#42; &#96;d&#96;<br><br>&#35; e'
    )
  })

  it('is bounded', () => {
    expect(summaryText('x'.repeat(10_000), 100).length).toBeLessThan(120)
  })
})

describe('summaryPreformatted', () => {
  it('keeps line breaks as references, so no raw blank line reaches the Markdown', () => {
    expect(summaryPreformatted('a\n\nb <c>')).toBe('a&#10;&#10;b &#60;c&#62;')
  })
})

describe('truncate', () => {
  it('leaves text within the limit alone', () => {
    expect(truncate('abc', 3)).toBe('abc')
    expect(truncate('😀😀', 2)).toBe('😀😀')
  })

  it('counts code points and never cuts inside a character or grapheme', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…')
    expect(truncate('e\u0301e\u0301e\u0301', 4)).toBe('e\u0301…')
  })

  it('handles huge text without reading all of it', () => {
    expect(truncate('y'.repeat(5_000_000), 10)).toBe(`${'y'.repeat(9)}…`)
  })
})

describe('listSome', () => {
  it('lists the first values and says how many more there are', () => {
    expect(listSome(['a', 'b', 'c'], 5)).toBe('a, b, c')
    expect(listSome(['a', 'b', 'c'], 2)).toBe('a, b, … (1 more)')
  })
})

describe('terminalText', () => {
  it('leaves a terminal nothing to act on: no escape, C0 or C1 control, bidi override, line break or tab', () => {
    const hostile =
      '\u001b[31mred\u001b]0;title\u0007 \u009b2J c1 \u202eevil\u202c\u2066iso\u2069 a\nb\r\nc\td ::error::x'
    const line = terminalText(hostile)
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/)
    expect(line).toBe(
      '\ufffd[31mred\ufffd]0;title\ufffd \ufffd2J c1 \ufffdevil\ufffd\ufffdiso\ufffd a ⏎ b ⏎ c d ::error::x'
    )
  })

  it('is as safe as logText in a workflow log, and keeps ordinary text as it is', () => {
    expect(terminalText('::add-mask::x').startsWith('::')).toBe(false)
    expect(terminalText('arn:aws:iam::123456789012:role/kb-sync — ✅ done')).toBe(
      'arn:aws:iam::123456789012:role/kb-sync — ✅ done'
    )
    expect(terminalText('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`)
  })
})
