import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type GetItemInput,
  type QueryInput
} from '@aws-sdk/client-dynamodb'
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb'
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { crc32 } from 'node:zlib'
import dynalite from 'dynalite'
import { ACCOUNT_ID } from './common/ids.js'
import { AwsError, sendJson, type Call } from './common/protocol.js'
import type { Faults } from './faults/faults.js'
import type { Unchecked } from './common/wire.js'
import { FaultedService, type FaultStyle, type PrincipalOf } from './gateway/service.js'

const PREFIX = 'com.amazonaws.dynamodb.v20120810#'

const DATA_PLANE = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems'
])

const STYLE: FaultStyle = {
  service: 'dynamodb',
  // Item and query operations throttle as a table over its capacity; table operations as the control plane.
  throttle: (operation) =>
    DATA_PLANE.has(operation)
      ? new AwsError(
          400,
          'ProvisionedThroughputExceededException',
          'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.'
        )
      : new AwsError(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.'),
  denied: (message) => new AwsError(400, 'AccessDeniedException', message),
  iamAction: (op) => `dynamodb:${op}`
}

/** The members of a request that name what it touches: a table, an index, an item's key. */
type Target = Unchecked<Pick<QueryInput, 'TableName' | 'IndexName'> & Pick<GetItemInput, 'Key'>>

function requestOf(body: Buffer): Target {
  return JSON.parse(body.toString('utf8') || '{}') as Target
}

/** dynalite writes the response itself: its error code is read back from the body for the call log. */
function keepErrorCode(call: Call): void {
  const res = call.res
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (res.statusCode >= 400 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
      try {
        const type = (JSON.parse(chunk.toString()) as { __type?: unknown }).__type
        if (typeof type === 'string') call.errorCode = type.slice(type.indexOf('#') + 1)
      } catch {
        // Not JSON: no code to log.
      }
    }
    return end(chunk, ...rest)
  }) as ServerResponse['end']
}

/**
 * DynamoDB is dynalite, in process. The gateway hands it the untouched request (the operation is in the
 * X-Amz-Target header, so routing and faults need no body), and the stack's own setup and checks talk to
 * dynalite's port directly, outside the call log and the faults.
 */
export class DynamoService extends FaultedService {
  readonly name = 'dynamodb'
  private server: Server | undefined
  private listener: RequestListener | undefined
  private endpoint = ''
  private client: DynamoDBClient | undefined

  constructor(
    faults: Faults,
    principalOf: PrincipalOf,
    private readonly region: string
  ) {
    super(faults, STYLE, principalOf)
  }

  async start(): Promise<void> {
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    this.server = server
    this.listener = server.listeners('request')[0] as RequestListener
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.client?.destroy()
    const server = this.server
    this.server = undefined
    if (server === undefined) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** A client straight to dynalite: no faults, not in the call log. */
  get internal(): DynamoDBClient {
    return (this.client ??= new DynamoDBClient({
      endpoint: this.endpoint,
      region: this.region,
      credentials: { accessKeyId: 'STACKINTERNAL', secretAccessKey: 'local' }
    }))
  }

  sendError(call: Call, err: AwsError): void {
    const body = { __type: `${PREFIX}${err.code}`, message: err.message }
    // DynamoDB checksums every answer, errors too (as dynalite does for its own).
    const crc = String(crc32(JSON.stringify(body)) >>> 0)
    sendJson(
      call.res,
      err.status,
      body,
      { 'x-amzn-RequestId': call.requestId, 'x-amz-crc32': crc, ...err.headers },
      'application/x-amz-json-1.0'
    )
  }

  async handle(call: Call): Promise<void> {
    const operation = String(call.headers['x-amz-target'] ?? '').split('.')[1] ?? 'Unknown'
    await this.admit(call, operation, {
      resource: async () => {
        const request = requestOf(await call.body())
        const table = `arn:aws:dynamodb:${this.region}:${ACCOUNT_ID}:table/${String(request.TableName ?? '*')}`
        return request.IndexName ? `${table}/index/${String(request.IndexName)}` : table
      },
      key: (body) =>
        Object.values((requestOf(body).Key ?? {}) as Record<string, Record<string, unknown>>)
          .map((v) => String(Object.values(v)[0]))
          .join('|')
    })
    keepErrorCode(call)
    // The body has been read (faults look at it): dynalite gets a replay. It also never sees the client's socket
    // errors, which it would rethrow as uncaught exceptions.
    const body = await call.body()
    const replay = Object.assign(Readable.from(body.length > 0 ? [body] : []), {
      headers: call.headers,
      method: call.method,
      url: call.raw.url
    })
    this.listener?.(replay as unknown as IncomingMessage, call.res)
  }

  /** The seed's table: `incident_id` key and the `status-priority-index` GSI (projection ALL). */
  async createIncidentsTable(table: string, index: string): Promise<void> {
    await this.internal.send(
      new CreateTableCommand({
        TableName: table,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'incident_id', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'priority', AttributeType: 'S' }
        ],
        KeySchema: [{ AttributeName: 'incident_id', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: index,
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'priority', KeyType: 'RANGE' }
            ],
            Projection: { ProjectionType: 'ALL' }
          }
        ]
      })
    )
  }

  async putItems(table: string, items: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < items.length; i += 25) {
      let requests = items
        .slice(i, i + 25)
        .map((item) => ({ PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) } }))
      while (requests.length > 0) {
        const res = await this.internal.send(new BatchWriteItemCommand({ RequestItems: { [table]: requests } }))
        requests = (res.UnprocessedItems?.[table] ?? []) as typeof requests
      }
    }
  }

  async scan(table: string): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = []
    let start: Record<string, AttributeValue> | undefined
    do {
      const page = await this.internal.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }))
      for (const item of page.Items ?? []) out.push(unmarshall(item))
      start = page.LastEvaluatedKey
    } while (start)
    return out
  }
}
