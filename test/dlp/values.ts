// Deterministic makers of realistic sensitive values (and look-alikes) for the DLP tests and the corpus builder.
import { cnIdCheckChar, IBAN_LENGTHS, ibanMod97, luhnCheckDigit, luhnValid } from '../../server/modules/dlp/checksums.ts';

export type Rand = () => number;

/** mulberry32: a tiny seeded PRNG so generated data is stable. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Rand, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const digits = (r: Rand, n: number) => Array.from({ length: n }, () => int(r, 0, 9)).join('');
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64URL = ALNUM + '-_';
const B64 = ALNUM + '+/';
export const chars = (r: Rand, alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
const hex = (r: Rand, n: number) => chars(r, '0123456789abcdef', n);

const AREAS = ['110105', '310115', '440305', '330106', '510107', '320102', '420106', '370202', '350203', '620102', '650102', '500103', '120101', '610113', '210202', '230103', '450103', '530102', '360102', '130104'];

/** A valid 18-character resident ID (some end in X). */
export function cnId(r: Rand, opts: { endX?: boolean } = {}): string {
  for (;;) {
    const y = int(r, 1950, 2012);
    const m = int(r, 1, 12);
    const d = int(r, 1, 28);
    const first17 = pick(r, AREAS) + y + String(m).padStart(2, '0') + String(d).padStart(2, '0') + digits(r, 3);
    const c = cnIdCheckChar(first17);
    if (opts.endX === undefined || opts.endX === (c === 'X')) return first17 + c;
  }
}

/** Same shape, but the check character is wrong. */
export function cnIdBadCheck(r: Rand): string {
  const id = cnId(r);
  const wrong = '0123456789X'.replace(id[17], '');
  return id.slice(0, 17) + pick(r, wrong.split(''));
}

export type Brand = 'visa' | 'mastercard' | 'amex' | 'unionpay' | 'jcb' | 'discover' | 'diners';
const BRAND_SHAPE: Record<Brand, { prefixes: string[]; lengths: number[] }> = {
  visa: { prefixes: ['4'], lengths: [16] },
  mastercard: { prefixes: ['51', '53', '55', '2221', '2720', '5425'], lengths: [16] },
  amex: { prefixes: ['34', '37'], lengths: [15] },
  unionpay: { prefixes: ['622202', '621700', '622848', '625807', '620522'], lengths: [16, 19, 19] },
  jcb: { prefixes: ['3528', '3566', '3589'], lengths: [16] },
  discover: { prefixes: ['6011', '65', '644'], lengths: [16] },
  diners: { prefixes: ['36', '38', '300', '305'], lengths: [14] },
};

/** A Luhn-valid card number of the brand. */
export function card(r: Rand, brand: Brand): string {
  const shape = BRAND_SHAPE[brand];
  const prefix = pick(r, shape.prefixes);
  const len = pick(r, shape.lengths);
  const payload = prefix + digits(r, len - prefix.length - 1);
  return payload + luhnCheckDigit(payload);
}

/** Same shape, Luhn check digit off by one. */
export function cardBadLuhn(r: Rand, brand: Brand): string {
  const c = card(r, brand);
  const last = (Number(c.at(-1)) + int(r, 1, 9)) % 10;
  return c.slice(0, -1) + last;
}

/** Any digit string with a deliberately failing Luhn check. */
export function failLuhn(head: string): string {
  const d = luhnCheckDigit(head.slice(0, -1));
  return head.slice(0, -1) + ((Number(d) + 3) % 10);
}

export function grouped(value: string, sep = ' ', sizes?: number[]): string {
  const parts: string[] = [];
  let i = 0;
  for (const s of sizes ?? Array(Math.ceil(value.length / 4)).fill(4)) {
    if (i >= value.length) break;
    parts.push(value.slice(i, i + s));
    i += s;
  }
  if (i < value.length) parts.push(value.slice(i));
  return parts.join(sep);
}

