import { describe, expect, it } from '@jest/globals'
import { listSome, logText, summaryPreformatted, summaryText, truncate } from '../src/text.js'

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
