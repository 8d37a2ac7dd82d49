// Builds test/dlp/corpus.jsonl from corpus-templates.ts with a fixed seed. Run after editing the templates:
//   node --import tsx test/dlp/build-corpus.ts
// The output is committed so the corpus stays stable; labels come from construction, not from the detectors.
import { writeFileSync } from 'node:fs';
import type { DetectorId } from '../../server/modules/dlp/index.ts';
import {
  EN_TEMPLATES, HARD_CASES, HARD_CASES_2, HARD_CASES_3, OBFUSCATED_BLIND, OBFUSCATED_EN_TEMPLATES, OBFUSCATED_HARD_CASES, OBFUSCATED_ZH_TEMPLATES, ZH_TEMPLATES,
} from './corpus-templates.ts';
import * as v from './values.ts';

export interface LabelledSpan {
  detector: DetectorId;
  start: number;
  end: number;
}

export interface CorpusEntry {
  id: string;
  lang: 'en' | 'zh';
  text: string;
  /** What must be found, and where. */
  labels: LabelledSpan[];
  /** The same, counted per detector, for reading the file. */
  counts: Partial<Record<DetectorId, number>>;
}

type Maker = (r: v.Rand) => string;
const brands: v.Brand[] = ['visa', 'visa', 'mastercard', 'mastercard', 'unionpay', 'unionpay', 'amex', 'jcb', 'discover', 'diners'];

const POSITIVE: Record<string, [DetectorId, Maker]> = {
  email: ['email', v.email],
  cn_mobile: ['phone', (r) => v.formatCnMobile(r, v.cnMobile(r))],
  cn_mobile_plain: ['phone', v.cnMobile],
  intl_phone: ['phone', v.intlPhone],
  landline: ['phone', v.cnLandline],
  cn_id: ['cn_id', (r) => v.cnId(r)],
  cn_id_x: ['cn_id', (r) => v.cnId(r, { endX: true })],
  cn_id_lower: ['cn_id', (r) => v.cnId(r, { endX: true }).toLowerCase()],
  card_plain: ['bank_card', (r) => v.card(r, v.pick(r, brands))],
  iban_compact: ['iban', (r) => v.iban(r)],
  gcp_client_email: ['email', (r) => `${v.pick(r, ['ci-deployer', 'svc-billing', 'etl'])}@acme-prod-${v.int(r, 100, 999)}.iam.gserviceaccount.com`],
  // A JSON string value: newlines escaped as \n, as in a GCP service-account file.
  private_key_json: ['secret', (r) => v.secrets.private_key(r).replace(/\n/g, '\\n')],
  card: ['bank_card', (r) => v.formatCard(v.card(r, v.pick(r, brands)), v.pick(r, ['plain', 'space', 'space', 'dash'] as const))],
  iban: ['iban', (r) => { const x = v.iban(r); return r() < 0.6 ? v.printIban(x) : x; }],
  ipv4: ['ip_address', v.ipv4],
  ipv6: ['ip_address', v.ipv6],
  ...Object.fromEntries(Object.entries(v.secrets).map(([k, mk]) => [k, ['secret', mk] as [DetectorId, Maker]])),
  // Written to slip past a filter (issue 8, point 6).
  card_obf: ['bank_card', (r) => v.obfuscatedCard(r)],
  cn_id_obf: ['cn_id', v.obfuscatedCnId],
  email_obf: ['email', v.obfuscatedEmail],
  us_phone: ['phone', v.usPhone],
  token_value: ['secret', v.tokenValue],
  password_value: ['secret', v.passwordValue],
  // The password of a connection URL (mysql://root:<this>@host).
  url_password: ['secret', (r) => v.chars(r, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 12)],
  ...Object.fromEntries(Object.entries(v.moreSecrets).map(([k, mk]) => [k, ['secret', mk] as [DetectorId, Maker]])),
};

const hex = (r: v.Rand, n: number) => v.chars(r, '0123456789abcdef', n);
const NEGATIVE: Record<string, Maker> = {
  order_no: v.orderNo,
  tracking_no: v.trackingNo,
  uuid: v.uuid,
  git_sha: v.gitSha,
  sha256: v.sha256,
  md5: v.md5,
  short_sha: v.shortSha,
  epoch_s: v.epochSeconds,
  epoch_ms: v.epochMillis,
  iso_date: v.isoDate,
  semver: v.semver,
  css: v.cssColor,
  b64: (r) => v.base64Blob(r, v.int(r, 60, 200)),
  b64_64: (r) => v.chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 64),
  bad_card: (r) => v.cardBadLuhn(r, v.pick(r, brands)),
  bad_id: v.cnIdBadCheck,
  int: (r) => String(v.int(r, 1, 99999)),
  money: (r) => v.pick(r, [`¥${v.int(r, 1, 99)},${v.digits(r, 3)}.00`, `$${v.int(r, 1, 9999)}.${v.digits(r, 2)}`, `€ ${v.int(r, 10, 999)},${v.digits(r, 3)}`, `${v.int(r, 100, 99999)}元`]),
  hex8: (r) => hex(r, 8),
  alnum12: (r) => v.chars(r, 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 12),
  alnum14: (r) => v.chars(r, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 14),
  bad_card_obf: v.obfuscatedBadCard,
  bad_id_grouped: v.groupedBadCnId,
  long_float: v.longFloat,
  dotted: v.dottedNumber,
  digit_uuid: v.digitUuid,
  glued_order: v.gluedOrderNo,
  not_us_phone: v.notUsPhone,
  prose_at: v.proseAt,
  config_non_secret: v.configNonSecret,
  ean13: (r) => {
    const body = v.pick(r, ['690', '692', '400', '401', '489', '471', '880']) + v.digits(r, 9);
    const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
    return body + ((10 - (sum % 10)) % 10);
  },
};

