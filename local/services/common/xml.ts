import type { ServerResponse } from 'node:http'
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'

/** `@_` members are attributes (`@_xmlns`); arrays repeat their element; undefined members are left out. */
const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' })

/** An XML document with one root element, as a plain object. */
export type XmlDocument = Record<string, unknown>

export function toXml(document: XmlDocument): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document) as string}`
}

export function sendXml(
  res: ServerResponse,
  status: number,
  document: XmlDocument,
  headers: Record<string, string> = {}
): void {
  const text = toXml(document)
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

/**
 * Parses a request body. Text stays text, untrimmed (an S3 key may be `0123` or end in a space); character
 * references are decoded; elements named in `lists` are always arrays, however many there are. Text that is not
 * well-formed XML throws a `SyntaxError`.
 */
export function parseXml(text: string, lists: readonly string[] = []): XmlDocument {
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new SyntaxError(`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`)
  const parser = new XMLParser({
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: false,
    htmlEntities: true,
    isArray: (name) => lists.includes(name)
  })
  return parser.parse(text) as XmlDocument
}
