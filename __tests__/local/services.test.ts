import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2
} from '@aws-sdk/client-s3'
import { DescribeTableCommand, DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { startStack, type Stack } from '../../local/stack.js'

let stack: Stack
let s3: S3Client
let ddb: DynamoDBClient

beforeAll(async () => {
  stack = await startStack()
  s3 = new S3Client({ ...stack.clientConfig, maxAttempts: 1 })
  ddb = new DynamoDBClient({ ...stack.clientConfig })
})

afterAll(async () => {
  s3.destroy()
  ddb.destroy()
  await stack.stop()
})

describe('S3 (path-style REST)', () => {
  const Bucket = (): string => stack.ids.bucket

  it('puts and gets objects with the SDK default checksums (header and aws-chunked stream)', async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: Bucket(), Key: 'misc/a.json', Body: '{"a":1}', ContentType: 'application/json' })
    )
    expect(put.ETag).toBe(`"${createHash('md5').update('{"a":1}').digest('hex')}"`)
    const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: 'misc/a.json' }))
    expect(await got.Body?.transformToString()).toBe('{"a":1}')
    expect(got.ContentType).toBe('application/json')

    const body = 'line\n'.repeat(5000)
    await s3.send(
      new PutObjectCommand({
        Bucket: Bucket(),
        Key: 'misc/stream.txt',
        Body: Readable.from([Buffer.from(body)]),
        ContentLength: body.length
      })
    )
    expect(stack.s3.get(Bucket(), 'misc/stream.txt')?.body.toString()).toBe(body)

    const head = await s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key: 'misc/a.json' }))
    expect(head.ContentLength).toBe(7)
  })

  it('answers NoSuchKey / NotFound for missing objects and NoSuchBucket for missing buckets', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: Bucket(), Key: 'nope' }))).rejects.toMatchObject({
      name: 'NoSuchKey'
    })
    await expect(s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key: 'nope' }))).rejects.toMatchObject({
      name: 'NotFound'
    })
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' }))).rejects.toMatchObject({
      name: 'NoSuchBucket'
    })
  })

  it('lists with prefix, delimiter and continuation tokens', async () => {
    for (let i = 0; i < 5; i++) stack.s3.put(Bucket(), `list/k${i}.json`, '{}')
    stack.s3.put(Bucket(), 'list/sub/x.json', '{}')
    const keys: string[] = []
    for await (const page of paginateListObjectsV2(
      { client: s3, pageSize: 2 },
      { Bucket: Bucket(), Prefix: 'list/' }
    )) {
      keys.push(...(page.Contents ?? []).map((o) => o.Key as string))
    }
    expect(keys).toEqual([
      'list/k0.json',
      'list/k1.json',
      'list/k2.json',
      'list/k3.json',
      'list/k4.json',
      'list/sub/x.json'
    ])
    const top = await s3.send(new ListObjectsV2Command({ Bucket: Bucket(), Prefix: 'list/', Delimiter: '/' }))
    expect(top.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['list/sub/'])
    expect(top.KeyCount).toBe(6)
    await s3.send(new DeleteObjectsCommand({ Bucket: Bucket(), Delete: { Objects: keys.map((Key) => ({ Key })) } }))
    expect(stack.s3.list(Bucket(), 'list/')).toEqual([])
  })

  it('deletes conditionally with If-Match: 412 when the object changed, 404 when it is gone', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'cond/a.json', Body: '{"v":1}' }))
    const first = stack.s3.get(Bucket(), 'cond/a.json')?.sequence ?? 0
    await s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'cond/a.json', Body: '{"v":1}' }))
    // Same bytes, same ETag, but written again: the store's write counter tells.
    expect(stack.s3.get(Bucket(), 'cond/a.json')?.etag).toBe(put.ETag)
    expect(stack.s3.get(Bucket(), 'cond/a.json')?.sequence).toBeGreaterThan(first)
    const del = (IfMatch: string) => s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: 'cond/a.json', IfMatch }))
    await expect(del('"0123456789abcdef0123456789abcdef"')).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 }
    })
    await del(put.ETag as string)
    expect(stack.s3.get(Bucket(), 'cond/a.json')).toBeUndefined()
    await expect(del('*')).rejects.toMatchObject({ name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } })
    // Unconditional deletes of a missing key succeed, as S3's do.
    await s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: 'cond/a.json' }))
    stack.s3.put(Bucket(), 'cond/b.json', '{}')
    await s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key: 'cond/b.json', IfMatch: '*' }))
    expect(stack.s3.get(Bucket(), 'cond/b.json')).toBeUndefined()
  })

  it('fault hooks: AccessDenied names s3:PutObject and the object ARN', async () => {
    stack.faults.accessDenied('PutObject', 1)
    await expect(s3.send(new PutObjectCommand({ Bucket: Bucket(), Key: 'x.json', Body: '{}' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining(`s3:PutObject on resource: arn:aws:s3:::${Bucket()}/x.json`)
    })
  })
})

