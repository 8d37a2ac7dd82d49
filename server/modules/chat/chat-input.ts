import { createHash } from 'node:crypto';
import { contentText, type ChatMessage } from '../../../plugins/plugin-api.ts';
import { badInput } from '../../errors.ts';

export interface ChatInput {
  model: string;
  messages: ChatMessage[];
  temperature?: number | null;
  maxTokens?: number | null;
  stop?: string[] | null;
}

const LIMITS = { messages: 500, messageChars: 500_000, totalChars: 1_000_000, stop: 4, stopChars: 100, maxTokens: 1_000_000 };

/** Rejects what no provider could take, before any quota is reserved. */
export function validateChatInput(input: ChatInput, knownModel: (name: string) => boolean): void {
  if (!knownModel(input.model)) throw badInput(`Unknown model "${input.model.slice(0, 100)}"; Query.models lists the ones you may use`, 'model');
  if (input.messages.length === 0) throw badInput('messages must not be empty', 'messages');
  if (input.messages.length > LIMITS.messages) throw badInput(`At most ${LIMITS.messages} messages`, 'messages');
  let total = 0;
  for (const m of input.messages) {
    const length = contentText(m.content).length;
    if (length > LIMITS.messageChars) throw badInput(`A message may hold at most ${LIMITS.messageChars} characters`, 'messages');
    total += length;
  }
  if (total > LIMITS.totalChars) throw badInput(`All messages together may hold at most ${LIMITS.totalChars} characters`, 'messages');
  if (!input.messages.some((m) => m.role !== 'system')) throw badInput('messages need at least one user or assistant message', 'messages');
  if (input.temperature != null && !(input.temperature >= 0 && input.temperature <= 2)) throw badInput('temperature must be between 0 and 2', 'temperature');
  if (input.maxTokens != null && !(Number.isInteger(input.maxTokens) && input.maxTokens >= 1 && input.maxTokens <= LIMITS.maxTokens)) {
    throw badInput(`maxTokens must be a whole number from 1 to ${LIMITS.maxTokens}`, 'maxTokens');
  }
  if (input.stop && (input.stop.length > LIMITS.stop || input.stop.some((s) => !s || s.length > LIMITS.stopChars))) {
    throw badInput(`stop takes at most ${LIMITS.stop} non-empty sequences of up to ${LIMITS.stopChars} characters`, 'stop');
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** SHA-256 of the prompt in a fixed key order, so equal prompts hash equal whatever the client's JSON looked like. */
export function promptHash(input: ChatInput): string {
  return sha256(
    JSON.stringify({
      model: input.model,
      messages: input.messages.map((m) => ({ role: m.role, content: m.content })),
      temperature: input.temperature ?? null,
      maxTokens: input.maxTokens ?? null,
      stop: input.stop ?? null,
    }),
  );
}

export const responseHash = sha256;