const TOKEN = /«(~?)(\w+)»|⟦(\w+)\|([^⟧]*)⟧/g;

export function fill(template: string, r: v.Rand): { text: string; labels: LabelledSpan[] } {
  let text = '';
  const labels: LabelledSpan[] = [];
  let last = 0;
  for (const m of template.matchAll(TOKEN)) {
    text += template.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[3]) {
      labels.push({ detector: m[3] as DetectorId, start: text.length, end: text.length + m[4].length });
      text += m[4];
    } else if (m[1]) {
      const make = NEGATIVE[m[2]];
      if (!make) throw new Error(`unknown look-alike «~${m[2]}»`);
      text += make(r);
    } else if (m[2] === 'cn_mobile_quoted') {
      const value = v.cnMobile(r);
      labels.push({ detector: 'phone', start: text.length + 1, end: text.length + 1 + value.length });
      text += `'${value}'`;
    } else {
      const entry = POSITIVE[m[2]];
      if (!entry) throw new Error(`unknown value «${m[2]}»`);
      const value = entry[1](r);
      labels.push({ detector: entry[0], start: text.length, end: text.length + value.length });
      text += value;
    }
  }
  return { text: text + template.slice(last), labels };
}

function entry(id: string, lang: 'en' | 'zh', built: { text: string; labels: LabelledSpan[] }): CorpusEntry {
  const counts: Partial<Record<DetectorId, number>> = {};
  for (const l of built.labels) counts[l.detector] = (counts[l.detector] ?? 0) + 1;
  return { id, lang, text: built.text, labels: built.labels, counts };
}

const HAN = /[\u4e00-\u9fff]/;

export function buildCorpus(seed = 20240618, perTemplate = 4): CorpusEntry[] {
  const r = v.seeded(seed);
  const out: CorpusEntry[] = [];
  EN_TEMPLATES.forEach((t, i) => { for (let k = 0; k < perTemplate; k++) out.push(entry(`en-${i}-${k}`, 'en', fill(t, r))); });
  ZH_TEMPLATES.forEach((t, i) => { for (let k = 0; k < perTemplate; k++) out.push(entry(`zh-${i}-${k}`, 'zh', fill(t, r))); });
  HARD_CASES.forEach((t, i) => out.push(entry(`hard-${i}`, HAN.test(t) ? 'zh' : 'en', fill(t, r))));
  HARD_CASES_2.forEach((t, i) => out.push(entry(`hard2-${i}`, HAN.test(t) ? 'zh' : 'en', fill(t, r))));
  HARD_CASES_3.forEach((t, i) => out.push(entry(`hard3-${i}`, HAN.test(t) ? 'zh' : 'en', fill(t, r))));
  OBFUSCATED_EN_TEMPLATES.forEach((t, i) => { for (let k = 0; k < perTemplate; k++) out.push(entry(`obf-en-${i}-${k}`, 'en', fill(t, r))); });
  OBFUSCATED_ZH_TEMPLATES.forEach((t, i) => { for (let k = 0; k < perTemplate; k++) out.push(entry(`obf-zh-${i}-${k}`, 'zh', fill(t, r))); });
  OBFUSCATED_HARD_CASES.forEach((t, i) => out.push(entry(`obf-hard-${i}`, HAN.test(t) ? 'zh' : 'en', fill(t, r))));
  OBFUSCATED_BLIND.forEach((t, i) => out.push(entry(`obf-blind-${i}`, HAN.test(t) ? 'zh' : 'en', fill(t, r))));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = buildCorpus();
  writeFileSync(new URL('./corpus.jsonl', import.meta.url), corpus.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const totals: Record<string, number> = {};
  for (const e of corpus) for (const [d, n] of Object.entries(e.counts)) totals[d] = (totals[d] ?? 0) + n!;
  console.log(`${corpus.length} prompts, ${corpus.filter((e) => e.labels.length === 0).length} with nothing to find`, totals);
}
