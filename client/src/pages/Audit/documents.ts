import { graphql } from '../../gql/index.ts';

export const AuditRecordFieldsFragment = graphql(`
  fragment AuditRecordFields on AuditRecord {
    id
    seq
    at
    action
    userId
    user {
      id
      name
      email
    }
    targetType
    targetId
    targetUser {
      id
      name
      email
    }
    metadata
    model
    provider
    inputTokens
    outputTokens
    latencyMs
    promptHash
    responseHash
    prevHash
    hash
  }
`);

export const AuditPageQuery = graphql(`
  query AuditPage($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...PageFields
      }
      edges {
        node {
          ...AuditRecordFields
        }
      }
    }
  }
`);

export const AuditVerifyQuery = graphql(`
  query AuditVerify($from: DateTime, $to: DateTime) {
    auditVerify(from: $from, to: $to) {
      ok
      checkedRecords
      firstSeq
      lastSeq
      problem {
        kind
        seq
        recordId
      }
    }
    auditRetention {
      retentionDays
      oldestRecordAt
    }
  }
`);
