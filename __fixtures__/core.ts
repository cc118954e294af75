/**
 * A stand-in for @actions/core in unit tests of the runner adapter: it records what the action tells the runner
 * (outputs, log lines, annotations, the summary and the failure) instead of printing workflow commands.
 */
import { jest } from '@jest/globals'

export const outputs: Record<string, string> = {}
export const lines: string[] = []
export const annotations: { level: 'error' | 'warning'; message: string; title?: string }[] = []
export const failures: string[] = []
export const masked: string[] = []
const written: string[] = []
let buffer = ''

export const setOutput = jest.fn((name: string, value: string) => void (outputs[name] = value))
export const info = jest.fn((message: string) => void lines.push(message))
export const debug = jest.fn((message: string) => void lines.push(`debug: ${message}`))
export const warning = jest.fn((message: string) => void annotations.push({ level: 'warning', message }))
export const error = jest.fn(
  (message: string, properties?: { title?: string }) =>
    void annotations.push({ level: 'error', message, ...(properties?.title ? { title: properties.title } : {}) })
)
export const setFailed = jest.fn((message: string) => void failures.push(message))
export const setSecret = jest.fn((secret: string) => void masked.push(secret))
export const getIDToken = jest.fn(async (audience: string) => `token-for-${audience}`)
export const group = jest.fn(async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  lines.push(`group: ${name}`)
  return fn()
})

const add = (text: string): typeof summary => {
  buffer += `${text}\n`
  return summary
}
export const summary = {
  addHeading: (text: string, level: number | string = 1) => add(`<h${level}>${text}</h${level}>`),
  addRaw: (text: string) => add(text),
  addTable: (rows: unknown[][]) => add(`<table>${JSON.stringify(rows)}</table>`),
  addList: (items: string[]) => add(`<ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`),
  addDetails: (label: string, content: string) => add(`<details><summary>${label}</summary>${content}</details>`),
  stringify: () => buffer,
  emptyBuffer: () => {
    buffer = ''
    return summary
  },
  write: jest.fn(async () => {
    written.push(buffer)
    return summary
  })
}

/** The summaries written so far, one per write. */
export function writtenSummaries(): string[] {
  return written
}

export function resetCore(): void {
  for (const key of Object.keys(outputs)) delete outputs[key]
  for (const list of [lines, annotations, failures, masked, written]) list.length = 0
  buffer = ''
}