export function formatCard(value: string, style: 'plain' | 'space' | 'dash'): string {
  if (style === 'plain') return value;
  const sep = style === 'space' ? ' ' : '-';
  if (value.length === 15) return grouped(value, sep, [4, 6, 5]);
  if (value.length === 14) return grouped(value, sep, [4, 6, 4]);
  return grouped(value, sep);
}

// BBAN shapes: 'n' digit, 'a' upper letter, 'c' upper alphanumeric.
const BBAN: Record<string, string> = {
  DE: 'n18', GB: 'a4n14', FR: 'n10c11n2', ES: 'n20', IT: 'a1n10c12', NL: 'a4n10', BE: 'n12', CH: 'n5c12', AT: 'n16',
  PL: 'n24', SE: 'n20', NO: 'n11', DK: 'n14', FI: 'n14', IE: 'a4n14', PT: 'n21', LU: 'n3c13', SA: 'n2c18', AE: 'n19', TR: 'n5c17',
};

export function iban(r: Rand, country = pick(r, Object.keys(BBAN))): string {
  let bban = '';
  for (const [, kind, n] of BBAN[country].matchAll(/([nac])(\d+)/g)) {
    bban += chars(r, kind === 'n' ? '0123456789' : kind === 'a' ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : UPPER_ALNUM, Number(n));
  }
  const check = 98 - ibanMod97(`${country}00${bban}`);
  const value = `${country}${String(check).padStart(2, '0')}${bban}`;
  if (value.length !== IBAN_LENGTHS[country]) throw new Error(`bad BBAN shape for ${country}`);
  return value;
}

export function ibanBadCheck(r: Rand): string {
  const v = iban(r);
  const d = Number(v[3]);
  return v.slice(0, 3) + ((d + int(r, 1, 8)) % 10) + v.slice(4);
}

export const printIban = (v: string) => grouped(v, ' ');

export function cnMobile(r: Rand): string {
  return '1' + pick(r, ['3', '5', '7', '8', '9', '8', '3']) + digits(r, 9);
}

export function formatCnMobile(r: Rand, m: string): string {
  return pick(r, [m, m, `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`, `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`, `+86 ${m}`, `+86-${m}`, `0086 ${m}`, `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`]);
}

