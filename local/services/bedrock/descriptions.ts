import type { GetDataSourceResponse, GetKnowledgeBaseResponse } from '@aws-sdk/client-bedrock-agent'
import { ACCOUNT_ID, isoTime } from '../common/ids.js'
import type { Wire } from '../common/wire.js'
import type { DataSource, KnowledgeBase } from './model.js'

export function knowledgeBaseArn(region: string, kbId: string): string {
  return `arn:aws:bedrock:${region}:${ACCOUNT_ID}:knowledge-base/${kbId}`
}

/** GetKnowledgeBase: a vector knowledge base on RDS with Titan embeddings; only ids, names and times vary. */
export function describeKnowledgeBase(kb: KnowledgeBase, region: string): Wire<GetKnowledgeBaseResponse> {
  const ds = [...kb.dataSources.values()][0]
  return {
    knowledgeBase: {
      knowledgeBaseId: kb.id,
      name: kb.name,
      knowledgeBaseArn: knowledgeBaseArn(region, kb.id),
      description: 'Closed incidents, searchable (local stack)',
      roleArn: kb.roleArn,
      knowledgeBaseConfiguration: {
        type: 'VECTOR',
        vectorKnowledgeBaseConfiguration: {
          embeddingModelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.titan-embed-text-v2:0`
        }
      },
      storageConfiguration: {
        type: 'RDS',
        rdsConfiguration: {
          resourceArn: `arn:aws:rds:${region}:${ACCOUNT_ID}:cluster:incident-kb`,
          credentialsSecretArn: `arn:aws:secretsmanager:${region}:${ACCOUNT_ID}:secret:incident-kb`,
          databaseName: 'incidents',
          tableName: 'bedrock_integration.bedrock_kb',
          fieldMapping: {
            primaryKeyField: 'id',
            vectorField: 'embedding',
            textField: 'chunks',
            metadataField: 'metadata'
          }
        }
      },
      status: 'ACTIVE',
      createdAt: isoTime(kb.createdAt),
      updatedAt: isoTime(ds?.createdAt ?? kb.createdAt)
    }
  }
}

export function describeDataSource(ds: DataSource): Wire<GetDataSourceResponse> {
  return {
    dataSource: {
      knowledgeBaseId: ds.kbId,
      dataSourceId: ds.id,
      name: ds.name,
      status: 'AVAILABLE',
      dataSourceConfiguration: {
        type: 'S3',
        s3Configuration: { bucketArn: `arn:aws:s3:::${ds.bucket}`, inclusionPrefixes: ds.prefixes }
      },
      dataDeletionPolicy: 'DELETE',
      createdAt: isoTime(ds.createdAt),
      updatedAt: isoTime(ds.createdAt)
    }
  }
}
