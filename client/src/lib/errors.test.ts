import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { translate, type Locale, type MessageKey, type Params } from '../i18n/index.tsx';
import { describeError, fieldErrorLine } from './errors.ts';

const formatters = (locale: Locale) => ({
  t: (key: MessageKey, params?: Params) => translate(locale, key, params),
  num: (v: number) => new Intl.NumberFormat(locale).format(v),
  money: (v: number, c?: string | null) => new Intl.NumberFormat(locale, c ? { style: 'currency', currency: c } : {}).format(v),
  dateTime: () => 'AT',
  relative: () => 'SOON',
});
const error = (extensions: Record<string, unknown>, message = 'English from the server') => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
const say = (e: CombinedError, locale: Locale = 'zh-CN', context?: Record<string, MessageKey>) =>
  describeError(e, formatters(locale), context).map((line) => translate(locale, line.key, line.params));

describe('errors in the reader\'s words', () => {
  it('never passes the server\'s English message on, in either language', () => {
    expect(say(error({ code: 'FORBIDDEN' }))).toEqual(['你的角色不允许此操作，或账户已被停用。']);
    expect(say(error({ code: 'FORBIDDEN' }), 'en')).toEqual(['Your roles do not allow this, or your account is suspended.']);
  });

  it('reads the extensions that say more: when a quota resets, how long to wait, what a prompt contained, who holds a role', () => {
    expect(say(error({ code: 'QUOTA_EXCEEDED', limit: 'DAILY_OUTPUT', resetsAt: '2026-12-01T00:00:00Z' }))).toEqual(['今日输出 token 配额已用完，将于 AT（SOON）重置。']);
    expect(say(error({ code: 'RATE_LIMITED', retryAfterSeconds: 610 }))).toEqual(['该邮箱登录失败次数过多，请在 11 分钟后重试。']);
    expect(say(error({ code: 'DLP_BLOCKED', detectors: ['email', 'SECRET'] }))).toEqual(['提示词包含电子邮箱、密钥或凭证，已被数据保护策略拦截。']);
    expect(say(error({ code: 'CONFLICT', holders: 3 }))).toEqual(['仍有 3 个用户持有此角色，请先将其移除。']);
    expect(say(error({ code: 'BUDGET_EXCEEDED', scope: 'ROLE', amount: 100, currency: 'CNY', resetsAt: '2026-12-01T00:00:00Z' }))).toEqual([
      '你所在角色的月度预算（¥100.00）已用完，AT 之前的对话将被拒绝。',
    ]);
  });

  it('names the field at fault, and a form may say what a code means for it', () => {
    expect(say(error({ code: 'CONFLICT', field: 'email' }))).toEqual(['已有其他用户使用此邮箱。']);
    expect(say(error({ code: 'BAD_USER_INPUT', field: 'detector' }))).toEqual(['请检查“检测项”：网关未接受该值。']);
    expect(say(error({ code: 'CONFLICT' }), 'zh-CN', { CONFLICT: 'error.CONFLICT.tooManyKeys' })).toEqual(['有效密钥已达上限，请先吊销一个。']);
    expect(say(error({ code: 'BAD_USER_INPUT', field: 'name' }), 'zh-CN', { 'BAD_USER_INPUT:name': 'error.BAD_USER_INPUT.roleName' })).toEqual([
      '角色名称须为 1 至 100 个字符，可使用任何语言的文字、数字、空格、“.”、“_”或“-”，并以文字或数字开头。',
    ]);
    const e = error({ code: 'CONFLICT', field: 'email' });
    expect(fieldErrorLine(e, 'email', formatters('en'))?.key).toBe('error.CONFLICT.email');
    expect(fieldErrorLine(e, 'name', formatters('en'))).toBeUndefined();
  });

  it('has a word for a code it does not know, and for a gateway it cannot reach', () => {
    expect(say(error({ code: 'SOMETHING_NEW' }))).toEqual(['网关拒绝了该请求。']);
    expect(say(new CombinedError({ networkError: new Error('Failed to fetch') }))).toEqual(['无法连接网关，请确认它正在运行。']);
  });
});