export function intlPhone(r: Rand): string {
  return pick(r, [
    () => `+1 (${int(r, 201, 989)}) ${int(r, 200, 999)}-${digits(r, 4)}`,
    () => `+1-${int(r, 201, 989)}-${int(r, 200, 999)}-${digits(r, 4)}`,
    () => `+44 20 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    () => `+44 7${digits(r, 3)} ${digits(r, 6)}`,
    () => `+49 30 ${digits(r, 8)}`,
    () => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    () => `+81 3-${digits(r, 4)}-${digits(r, 4)}`,
    () => `+65 ${int(r, 6, 9)}${digits(r, 3)} ${digits(r, 4)}`,
    () => `+852 ${int(r, 2, 9)}${digits(r, 3)} ${digits(r, 4)}`,
    () => `+61 4${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
    () => `0044 20 ${int(r, 7000, 8999)} ${digits(r, 4)}`,
    () => `+9715${digits(r, 8)}`,
    () => `+886 9${digits(r, 2)} ${digits(r, 3)} ${digits(r, 3)}`,
  ])();
}

export function cnLandline(r: Rand): string {
  return pick(r, [`010-${int(r, 6, 8)}${digits(r, 7)}`, `021-${int(r, 5, 6)}${digits(r, 7)}`, `0755-${int(r, 2, 8)}${digits(r, 7)}`, `(020) ${int(r, 3, 8)}${digits(r, 7)}`]);
}

const FIRST = ['alice', 'bob', 'zhang.wei', 'li.na', 'wang_fang', 'j.smith', 'maria.garcia', 'chen.jing', 'liu.yang', 'tom', 'sarah.connor', 'hr-team', 'support', 'yuki.tanaka', 'd.mueller', 'xiaoming2021', 'finance+invoices'];
const DOMAINS = ['example.com', 'acme-corp.com', 'gmail.com', 'qq.com', '163.com', 'outlook.com', 'company.cn', 'mail.example.org', 'subsidiary.acme.co.uk', 'sina.com.cn', 'alibaba-inc.com', 'foxmail.com'];
export function email(r: Rand): string {
  return r() < 0.15 ? `${int(r, 10000, 999999999)}@qq.com` : `${pick(r, FIRST)}@${pick(r, DOMAINS)}`;
}

export function ipv4(r: Rand): string {
  return pick(r, [
    () => `10.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `192.168.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `172.${int(r, 16, 31)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    () => `${int(r, 1, 223)}.${int(r, 0, 255)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
  ])();
}

export function ipv6(r: Rand): string {
  const g = () => int(r, 0, 0xffff).toString(16);
  return pick(r, [
    () => `2001:db8:${g()}:${g()}::${g()}`,
    () => `fe80::${g()}:${g()}:${g()}:${g()}`,
    () => `2408:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}:${g()}`,
    () => `::ffff:${ipv4(r)}`,
    () => `2400:cb00:2048:1::${g()}`,
    () => `240e:${g()}:${g()}::${int(r, 1, 9)}`,
  ])();
}

export type SecretMaker = (r: Rand) => string;
export const secrets: Record<string, SecretMaker> = {
  aws_access_key: (r) => pick(r, ['AKIA', 'ASIA']) + chars(r, UPPER_ALNUM, 16),
  aws_secret_key: (r) => {
    for (;;) {
      const s = chars(r, B64, 40);
      if (/[a-z]/.test(s) && /[A-Z]/.test(s) && /\d/.test(s) && !s.includes('//') && (s.match(/[/+]/g)?.length ?? 0) <= 4) return s;
    }
  },
  openai_key: (r) => pick(r, ['sk-', 'sk-proj-']) + chars(r, ALNUM, 48),
  anthropic_key: (r) => `sk-ant-api03-${chars(r, B64URL, 93)}AA`,
  github_token: (r) => (r() < 0.8 ? `${pick(r, ['ghp', 'gho', 'ghu', 'ghs', 'ghr'])}_${chars(r, ALNUM, 36)}` : `github_pat_11${chars(r, UPPER_ALNUM, 20)}_${chars(r, ALNUM, 59)}`),
  slack_token: (r) => `${pick(r, ['xoxb', 'xoxp', 'xoxa', 'xoxr'])}-${digits(r, 12)}-${digits(r, 13)}-${chars(r, ALNUM, 24)}`,
  google_api_key: (r) => `AIza${chars(r, B64URL, 35)}`,
  stripe_key: (r) => `${pick(r, ['sk_live_', 'rk_live_', 'sk_test_'])}${chars(r, ALNUM, 24)}`,
  jwt: (r) => {
    const header = Buffer.from(JSON.stringify({ alg: pick(r, ['HS256', 'RS256']), typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: String(int(r, 1000, 99999)), name: pick(r, FIRST), iat: 1700000000 + int(r, 0, 9999999) })).toString('base64url');
    return `${header}.${payload}.${chars(r, B64URL, 43)}`;
  },
  zero_gateway_key: (r) => `zgk_${hex(r, 8)}_${chars(r, B64URL, 43)}`,
  zero_gateway_session: (r) => `zgs_${chars(r, B64URL, 43)}`,
  private_key: (r) => {
    const label = pick(r, ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY']);
    const lines = Array.from({ length: int(r, 3, 8) }, () => chars(r, B64, 64));
    return `-----BEGIN ${label}-----\n${lines.join('\n')}\n${chars(r, B64, 20)}==\n-----END ${label}-----`;
  },
};

// ---- look-alikes that must not be reported ----
export const uuid = (r: Rand) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(r, 3)}-${hex(r, 12)}`;
export const gitSha = (r: Rand) => hex(r, 40);
export const sha256 = (r: Rand) => hex(r, 64);
export const md5 = (r: Rand) => hex(r, 32);
export const shortSha = (r: Rand) => hex(r, 7);
export const epochSeconds = (r: Rand) => String(int(r, 1600000000, 1790000000));
export const epochMillis = (r: Rand) => String(int(r, 1600000000, 1790000000)) + digits(r, 3);
export const isoDate = (r: Rand) => `202${int(r, 0, 5)}-${String(int(r, 1, 12)).padStart(2, '0')}-${String(int(r, 1, 28)).padStart(2, '0')}T${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}${pick(r, ['Z', '+08:00', '.123Z'])}`;
export const semver = (r: Rand) => `${int(r, 0, 20)}.${int(r, 0, 30)}.${int(r, 0, 99)}`;
/** Order numbers as Chinese shops print them: date + sequence, 16-20 digits, none Luhn-valid with a card prefix. */
export const orderNo = (r: Rand) => pick(r, [
  () => `${pick(r, ['2023', '2024', '2025'])}${String(int(r, 1, 12)).padStart(2, '0')}${String(int(r, 1, 28)).padStart(2, '0')}${digits(r, int(r, 8, 12))}`,
  () => `SO${digits(r, 12)}`,
  () => `JD${digits(r, 12)}`,
  () => failLuhn('4' + digits(r, 15)),
  () => failLuhn('62' + digits(r, 17)),
])();
export const trackingNo = (r: Rand) => pick(r, [
  () => `SF${digits(r, 12)}`,
  () => `YT${digits(r, 13)}`,
  () => `1Z${chars(r, UPPER_ALNUM, 16)}`,
  () => `9400 1${digits(r, 3)} ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 4)} ${digits(r, 2)}`,
  () => failLuhn('7' + digits(r, 14)),
])();
export const cssColor = (r: Rand) => pick(r, [`#${hex(r, 6)}`, `#${hex(r, 3)}`, `rgb(${int(r, 0, 255)}, ${int(r, 0, 255)}, ${int(r, 0, 255)})`]);
export const base64Blob = (r: Rand, n = 120) => chars(r, B64, n) + '==';
export { luhnValid };

