import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'

// Built on first use and kept for the life of the execution environment, so warm invocations reuse connections.
// Standard SDK configuration only: region, credentials and AWS_ENDPOINT_URL* come from the environment.
let dynamo: DynamoDBClient | undefined
let s3: S3Client | undefined

export function dynamoClient(): DynamoDBClient {
  return (dynamo ??= new DynamoDBClient({}))
}

export function s3Client(): S3Client {
  return (s3 ??= new S3Client({}))
}
