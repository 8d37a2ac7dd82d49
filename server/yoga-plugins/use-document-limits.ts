import { GraphQLError, Kind, parse, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface DocumentLimits {
  /** Lexical tokens in one document; bounds parser work before anything else runs. */
  maxTokens: number;
  /** Aliased fields in one operation; aliases are the cheap way to repeat an expensive field. */
  maxAliases: number;
}

function maxAliasesRule(limit: number) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === limit + 1) {
          context.reportError(
            new GraphQLError(`Too many aliases: more than ${limit} in one document`, { nodes: [node], extensions: { code: 'QUERY_TOO_COMPLEX', kind: 'ALIASES' } }),
          );
        }
      },
      [Kind.DOCUMENT]: { enter: () => void (aliases = 0) },
    };
  };
}

/** Token and alias limits. Depth and cost are enforced by the schema's complexity plugin. */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parse(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxAliasesRule(limits.maxAliases));
    },
  };
}