// ---- obfuscated forms (issue 8, point 6): the same data written to slip past a filter ----
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\uFEFF'];
/** Zeros of decimal digit scripts other than ASCII: full-width, Arabic-Indic, extended Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold and monospace. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966, 0x09e6, 0x0e50, 0x1d7ce, 0x1d7f6];
export const inDigitScript = (ascii: string, zero: number) => ascii.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));
const sprinkle = (r: Rand, s: string, ch: string) => [...s].map((c, i) => (i > 0 && r() < 0.3 ? ch + c : c)).join('');

/** A valid card number written some way the attack report got past a plain matcher. */
export function obfuscatedCard(r: Rand, value = card(r, pick(r, ['visa', 'mastercard', 'unionpay', 'amex', 'discover', 'jcb'] as Brand[]))): string {
  const by4 = (sep: string) => (value.length === 15 ? grouped(value, sep, [4, 6, 5]) : grouped(value, sep));
  return pick(r, [
    () => `${pick(r, ['No.', 'VISA', 'acct_', 'CARD', 'card#', 'Nr.'])}${value}`,
    () => `${value}-${String(int(r, 1, 12)).padStart(2, '0')}/${int(r, 25, 31)}`,
    () => by4('.'),
    () => by4('/'),
    () => by4('  '),
    () => by4(pick(r, [' ', '  '])).replace(/ (?=\d{4}$)/, '  '),
    () => by4('\u00A0'),
    () => by4('\n'),
    () => by4('\u2013'),
    () => by4(' - '),
    () => sprinkle(r, value, pick(r, INVISIBLE)),
    () => by4(pick(r, INVISIBLE)),
    () => inDigitScript(value, pick(r, DIGIT_ZEROS)),
    () => inDigitScript(by4(' '), 0xff10),
  ])();
}

/** A valid resident ID written some way the attack report got past a plain matcher. */
export function obfuscatedCnId(r: Rand): string {
  const id = cnId(r);
  return pick(r, [
    () => `ID${id}`,
    () => grouped(id, pick(r, [' ', '-', '.']), [6, 4, 4, 4]),
    () => grouped(id, pick(r, [' ', '-', '/']), [6, 8, 4]),
    () => grouped(id, '  ', [6, 4, 4, 4]),
    () => sprinkle(r, id, pick(r, INVISIBLE)),
    () => inDigitScript(id, pick(r, [0xff10, 0x0660])),
  ])();
}