describe('DynamoDB (dynalite)', () => {
  it('has the seed table and its GSI with projection ALL', async () => {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName: 'incidents' }))
    expect(Table?.KeySchema).toEqual([{ AttributeName: 'incident_id', KeyType: 'HASH' }])
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({
      IndexName: 'status-priority-index',
      KeySchema: [
        { AttributeName: 'status', KeyType: 'HASH' },
        { AttributeName: 'priority', KeyType: 'RANGE' }
      ],
      Projection: { ProjectionType: 'ALL' }
    })
  })

  it('seeds a deterministic mix of incidents that the backlog query sees', async () => {
    const seeded = await stack.seedIncidents(40)
    expect(new Set(seeded.map((i) => i.status)).size).toBeGreaterThan(1)
    const truth = await stack.truth()
    const query = (): Promise<number | undefined> =>
      ddb
        .send(
          new QueryCommand({
            TableName: 'incidents',
            IndexName: 'status-priority-index',
            KeyConditionExpression: '#s = :closed',
            FilterExpression: 'attribute_not_exists(kb_sync_status.synced) OR kb_sync_status.synced = :false',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':closed': { S: 'CLOSED' }, ':false': { BOOL: false } },
            Select: 'COUNT'
          })
        )
        .then((r) => r.Count)
    expect(await query()).toBe(truth.pendingIds.length)
    expect(truth.pendingIds.length).toBeGreaterThan(0)

    stack.faults.throttle('Query', 1)
    expect(await query()).toBe(truth.pendingIds.length)
    stack.faults.accessDenied('dynamodb:Query', 1)
    await expect(query()).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message: expect.stringContaining(
        'dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:123456789012:table/incidents/index/status-priority-index'
      )
    })
  })

  it('refuses requests signed for another region', async () => {
    const elsewhere = new DynamoDBClient({ ...stack.clientConfig, region: 'eu-west-1' })
    await expect(elsewhere.send(new DescribeTableCommand({ TableName: 'incidents' }))).rejects.toMatchObject({
      name: 'InvalidSignatureException'
    })
    elsewhere.destroy()
  })
})

describe('stack.env', () => {
  it('is all a standard SDK client (in another process) needs, OIDC and STS included', async () => {
    await stack.seedIncidents(5, { status: 'CLOSED' })
    const script = fileURLToPath(new URL('./fixtures/env-client.mjs', import.meta.url))
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [script, stack.ids.knowledgeBaseId, stack.ids.functionName, stack.ids.bucket, stack.ids.roleArn],
      {
        env: { PATH: process.env.PATH ?? '', ...stack.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        cwd: fileURLToPath(new URL('../..', import.meta.url))
      }
    )
    expect(JSON.parse(stdout)).toMatchObject({
      lambda: 204,
      bedrock: 'ACTIVE',
      retrieve: 0,
      dynamodb: expect.any(Number),
      s3: expect.any(Number),
      identity: 'arn:aws:sts::123456789012:assumed-role/kb-sync-github-actions/env-client'
    })
  })
})
