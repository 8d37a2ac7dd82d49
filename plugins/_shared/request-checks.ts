/**
 * Checks every plugin makes on a v2 request before translating it: the gateway's
 * own refusals, raised before anything goes upstream.
 */
import { ProviderError, type ChatMessage, type ToolCall, type ToolDefinition } from '../plugin-api.ts';

/** A request the plugin cannot translate because it breaks the contract (not a missing vendor feature). */
export function malformedRequest(message: string): ProviderError {
  return new ProviderError(`invalid request: ${message}`, { kind: 'bad_request', retryable: false });
}

/** Parses a tool call's JSON arguments for vendors that take them as an object. */
export function argumentsObject(call: ToolCall): Record<string, unknown> {
  if (call.arguments.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(call.arguments);
  } catch {
    throw malformedRequest(`the arguments of tool call ${call.id} (${call.name}) are not valid JSON`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw malformedRequest(`the arguments of tool call ${call.id} (${call.name}) are not a JSON object`);
  return value as Record<string, unknown>;
}

/** The tool name of each earlier call, by call id, for vendors that answer tool results by name. */
export function toolNamesById(messages: ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of messages) for (const c of m.toolCalls ?? []) names.set(c.id, c.name);
  return names;
}

/** The id a tool message answers, or a refusal when it has none. */
export function toolCallIdOf(m: ChatMessage, index: number): string {
  if (!m.toolCallId) throw malformedRequest(`message ${index} is a tool result without toolCallId`);
  return m.toolCallId;
}

/** The named tool of a `{ name }` tool choice, checked against the tools offered. */
export function namedTool(tools: ToolDefinition[] | undefined, name: string): string {
  if (!tools?.some((t) => t.name === name)) throw malformedRequest(`tool choice names "${name}", which is not among the tools offered`);
  return name;
}
