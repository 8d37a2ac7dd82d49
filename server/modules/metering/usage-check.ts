import type { ChatMessage, TokenUsage } from '../../../plugins/plugin-api.ts';
import { countUsage } from './token-count.ts';
import { estimateTokens, promptTokenBound } from './token-estimate.ts';

/** What a vendor reported against what the gateway counted, when they disagree. */
export interface UsageDiscrepancy {
  reported: TokenUsage;
  counted: TokenUsage;
}

/**
 * Checks the usage a vendor reported against the text that really passed: when
 * the report is clearly below what was sent or delivered (cheap estimates say
 * so), the exact count is taken and the larger of the two is billed. Returns
 * the usage to bill and, when it differs from the report, both figures.
 */
export async function billableUsage(
  reported: TokenUsage,
  messages: readonly ChatMessage[],
  delivered: string,
): Promise<{ usage: TokenUsage; discrepancy?: UsageDiscrepancy }> {
  // No tokenizer makes more than one token of a byte; English runs about four bytes a token: an eighth is clearly low.
  const inputLow = reported.inputTokens * 8 < promptTokenBound(messages) - 64;
  const outputLow = reported.outputTokens * 1.5 + 8 < estimateTokens(delivered);
  if (!inputLow && !outputLow) return { usage: reported };
  const counted = await countUsage(messages, delivered);
  const usage: TokenUsage = { inputTokens: Math.max(reported.inputTokens, counted.inputTokens), outputTokens: Math.max(reported.outputTokens, counted.outputTokens) };
  // A cache hit the vendor reported stays reported: the recount only raises the totals.
  if (reported.cachedInputTokens) usage.cachedInputTokens = reported.cachedInputTokens;
  if (usage.inputTokens === reported.inputTokens && usage.outputTokens === reported.outputTokens) return { usage };
  return { usage, discrepancy: { reported, counted } };
}
