import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInputObjectType,
  isListType,
  Kind,
  typeFromAST,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { containsNul } from '../util/nul.ts';
// Every `ID` argument and input field names one of our rows, and their keys are UUIDs.
import { UUID } from '../schema/scalar-values.ts';


const badInput = (message: string, field?: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } });

const notAnId = (where: string) => badInput(`${where} is not a valid id`, where);
const hasNul = (where: string) => badInput(`${where} contains a NUL character`, where);

/** Literals in the document: checked once per document, as a validation rule (yoga caches validation). */
function literalHygieneRule(context: ValidationContext): ASTVisitor {
  const at = () => {
    const argument = context.getArgument();
    return argument ? argument.name : 'a value';
  };
  return {
    StringValue(node) {
      if (node.value.includes('\0')) context.reportError(hasNul(at()));
      else if (getNamedType(context.getInputType() ?? undefined)?.name === 'ID' && !UUID.test(node.value)) context.reportError(notAnId(at()));
    },
    IntValue() {
      if (getNamedType(context.getInputType() ?? undefined)?.name === 'ID') context.reportError(notAnId(at()));
    },
  };
}

/** The first problem in a variable's value, walked along its declared type. */
function checkValue(type: GraphQLInputType, value: unknown, where: string): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const problem = checkValue(nullable.ofType, items[i], where);
      if (problem) return problem;
    }
    return undefined;
  }
  if (isInputObjectType(nullable)) {
    if (typeof value !== 'object') return undefined;
    const fields = nullable.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      // Unknown fields are refused by GraphQL's own coercion; only their strings matter here.
      const problem = field ? checkValue(field.type, item, key) : deepNul(item, key);
      if (problem) return problem;
    }
    return undefined;
  }
  if (nullable.name === 'ID') return typeof value === 'string' && UUID.test(value) ? undefined : notAnId(where);
  return deepNul(value, where);
}

/** NUL anywhere in a JSON value (PostgreSQL text cannot hold it). */
const deepNul = (value: unknown, where: string) => (containsNul(value) ? hasNul(where) : undefined);

function checkVariables(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined) {
  if (!variables) return undefined;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (operationName && definition.name?.value !== operationName) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      const name = variable.variable.name.value;
      const problem = type ? checkValue(type, variables[name], name) : undefined;
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * Refuses, with BAD_USER_INPUT, what PostgreSQL would refuse with an internal
 * error: ids that are not UUIDs and strings holding NUL characters, in
 * literals and variables alike (REST routes pass theirs as variables).
 * Impossible dates are refused by the Date and DateTime scalars themselves.
 */
export function useInputHygiene(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(literalHygieneRule);
    },
    onExecute({ args, setResultAndStopExecution }) {
      const problem = checkVariables(args.schema, args.document, args.operationName, args.variableValues);
      if (problem) setResultAndStopExecution({ errors: [problem] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const problem = checkVariables(args.schema, args.document, args.operationName, args.variableValues);
      if (problem) setResultAndStopExecution({ errors: [problem] });
    },
  };
}
