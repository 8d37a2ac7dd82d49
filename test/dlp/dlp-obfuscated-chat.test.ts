// With an organisation-wide BLOCK on bank_card, cn_id and email, every way of writing them that the attack report
// (issue 8, point 6) got past the gateway must be refused with DLP_BLOCKED and never reach the provider; stop
// sequences are screened like messages.
import { beforeAll, describe, expect, test } from 'vitest';
import { adminApi } from '../fixtures/admin-api.ts';
import { codeOf } from '../fixtures/gateway.ts';
import { useChatGateway } from './chat-gateway.ts';

const CHAT = 'mutation($c: String!, $stop: [String!]) { chat(input: { model: "gpt-test", messages: [{ role: USER, content: $c }], stop: $stop }) { text } }';

const ZWSP = '\u200B';
const ZWNJ = '\u200C';
const ZWJ = '\u200D';
const WORD_JOINER = '\u2060';
const SOFT_HYPHEN = '\u00AD';
const NBSP = '\u00A0';
const BOM = '\uFEFF';

/** The digits of `ascii` in another decimal script, given the code point of its zero. */
const inScript = (ascii: string, zero: number) => ascii.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
const CARD = '4111111111111111';
const groups = (s: string, sep: string) => s.match(/.{1,4}/g)!.join(sep);

/** Each variant reached the provider before normalisation and flexible detectors; the label names the trick. */
const VARIANTS: Record<string, string> = {
  // bank_card: glued labels, trailing expiry, separators
  'card glued to "No."': `Card No.${CARD}`,
  'card glued to a brand': `VISA${CARD}`,
  'card glued to an identifier': `acct_${CARD}`,
  'card with a trailing expiry': `card ${CARD}-12/26`,
  'card grouped with dots': `pay with ${groups(CARD, '.')}`,
  'card grouped with slashes': `pay with ${groups(CARD, '/')}`,
  'card grouped with mixed spaces': 'pay with 4111 1111  1111 1111',
  'card grouped with double spaces': `pay with ${groups(CARD, '  ')}`,
  'card grouped with non-breaking spaces': `pay with ${groups(CARD, NBSP)}`,
  'card grouped with newlines': `pay with\n${groups(CARD, '\n')}\nthanks`,
  'card grouped with CRLF and tabs': `pay with 4111\r\n1111\t1111\t1111`,
  'card grouped with en dashes': `pay with ${groups(CARD, '\u2013')}`,
  'card with zero-width spaces': `pay with ${[...CARD].join(ZWSP)}`,
  'card with soft hyphens': `pay with ${groups(CARD, SOFT_HYPHEN)}`,
  'card with word joiners': `pay with ${groups(CARD, WORD_JOINER)}`,
  'card with ZWNJ, ZWJ and BOM': `pay with 4111${ZWNJ}1111${ZWJ}1111${BOM}1111`,
  'card in Arabic-Indic digits': `pay with ${inScript(CARD, 0x0660)}`,
  'card in extended Arabic-Indic digits': `pay with ${inScript(CARD, 0x06f0)}`,
  'card in Devanagari digits': `pay with ${inScript(CARD, 0x0966)}`,
  'card in mathematical bold digits': `pay with ${inScript(CARD, 0x1d7ce)}`,
  'card in full-width digits grouped': `卡号${groups(inScript(CARD, 0xff10), '　')}`,
  // cn_id
  'ID glued to "ID"': 'ID11010519491231002X',
  'ID grouped 6-4-4-4': '身份证 110105 1949 1231 002X',
  'ID grouped 6-8-4 with dots': '身份证 110105.19491231.002X',
  'ID with zero-width spaces': `身份证 ${[...'11010519491231002X'].join(ZWSP)}`,
  'ID in full-width digits': `身份证${inScript('11010519491231002', 0xff10)}Ｘ`,
  // email
  'IDN address': '请联系张三@公司.中国',
  'ideographic full stop': 'mail zhang.san@example。com',
  'small commercial at': 'mail zhang.san﹫example.com',
  'full-width at and dot': 'mail zhang.san＠example．com',
  'URL-encoded at': 'https://example.org/invite?to=zhang.san%40example.com',
  'spaces around @': 'mail zhang.san @ example.com',
  '(at)': 'mail zhang.san(at)example.com',
  '[at] and [dot]': 'mail zhang.san [at] example [dot] com',
  'spelled-out at': 'email me: zhang.san at example.com',
  'zero-width characters in the address': `mail zh${ZWSP}ang.san@exa${ZWJ}mple.com`,
  'Cyrillic look-alikes': 'mail zhаng.sаn@exаmple.cоm', // а, о are Cyrillic
  'Greek look-alikes in the TLD': 'mail zhang.san@example.cοm', // ο is Greek
};

