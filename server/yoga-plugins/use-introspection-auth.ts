import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';

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
 * In production the schema is shown to signed-in callers only: an anonymous
 * introspection query answers UNAUTHENTICATED. (`__typename` stays open; it
 * names one type, not the schema.)
 */
export function useIntrospectionAuth(): Plugin<Context> {
  const introspective = new WeakMap<DocumentNode, boolean>();
  return {
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
