import { createHmac } from 'node:crypto';
import type { WebhookConfig } from '../../config/index.ts';

/** An alert as webhooks receive it. */
export interface AlertMessage {
  id: string;
  /** Null once the budget is deleted. */
  budgetId: string | null;
  scope: string;
  /** User e-mail or role name; absent for the organisation. */
  target: string | null;
  period: string;
  threshold: number;
  spent: number;
  amount: number;
  currency: string;
  at: Date;
}

const SCOPE_ZH: Record<string, string> = { USER: '用户', ROLE: '角色', ORGANISATION: '全组织' };

/** The request body for one webhook format. */
export function webhookBody(format: WebhookConfig['format'], alert: AlertMessage): string {
  if (format === 'wecom') {
    const who = alert.target ? `${SCOPE_ZH[alert.scope]} ${alert.target}` : SCOPE_ZH[alert.scope];
    const color = alert.threshold >= 100 ? 'warning' : 'comment';
    const content = [
      `**预算提醒**：${who} ${alert.period} 月度预算已用 <font color="${color}">${alert.threshold}%</font>`,
      `> 已花费：${alert.spent.toFixed(2)} ${alert.currency}`,
      `> 预算：${alert.amount.toFixed(2)} ${alert.currency}`,
      `> 时间：${alert.at.toISOString()}`,
    ].join('\n');
    return JSON.stringify({ msgtype: 'markdown', markdown: { content } });
  }
  return JSON.stringify({ type: 'budget.alert', ...alert, at: alert.at.toISOString() });
}

/** Where a webhook points, without its query string (a WeCom robot's key is in it). */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * One POST. Resolves on a 2xx answer (for WeCom: and `errcode` 0), throws with
 * the reason otherwise, so the caller can retry.
 */
export async function postWebhook(webhook: WebhookConfig, body: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secret = webhook.secretEnv ? env[webhook.secretEnv] : undefined;
  if (secret) headers['x-zero-signature'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  const response = await fetch(webhook.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  if (webhook.format === 'wecom') {
    // The robot answers 200 with an errcode when it refuses a message.
    const errcode = (() => {
      try {
        return (JSON.parse(text) as { errcode?: number }).errcode ?? 0;
      } catch {
        return 0;
      }
    })();
    if (errcode !== 0) throw new Error(`WeCom errcode ${errcode}: ${text.slice(0, 200)}`);
  }
}
