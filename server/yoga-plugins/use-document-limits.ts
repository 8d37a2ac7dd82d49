import { GraphQLError, Kind, parse, type ASTVisitor, type DocumentNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface DocumentLimits {
  /** Lexical tokens in one document; bounds parser work before anything else runs. */
  maxTokens: number;
  /** Aliased fields in one operation; aliases are the cheap way to repeat an expensive field. */
  maxAliases: number;
  /**
   * Selections (fields, fragment spreads, inline fragments) in one document,
   * counted right after parsing. Validation compares overlapping fields pair by
   * pair, so a document of a thousand repeats of one field costs quadratic time
   * before any other limit looks at it.
   */
  maxSelections: number;
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

/** Selections in every operation and fragment of the document; stops counting past `limit`. */
export function countSelections(document: DocumentNode, limit = Infinity): number {
  const pending: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) pending.push(definition.selectionSet);
  }
  let count = 0;
  while (pending.length && count <= limit) {
    for (const selection of pending.pop()!.selections) {
      count++;
      if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) pending.push(selection.selectionSet);
    }
  }
  return count;
}

/** Token, selection and alias limits. Depth and cost are enforced by the schema's complexity plugin. */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        const document = parse(source, { ...options, maxTokens: limits.maxTokens });
        // Before validation, which is where repeated fields cost.
        if (countSelections(document, limits.maxSelections) > limits.maxSelections) {
          throw new GraphQLError(`Too many selections: more than ${limits.maxSelections} fields and fragments in one document`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', kind: 'SELECTIONS' },
          });
        }
        return document;
      });
    },
    onValidate({ addValidationRule }) {
      addValidationRule(maxAliasesRule(limits.maxAliases));
    },
  };
}
