/** The command writer prints exactly what @actions/core prints for the same calls, so the runner reads both alike. */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { workflow } from '../src/workflow-commands.js'

let written: string[] = []

beforeEach(() => {
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
})

function printed(fn: () => unknown): string {
  written = []
  fn()
  return written.join('')
}

const awkward = ['plain', '50% done\r\nnext: a, b', '::error::not a command', '', 'ünïcødé 🚀']

describe('workflow', () => {
  it.each(awkward)('prints %j as @actions/core does', (text) => {
    expect(printed(() => workflow.info(text))).toBe(printed(() => core.info(text)))
    expect(printed(() => workflow.debug(text))).toBe(printed(() => core.debug(text)))
    expect(printed(() => workflow.warning(text))).toBe(printed(() => core.warning(text)))
    expect(printed(() => workflow.addMask(text))).toBe(printed(() => core.setSecret(text)))
  })

  it('opens and closes a group around the work, also when it throws, as @actions/core does', async () => {
    const ours = await workflow.group('step: one', async () => {
      written.push('work\n')
      return 'value'
    })
    const mine = written.join('')
    written = []
    await core.group('step: one', async () => written.push('work\n'))
    expect(mine).toBe(written.join(''))
    expect(ours).toBe('value')

    written = []
    await expect(
      workflow.group('failing', async () => {
        throw new Error('boom')
      })
    ).rejects.toThrow('boom')
    expect(written).toEqual(['::group::failing\n', '::endgroup::\n'])
  })
})
