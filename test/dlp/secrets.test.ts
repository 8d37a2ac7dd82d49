import { describe, expect, it } from 'vitest';
import { detect } from '../../server/modules/dlp/index.ts';
import { matches } from './helpers.ts';
import { secrets, seeded } from './values.ts';

const kinds = (text: string) => detect(text, ['secret']).map((f) => f.kind);

describe('secret detector', () => {
  it('finds every kind of generated credential and labels its kind', () => {
    const r = seeded(31);
    for (const [kind, make] of Object.entries(secrets)) {
      const value = make(r);
      const text = kind === 'aws_secret_key' ? `aws_secret_access_key = ${value}` : `token: ${value} (do not share)`;
      expect(detect(text, ['secret']).map((f) => [f.kind, text.slice(f.start, f.end)]), kind).toEqual([[kind, value]]);
    }
  });

  it('finds a private key block through its END line, and a truncated one up to its last base64 line', () => {
    const full = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
    expect(matches(`key:\n${full}\nthanks`, 'secret')).toEqual([full]);
    expect(matches('{"private_key":"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}', 'secret')).toHaveLength(1);
    expect(matches('-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\nAbCd', 'secret')).toEqual([
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM\nAbCd',
    ]);
  });

  it('ignores a key header without key material, and certificates', () => {
    expect(matches('-----BEGIN RSA PRIVATE KEY----- was all I pasted', 'secret')).toEqual([]);
    expect(matches('-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----', 'secret')).toEqual([]);
  });

  it('needs AWS context for a 40-character secret, and mixed case (not a hex digest)', () => {
    const s = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    expect(kinds(`AWS_SECRET_ACCESS_KEY=${s}`)).toEqual(['aws_secret_key']);
    expect(kinds(`SecretAccessKey: ${s}`)).toEqual(['aws_secret_key']);
    expect(kinds(`the value is ${s}`)).toEqual([]);
    expect(kinds('aws secret: da39a3ee5e6b4b0d3255bfef95601890afd80709 DA39A3EE5E6B4B0D3255BFEF95601890AFD80709')).toEqual([]);
    expect(kinds('Vault: the secret is kv/data/Prod/Payments/StripeWebhook2024x')).toEqual([]);
  });

  it('tells Anthropic from OpenAI keys and ignores placeholders and short test values', () => {
    expect(kinds('sk-ant-api03-Zk9vQ2xXbW5pLWtleS1mb3ItdGVzdGluZy1vbmx5')).toEqual(['anthropic_key']);
    expect(kinds('sk-proj-abc123DEF456ghi789JKL012mno')).toEqual(['openai_key']);
    const text = [
      'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'const sk = "sk-test-123";', 'sk-learn', 'risk-assessment-framework-v2-for-2024',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'AKIAXXXXXXXXXXXXXXXX', 'AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'AIzaSyA1', 'ghp_',
      'zgk_1a2b3c4d', 'eyJhbGciOi', 'eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijkl',
    ].join('\n');
    expect(kinds(text)).toEqual([]);
  });

  it('finds a JWT only when its header decodes to a JOSE header', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
    expect(kinds(`Authorization: Bearer ${jwt}`)).toEqual(['jwt']);
  });

  it('ignores hashes, UUIDs and base64 blobs without key structure', () => {
    const text = [
      '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', '123e4567-e89b-12d3-a456-426614174000',
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'secret: 5d41402abc4b2a76b9719d911017c592', '#ff5733',
    ].join(' ');
    expect(kinds(text)).toEqual([]);
  });

  it('finds credentials by the name they are assigned to: env exports, config keys, JSON, YAML, flags, bearer headers', () => {
    const cases: [string, string][] = [
      ['export TOKEN=Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB', 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB'],
      ['api_key = "a8f3k2LmQ9xZ7vB1nR4tY6wE"', 'a8f3k2LmQ9xZ7vB1nR4tY6wE'],
      ['{"client_secret": "6da89121079f83b2eb6acccf8219ea982c3d79bccc3e9c6a85856480661f8fde"}', '6da89121079f83b2eb6acccf8219ea982c3d79bccc3e9c6a85856480661f8fde'],
      ['      POSTGRES_PASSWORD: Hunter2024!', 'Hunter2024!'],
      ['DB_PASS=s3cr3t!x', 's3cr3t!x'],
      ['mysql --password=Tr0ub4dor&3 -h db', 'Tr0ub4dor&3'],
      ['Authorization: Bearer abcDEF123456ghiJKL789mnoPQR', 'abcDEF123456ghiJKL789mnoPQR'],
    ];
    for (const [text, secret] of cases) expect(matches(text, 'secret'), text).toEqual([secret]);
  });

  it('ignores credential-named lines whose value is a reference, placeholder, type, mask or counter', () => {
    const text = [
      'API_KEY=your-api-key-here', 'password: ********', 'token: ${GITHUB_TOKEN}', 'max_tokens: 4096', 'password: string',
      'api_key = os.environ["API_KEY"]', 'secret_name = "prod/db/password"', 'token_type: bearer', 'password_min_length: 12',
      'auth_token = request.headers.get("Authorization")', 'client_secret: <client-secret>', 'export TOKEN=$(cat /run/secrets/token)',
      'password = None', 'Password: please reset it via the portal', 'OPENAI_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    ].join('\n');
    expect(matches(text, 'secret')).toEqual([]);
  });

  it('finds the password of a connection URL, but not default or templated ones', () => {
    expect(matches('redis://:S3cretPass99@10.0.0.5:6379 and postgres://app:Hunter2024!@db:5432/app', 'secret')).toEqual(['S3cretPass99', 'Hunter2024!']);
    expect(matches('postgres://postgres:postgres@localhost/db mysql://root:${DB_PASSWORD}@db/app amqp://guest:guest@mq https://a:********@x.io', 'secret')).toEqual([]);
  });

  it('finds fine-grained PATs and the other common vendor prefixes', () => {
    const tokens = [
      'github_pat_11ABCDEFG0123456789ABC_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTU', 'glpat-xR3kLm9QvZ2nB7tY4wE1',
      'npm_aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dF3hJ5', 'hf_aBcDeFgHiJkLmNoPqRsTuVwXyZaBcD3F5H7', 'SG.aB3dE5gH7jK9mN1pQ3sT5v.wX7yZ9bC1dF3hJ5kL7mN9pQ1sT3vW5xY7zA9bC1dE3',
      'LTAI5tB3dE5gH7jK9mN1pQ3s', 'shpat_0123456789abcdef0123456789abcdef', 'xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef',
    ];
    for (const token of tokens) expect(matches(`key: ${token}`, 'secret'), token).toEqual([token]);
  });
});
