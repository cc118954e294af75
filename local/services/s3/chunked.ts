import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { AwsError, type Call } from '../common/protocol.js'

/**
 * An upload's bytes as S3 stores them: `aws-chunked` framing undone, then checked against the `Content-MD5` and the
 * CRC32 checksum the client sent (in a header, or in a trailer when it streams), as S3 checks them.
 */
export async function uploadedBody(call: Call): Promise<Buffer> {
  const { body, trailers } = decodeBody(call, await call.body())
  const md5 = call.headers['content-md5']
  if (typeof md5 === 'string' && createHash('md5').update(body).digest('base64') !== md5) {
    throw new AwsError(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.')
  }
  // CRC32 is the SDK's default upload checksum.
  const claimed = call.headers['x-amz-checksum-crc32'] ?? trailers['x-amz-checksum-crc32']
  if (typeof claimed === 'string') {
    const actual = Buffer.alloc(4)
    actual.writeUInt32BE(crc32(body) >>> 0)
    if (actual.toString('base64') !== claimed) {
      throw new AwsError(400, 'BadDigest', 'The CRC32 you specified did not match the calculated checksum.')
    }
  }
  return body
}

/**
 * Undoes `aws-chunked` content encoding: what the SDK sends when it streams a body with a trailing checksum
 * (its default for uploads unless AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED).
 */
export function decodeBody(call: Call, raw: Buffer): { body: Buffer; trailers: Record<string, string> } {
  const encoding = String(call.headers['content-encoding'] ?? '')
  const sha = String(call.headers['x-amz-content-sha256'] ?? '')
  if (!encoding.includes('aws-chunked') && !sha.startsWith('STREAMING-')) return { body: raw, trailers: {} }
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = raw.indexOf('\r\n', at)
    if (eol === -1) throw new AwsError(400, 'IncompleteBody', 'The request body terminated unexpectedly')
    const size = parseInt(raw.subarray(at, eol).toString('latin1').split(';')[0] ?? '', 16)
    if (!Number.isFinite(size)) throw new AwsError(400, 'InvalidRequest', 'Invalid chunk size in aws-chunked body')
    at = eol + 2
    if (size === 0) break
    parts.push(raw.subarray(at, at + size))
    at += size + 2
  }
  const trailers: Record<string, string> = {}
  for (const line of raw.subarray(at).toString('latin1').split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return { body: Buffer.concat(parts), trailers }
}
