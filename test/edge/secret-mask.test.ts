import { describe, expect, it } from 'vitest';
import { createSecretMasker, maskPromptText } from '../../server/util/secret-mask.ts';
import { sanitiseDatabaseMessage, serializeError } from '../../server/logger.ts';

describe('secret masking for the server log', () => {
  const mask = createSecretMasker(['prov-key-Q7x9-not-a-known-shape']);

  it('masks the credential shapes vendors echo back, keeping a recognisable lead', () => {
    const text = mask(
      'upstream 401: Incorrect API key provided: Bearer sk-fake-UPSTREAM-SECRET-abc123; got x-api-key: sk-ant-api03-xyzxyz, key=AIzaSyD-1234567890abcdefghijk',
    );
    expect(text).not.toMatch(/UPSTREAM-SECRET|api03|1234567890abcdef/);
    expect(text).toContain('Bearer [redacted]');
    expect(text).toContain('AIza[redacted]');
  });

  it('masks our own keys, sessions and password hashes; an API key keeps its visible prefix', () => {
    const line = JSON.stringify({ msg: 'zgk_1a2b3c4d_ABCdef-123xyz zgs_abcDEF123456 $argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA' });
    const out = mask(line);
    expect(out).toContain('zgk_1a2b3c4d_[redacted]');
    expect(out).not.toMatch(/ABCdef|abcDEF123456|c2FsdA|aGFzaA|m=65536/);
  });

  it('masks configured provider keys of any shape, also inside JSON strings', () => {
    expect(mask('echo: prov-key-Q7x9-not-a-known-shape')).toBe('echo: [redacted]');
    expect(mask(JSON.stringify({ upstream: '{"key":"prov-key-Q7x9-not-a-known-shape"}' }))).not.toContain('Q7x9');
  });

  it('masks the values of authorization and key fields in echoed headers', () => {
    const out = mask('{"authorization":"Basic dXNlcjpwYXNz","x-api-key":"abcdefgh12345","password":"hunter2hunter2"}');
    expect(out).not.toMatch(/dXNlcjpwYXNz|abcdefgh12345|hunter2/);
  });

  it('leaves ordinary text alone', () => {
    const text = 'task-runner wrote disk-usage for Asia; the mask of secrets is fine; skipped 3 rows';
    expect(mask(text)).toBe(text);
  });
});

describe('prompt masking of upstream error text', () => {
  const prompt = 'Please summarise the quarterly revenue report for Acme Holdings\nand list the three biggest "risks" in it';

  it('removes the prompt echoed whole, JSON-escaped or truncated', () => {
    const upstream = `400 Invalid request: ${JSON.stringify(prompt)}; excerpt: ${prompt.slice(7, 50)}...`;
    const out = maskPromptText(upstream, [prompt]);
    expect(out).not.toMatch(/quarterly|Acme|biggest/);
    expect(out).toContain('[prompt]');
    expect(out.startsWith('400 Invalid request: ')).toBe(true);
  });

  it('keeps text the prompt does not contain', () => {
    expect(maskPromptText('upstream 503: overloaded, try later', [prompt])).toBe('upstream 503: overloaded, try later');
  });
});

describe('database errors in the log', () => {
  it('keep PostgreSQL’s message without the SQL the ORM prefixes and without quoted values', () => {
    expect(sanitiseDatabaseMessage(`select * from app_user where id = 'nope' - invalid input syntax for type uuid: "nope"`)).toBe(
      'invalid input syntax for type uuid: "…"',
    );
  });

  it('serialise as class, SQLSTATE and a sanitised message only', () => {
    const err = Object.assign(new Error(`insert into session (token_hash) values ('$argon2id$v=19$secret') - value too long: "x"`), {
      name: 'DriverException',
      code: '22001',
      sqlState: '22001',
      detail: 'Key (email)=(someone@example.cn) already exists.',
      severity: 'ERROR',
      table: 'session',
    });
    const out = JSON.stringify(serializeError(err));
    expect(out).not.toMatch(/argon2id|someone@example|insert into/);
    expect(JSON.parse(out)).toMatchObject({ type: 'DriverException', code: '22001', table: 'session' });
  });

  it('serialise a database error that is the cause of another error by the same rule', () => {
    const db = Object.assign(new Error(`update x set y = 'prompt text here' - boom: "prompt text here"`), { code: '22P02', severity: 'ERROR', routine: 'x' });
    const wrapper = new Error('settlement failed', { cause: db });
    expect(JSON.stringify(serializeError(wrapper))).not.toContain('prompt text here');
  });
});