const IDN_ADDRESSES = ['张三@公司.中国', '李四@例子.公司', '王芳@邮箱.中国', 'josé@correo.es', 'müller@bücher.de', 'иван@почта.рф', 'zhang.wei@例子.中国'];
/** A valid address written to dodge a filter: IDN, 。, ﹫, ＠, %40, spaces, (at), [at], " at ", hidden characters, look-alikes. */
export function obfuscatedEmail(r: Rand): string {
  const local = pick(r, FIRST);
  const [name, tld] = pick(r, [['example', 'com'], ['acme-corp', 'com'], ['qq', 'com'], ['163', 'com'], ['company', 'cn'], ['mail.example', 'org']]);
  return pick(r, [
    () => pick(r, IDN_ADDRESSES),
    () => `${local}@${name}。${tld}`,
    () => `${local}﹫${name}.${tld}`,
    () => `${local}＠${name}．${tld}`,
    () => `${local}%40${name}.${tld}`,
    () => `${local} @ ${name}.${tld}`,
    () => `${local}@ ${name}.${tld}`,
    () => `${local}(at)${name}.${tld}`,
    () => `${local} [at] ${name} [dot] ${tld}`,
    () => `${local} AT ${name} DOT ${tld}`,
    () => sprinkle(r, `${local}@${name}.${tld}`, pick(r, INVISIBLE)),
    () => `${local}@${name}.${tld}`.replace(/a/g, 'а').replace(/o/g, 'о'), // Cyrillic а, о
  ])();
}

const US_AREA = ['212', '415', '646', '312', '617', '206', '303', '512', '404', '305', '213', '718', '202'];
/** A North American number written nationally, as US prompts do: "(212) 555-0187". */
export function usPhone(r: Rand): string {
  const area = pick(r, US_AREA);
  const exchange = String(int(r, 200, 989));
  const line = digits(r, 4);
  return pick(r, [`(${area}) ${exchange}-${line}`, `${area}-${exchange}-${line}`, `${area}.${exchange}.${line}`, `1-${area}-${exchange}-${line}`, `(${area})${exchange}-${line}`]);
}

/** A random-looking token value (no vendor prefix), as found in .env files. */
export const tokenValue = (r: Rand) => chars(r, ALNUM, int(r, 24, 48)) + String(int(r, 0, 9));
/** A password as people pick them: a word, digits, a symbol. */
export const passwordValue = (r: Rand) =>
  `${pick(r, ['Hunter', 'Summer', 'Dragon', 'Qwerty', 'Monkey', 'Shanghai', 'Beijing', 'Welcome', 'Sunshine'])}${int(r, 1, 9999)}${pick(r, ['!', '#', '@', '$', '&', '*', '?'])}${pick(r, ['', 'x', 'Az', '2024'])}`;
/** Vendor tokens beyond the original set: fine-grained PAT, GitLab, npm, Hugging Face, SendGrid, Alibaba Cloud, Slack app. */
export const moreSecrets: Record<string, SecretMaker> = {
  fine_grained_pat: (r) => `github_pat_11${chars(r, UPPER_ALNUM, 20)}_${chars(r, ALNUM, 59)}`,
  gitlab_token: (r) => `glpat-${chars(r, B64URL.replace('-', ''), 20)}`,
  npm_token: (r) => `npm_${chars(r, ALNUM, 36)}`,
  huggingface_token: (r) => `hf_${chars(r, ALNUM, 34)}`,
  sendgrid_key: (r) => `SG.${chars(r, B64URL, 22)}.${chars(r, B64URL, 43)}`,
  aliyun_key: (r) => `LTAI${chars(r, ALNUM, 20)}`,
  slack_app_token: (r) => `xapp-1-A${chars(r, UPPER_ALNUM, 10)}-${digits(r, 13)}-${chars(r, 'abcdef0123456789', 64)}`,
};

