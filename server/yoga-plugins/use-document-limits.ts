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
  /**
   * Pairs of same-named fields that validation would compare (see
   * `countFieldPairs`). Bounds the quadratic part of validation that a
   * selection count alone leaves open: 500 repeats of \`me { id }\` are only
   * 1,000 selections but about 250,000 comparisons.
   */
  maxFieldPairs: number;
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

/**
 * Pairs of fields with the same response name that GraphQL's
 * OverlappingFieldsCanBeMerged rule compares, worked out without comparing
 * them: fields are grouped by response name across fragments, and the
 * sub-selections of each group are merged into one scope, since validation
 * compares those pairwise too. Counting stops once past `limit`, and a document
 * whose fragments expand to more than `maxVisits` selections counts as over it.
 */
export function countFieldPairs(document: DocumentNode, limit: number, maxVisits = 50_000): number {
  const fragments = new Map<string, SelectionSetNode>();
  const scopes: SelectionSetNode[][] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
    // Validation checks every selection set, fragments' own included.
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) scopes.push([d.selectionSet]);
  }
  let pairs = 0;
  let visits = 0;
  while (scopes.length) {
    const pending = scopes.pop()!;
    const expanded = new Set<string>();
    const byName = new Map<string, { count: number; subsets: SelectionSetNode[] }>();
    while (pending.length) {
      for (const selection of pending.pop()!.selections) {
        if (++visits > maxVisits) return Infinity;
        if (selection.kind === Kind.FIELD) {
          const name = selection.alias?.value ?? selection.name.value;
          let group = byName.get(name);
          if (!group) byName.set(name, (group = { count: 0, subsets: [] }));
          group.count++;
          if (selection.selectionSet) group.subsets.push(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          pending.push(selection.selectionSet);
        } else if (!expanded.has(selection.name.value)) {
          expanded.add(selection.name.value);
          const fragment = fragments.get(selection.name.value);
          if (fragment) pending.push(fragment);
        }
      }
    }
    for (const group of byName.values()) {
      pairs += (group.count * (group.count - 1)) / 2;
      if (pairs > limit) return pairs;
      if (group.subsets.length) scopes.push(group.subsets);
    }
  }
  return pairs;
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
        if (countFieldPairs(document, limits.maxFieldPairs) > limits.maxFieldPairs) {
          throw new GraphQLError(`Too many repeated fields: the same field is selected so often at one level that checking the document would cost too much`, {
            extensions: { code: 'QUERY_TOO_COMPLEX', kind: 'REPEATED_FIELDS' },
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