const chat = useChatGateway();

beforeAll(async () => {
  const api = adminApi(chat.gw);
  for (const detector of ['BANK_CARD', 'CN_ID', 'EMAIL']) {
    await api.must(`mutation { setDlpPolicy(detector: ${detector}, action: BLOCK) { id } }`);
  }
});

describe('an organisation-wide BLOCK on bank_card, cn_id and email', () => {
  test(`refuses all ${Object.keys(VARIANTS).length} obfuscated variants with DLP_BLOCKED, and none reaches the provider`, async () => {
    const through: string[] = [];
    for (const [name, content] of Object.entries(VARIANTS)) {
      const before = chat.fake.requests.length;
      const r = await chat.gw.gql(CHAT, { c: content }, chat.gw.adminToken);
      if (codeOf(r) !== 'DLP_BLOCKED' || chat.fake.requests.length !== before) through.push(`${name}: ${codeOf(r) ?? 'answered'}`);
    }
    expect(through).toEqual([]);
  });

  test('still answers prompts that only look like such data', async () => {
    const before = chat.fake.requests.length;
    for (const content of [
      'Order 2024061813812345678 shipped; tracking SF123456789012',
      'Version 4.1.11.1111 and float 0.4111111111111111',
      'Look at example.com for the docs, then meet at 10.30',
      'Call 4111 1111 1111 1112 a typo: the check digit fails',
      'python: y = x @ w.T and icon@2x.png',
    ]) {
      const r = await chat.gw.gql(CHAT, { c: content }, chat.gw.adminToken);
      expect(r.errors, content).toBeUndefined();
    }
    expect(chat.fake.requests.length).toBe(before + 5);
  });
});

describe('stop sequences', () => {
  test('are screened: a blocked detector in a stop sequence refuses the chat', async () => {
    const before = chat.fake.requests.length;
    const r = await chat.gw.gql(CHAT, { c: 'Write a haiku', stop: ['END', `zhang.san${ZWSP}@example.com`] }, chat.gw.adminToken);
    expect(codeOf(r)).toBe('DLP_BLOCKED');
    expect(r.errors![0].extensions!.detectors).toEqual(['email']);
    expect(chat.fake.requests.length).toBe(before);
    const card = await chat.gw.gql(CHAT, { c: 'Write a haiku', stop: [groups(CARD, '.')] }, chat.gw.adminToken);
    expect(codeOf(card)).toBe('DLP_BLOCKED');
    expect(chat.fake.requests.length).toBe(before);
  });

  test('are screened on the seed REST door too (422 DLP_BLOCKED, nothing upstream)', async () => {
    const before = chat.fake.requests.length;
    const res = await chat.gw.gateway.yoga.fetch('http://gateway/api/v1/chat', {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.gw.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-test', messages: [{ role: 'user', content: 'Write a haiku' }], stop: ['zhang.san(at)example.com'] }),
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('DLP_BLOCKED');
    expect(chat.fake.requests.length).toBe(before);
  });

  test('are redacted under a REDACT policy, and the redacted stop goes upstream', async () => {
    const api = adminApi(chat.gw);
    await api.must('mutation { setDlpPolicy(detector: PHONE, action: REDACT) { id } }');
    try {
      const before = chat.fake.requests.length;
      const r = await chat.gw.gql(CHAT, { c: 'Write a haiku', stop: ['END', 'call (212) 555-0187'] }, chat.gw.adminToken);
      expect(r.errors).toBeUndefined();
      expect(chat.fake.requests.length).toBe(before + 1);
      const body = chat.fake.requests.at(-1)!.body as { stop?: string[] };
      expect(body.stop).toEqual(['END', 'call [PHONE]']);
      expect(JSON.stringify(body)).not.toContain('555-0187');
    } finally {
      await api.must('mutation { setDlpPolicy(detector: PHONE, action: LOG) { id } }');
    }
  });
});
