import pino, { type Logger } from 'pino';

export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service: 'zero-gateway' },
    redact: { paths: ['req.headers.authorization', '*.password', '*.secret', '*.apiKey'], censor: '[redacted]' },
  });
}