// ---- look-alikes of the obfuscated forms ----
/** A Luhn-failing card number in one of the obfuscated forms. */
export const obfuscatedBadCard = (r: Rand) => obfuscatedCard(r, cardBadLuhn(r, pick(r, ['visa', 'mastercard', 'unionpay'] as Brand[])));
/** A resident ID with a wrong check character, grouped. */
export const groupedBadCnId = (r: Rand) => grouped(cnIdBadCheck(r), pick(r, [' ', '-']), [6, 4, 4, 4]);
/** A float with 16 fractional digits, as printed by JavaScript or Python. */
export const longFloat = (r: Rand) => `0.${digits(r, 16)}`;
/** Dotted or slashed dates and times, four-part versions, numbered sections. */
export const dottedNumber = (r: Rand) => pick(r, [
  () => `${int(r, 2019, 2026)}.${String(int(r, 1, 12)).padStart(2, '0')}.${String(int(r, 1, 28)).padStart(2, '0')} ${String(int(r, 0, 23)).padStart(2, '0')}.${String(int(r, 0, 59)).padStart(2, '0')}`,
  () => `${int(r, 2019, 2026)}/${String(int(r, 1, 12)).padStart(2, '0')}/${String(int(r, 1, 28)).padStart(2, '0')} ${String(int(r, 0, 23)).padStart(2, '0')}:${String(int(r, 0, 59)).padStart(2, '0')}`,
  () => `${int(r, 1, 20)}.${int(r, 0, 30)}.${int(r, 0, 999)}.${int(r, 1000, 9999)}`,
])();
/** A UUID made of digits only (8-4-4-4-12): 16 digits in a row across groups, but not a card grouping. */
export const digitUuid = (r: Rand) => `${digits(r, 8)}-${digits(r, 4)}-4${digits(r, 3)}-8${digits(r, 3)}-${digits(r, 12)}`;
/** An order or account reference with a label glued on and a Luhn-failing body. */
export const gluedOrderNo = (r: Rand) => `${pick(r, ['ORD', 'SO', 'INV', 'acct_', 'REF'])}${failLuhn('4' + digits(r, 15))}`;
/** Numbers shaped like North American ones that are not: area code 0xx/1xx or 555 fiction range. */
export const notUsPhone = (r: Rand) => pick(r, [`(${int(r, 100, 199)}) ${int(r, 200, 999)}-${digits(r, 4)}`, `123-456-${digits(r, 4)}`, `(555) 01${digits(r, 1)}-${digits(r, 4)}`, `${int(r, 100, 199)}.${int(r, 100, 999)}.${digits(r, 4)}`]);
/** Prose with "at" and '@' that is not an address. */
export const proseAt = (r: Rand) => pick(r, [
  'look at google.com for the docs',
  'the docs are available at docs.python.org',
  'meet at 10.30 in room 4',
  'compute y = x @ w.T in numpy',
  'ping @alice and @bob.smith in the channel',
  'we met at example.com headquarters',
  'see the report at reports.example.com/q3',
  'the build is hosted at ci.internal.example.com',
  'x @ self.weight + b',
  'stay at home.office until noon',
]);
/** Config lines whose value is not a credential: references, placeholders, types, counters, masks. */
export const configNonSecret = (r: Rand) => pick(r, [
  'API_KEY=your-api-key-here',
  'password: ********',
  'token: ${GITHUB_TOKEN}',
  'max_tokens: 4096',
  'password: string',
  'api_key = os.environ["API_KEY"]',
  'secret_name = "prod/db/password"',
  'token_type: bearer',
  'password_min_length: 12',
  'auth_token = request.headers.get("Authorization")',
  'client_secret: <client-secret>',
  'SECRET_KEY = config.SECRET_KEY',
  `checksum: ${sha256(r)}`,
  `secret: ${md5(r)}`,
  'export TOKEN=$(cat /run/secrets/token)',
  'password = None',
]);
