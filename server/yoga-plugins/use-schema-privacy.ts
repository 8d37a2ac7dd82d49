import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { withoutSuggestions } from './mask-error.ts';

/** Whether a query operation asks for `__schema` or `__type` (they exist on the query root only). */
export function selectsIntrospection(document: DocumentNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const seen = new Set<string>();
  const root = (set: SelectionSetNode): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === '__schema' || s.name.value === '__type';
      if (s.kind === Kind.INLINE_FRAGMENT) return root(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      const fragment = fragments.get(s.name.value);
      return fragment ? root(fragment.selectionSet) : false;
    });
  return document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query' && root(d.selectionSet));
}

/**
 * Production: the schema is shown to signed-in callers only. An anonymous
 * introspection query answers UNAUTHENTICATED (`__typename` stays open; it
 * names one type, not the schema), and validation messages lose their
 * "Did you mean ...?" hints, which would spell the schema out field by field.
 * Errors raised later (variable coercion) lose theirs in the error mask.
 */
export function useSchemaPrivacy(): Plugin<Context> {
  const introspective = new WeakMap<DocumentNode, boolean>();
  return {
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(
          result.map((e) => {
            const message = withoutSuggestions(e.message);
            return message === e.message ? e : new GraphQLError(message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, originalError: e.originalError, extensions: e.extensions });
          }),
        );
      };
    },
    onExecute({ args, setResultAndStopExecution }) {
      if (args.contextValue.viewer) return;
      let asks = introspective.get(args.document);
      if (asks === undefined) introspective.set(args.document, (asks = selectsIntrospection(args.document)));
      if (asks) {
        setResultAndStopExecution({
          errors: [new GraphQLError('Sign in first: the schema is shown to signed-in callers only', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } })],
        });
      }
    },
  };
}
