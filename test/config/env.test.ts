import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../server/config/env.ts';
import { ConfigError } from '../../server/config/index.ts';
import { metricsSetting } from '../../server/observability/metrics-server.ts';
import { startServerProcess } from '../fixtures/server-process.ts';

const refusal = (env: Record<string, string>) => {
  try {
    parseEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('environment variables', () => {
  it('an empty environment gives the documented defaults', () => {
    expect(parseEnv({})).toMatchObject({ port: 4430, host: '127.0.0.1', dataDir: '.zero', logLevel: 'info', production: false, corsOrigins: [] });
    expect(parseEnv({}).maxBodyBytes).toBeUndefined();
    expect(parseEnv({})).toMatchObject({ redisUrl: undefined, rateLimitFail: 'open' });
    expect(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379', ZERO_REDIS_PREFIX: 'gw1:', ZERO_RATE_LIMIT_FAIL: 'closed' })).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'gw1:', rateLimitFail: 'closed' });
  });

  it('reads the secret key as 32 bytes in base64 or hex, and where providers come from', () => {
    const key = Buffer.alloc(32, 9);
    expect(parseEnv({})).toMatchObject({ secretKey: undefined, providersFrom: 'database' });
    expect(parseEnv({ ZERO_SECRET_KEY: key.toString('base64'), ZERO_SECRET_KEY_PREVIOUS: key.toString('hex'), ZERO_PROVIDERS_FROM: 'config' })).toMatchObject({ secretKey: key, secretKeyPrevious: key, providersFrom: 'config' });
    expect(() => parseEnv({ ZERO_SECRET_KEY: 'hunter2' })).toThrow(/ZERO_SECRET_KEY: must be 32 random bytes/);
    expect(() => parseEnv({ ZERO_SECRET_KEY_PREVIOUS: key.toString('hex') })).toThrow(/ZERO_SECRET_KEY_PREVIOUS: needs ZERO_SECRET_KEY/);
    expect(() => parseEnv({ ZERO_PROVIDERS_FROM: 'file' })).toThrow(/ZERO_PROVIDERS_FROM: must be database or config/);
  });

  it('reads numbers, seconds and origins', () => {
    const env = parseEnv({
      PORT: '8080',
      ZERO_MAX_BODY_BYTES: '2048',
      ZERO_SESSION_TTL_HOURS: '1.5',
      ZERO_BODY_TIMEOUT_SECONDS: '20',
      ZERO_MAX_SUBSCRIPTIONS_PER_USER: '5',
      ZERO_CORS_ORIGINS: 'https://console.example.cn, http://localhost:5173',
      NODE_ENV: 'production',
    });
    expect(env).toMatchObject({ port: 8080, maxBodyBytes: 2048, sessionTtlMs: 5_400_000, bodyTimeoutMs: 20_000, maxSubscriptionsPerUser: 5, production: true });
    expect(env.corsOrigins).toEqual(['https://console.example.cn', 'http://localhost:5173']);
  });

  it.each([
    ['ZERO_MAX_BODY_BYTES', 'abc'],
    ['ZERO_MAX_BODY_BYTES', '0'],
    ['ZERO_MAX_BODY_BYTES', '-5'],
    ['ZERO_MAX_BODY_BYTES', '1e6'],
    ['ZERO_SESSION_TTL_HOURS', 'twelve'],
    ['ZERO_SESSION_TTL_HOURS', '0'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['ZERO_MAX_SUBSCRIPTIONS', 'lots'],
    ['ZERO_HEADERS_TIMEOUT_SECONDS', 'NaN'],
    ['ZERO_CORS_ORIGINS', '*'],
    ['ZERO_CORS_ORIGINS', 'null'],
    ['ZERO_CORS_ORIGINS', 'https://console.example.cn/admin'],
    ['LOG_LEVEL', 'loud'],
    ['ZERO_MAX_CONCURRENT_CHATS', 'many'],
    ['ZERO_SHUTDOWN_GRACE_MS', '-1'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['ZERO_RATE_LIMIT_FAIL', 'sometimes'],
    ['ZERO_METRICS_TOKEN', 'short'],
    ['ZERO_METRICS_ADDR', '9464'],
    ['ZERO_METRICS_ADDR', '127.0.0.1:99999'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_TRACES_SAMPLER_ARG', '10%'],
    ['OTEL_TRACES_SAMPLER_ARG', '1.5'],
  ])('%s=%s refuses to start, naming the variable', (name, value) => {
    expect(refusal({ [name]: value })).toContain(`${name}:`);
  });

  it('metrics: a token and/or a separate address; in production without either they are off; tracing from the OTLP endpoint', () => {
    const token = 'a-metrics-token-0123456789';
    expect(parseEnv({ ZERO_METRICS_TOKEN: token, ZERO_METRICS_ADDR: '[::1]:9464', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toMatchObject({
      metrics: { token, listen: { host: '::1', port: 9464 } },
      otlpEndpoint: 'http://127.0.0.1:4318',
    });
    expect(parseEnv({}).otlpEndpoint).toBeUndefined();
    expect(metricsSetting(parseEnv({}))).toEqual({ token: undefined, separateAddress: false });
    expect(metricsSetting(parseEnv({ NODE_ENV: 'production' }))).toBe(false);
    expect(metricsSetting(parseEnv({ NODE_ENV: 'production', ZERO_METRICS_TOKEN: token }))).toEqual({ token, separateAddress: false });
    expect(metricsSetting(parseEnv({ NODE_ENV: 'production', ZERO_METRICS_ADDR: '127.0.0.1:9464' }))).toEqual({ token: undefined, separateAddress: true });
  });

  it("trace sampling by OpenTelemetry's own variables: every trace by default, a share of new ones with a ratio", () => {
    expect(parseEnv({}).tracesSampler).toEqual({ name: 'parentbased_always_on', ratio: 1 });
    expect(parseEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.05' }).tracesSampler).toEqual({ name: 'parentbased_traceidratio', ratio: 0.05 });
    expect(parseEnv({ OTEL_TRACES_SAMPLER: 'TraceIdRatio', OTEL_TRACES_SAMPLER_ARG: '0' }).tracesSampler).toEqual({ name: 'traceidratio', ratio: 0 });
    expect(parseEnv({ OTEL_TRACES_SAMPLER: 'always_off' }).tracesSampler.name).toBe('always_off');
  });

  it('names every bad variable at once', () => {
    const message = refusal({ ZERO_MAX_BODY_BYTES: 'x', ZERO_SESSION_TTL_HOURS: 'y' });
    expect(message).toContain('ZERO_MAX_BODY_BYTES');
    expect(message).toContain('ZERO_SESSION_TTL_HOURS');
  });

  it('the gateway process exits with the message instead of starting without the limit', async () => {
    await expect(startServerProcess({ ZERO_MAX_BODY_BYTES: 'one-megabyte' }, 30_000)).rejects.toThrow(/exited with 1[\s\S]*ZERO_MAX_BODY_BYTES: must be a whole number greater than 0, got "one-megabyte"/);
  });
});
