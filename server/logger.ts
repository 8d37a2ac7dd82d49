import pino, { type Logger } from 'pino';
import { createSecretMasker, type SecretMasker } from './util/secret-mask.ts';
import { traceIdMixin } from './observability/request-scope.ts';

export interface LoggerOptions {
  level?: string;
  /** Where the JSON lines go; stdout by default (tests capture them). */
  destination?: { write(line: string): unknown };
  /**
   * Masks credentials in every line before it is written. The gateway adds its
   * provider keys to it once they are read from the environment.
   */
  masker?: SecretMasker;
  /** Adds the trace id (`trace_id`) to lines written while serving a traced request; set when tracing is on. */
  traceIds?: boolean;
}

/**
 * The process logger. Every line passes a secret masker on its way out (a
 * last line of defence: an upstream error body or a library's message may
 * quote a credential), and errors are serialised by `serializeError`, which
 * never writes SQL or bound values.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const masker = options.masker ?? createSecretMasker();
  const out = options.destination ?? pino.destination(1);
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'zero-gateway' },
      redact: { paths: ['req.headers.authorization', '*.password', '*.secret', '*.apiKey'], censor: '[redacted]' },
      serializers: { err: serializeError, error: serializeError },
      ...(options.traceIds ? { mixin: traceIdMixin } : {}),
    },
    { write: (line: string) => out.write(masker(line)) },
  );
}

type ErrorLike = Error & Record<string, unknown>;

const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null && typeof (value as Error).message === 'string' && ('stack' in value || value instanceof Error);

/**
 * A database error: PostgreSQL's (SQLSTATE `code` with a `severity`) or the
 * ORM's wrapper of one. Their messages carry the SQL with bound values inlined
 * (the ORM's) or quote the offending value (PostgreSQL's).
 */
function isDatabaseError(err: ErrorLike): boolean {
  const code = err.code ?? err.sqlState;
  if (/Exception$/.test(err.name ?? '') && 'sqlState' in err) return true;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && ('severity' in err || 'routine' in err);
}

/** PostgreSQL's own message without the SQL the ORM prefixes and without quoted values. */
export function sanitiseDatabaseMessage(message: string): string {
  const own = message.includes(' - ') ? message.slice(message.lastIndexOf(' - ') + 3) : message;
  return own.replace(/(:\s*)"[^"]*"/g, '$1"…"').replace(/(:\s*)'[^']*'/g, "$1'…'").slice(0, 300);
}

/**
 * pino's error serialiser, except that database errors keep only their class,
 * SQLSTATE, the tables and constraints involved and a sanitised message, and
 * causes are serialised by the same rules (pino's own appends cause messages).
 */
export function serializeError(err: unknown, depth = 0): unknown {
  if (!isErrorLike(err)) return err;
  const frames = typeof err.stack === 'string' ? err.stack.split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 12).join('\n') : undefined;
  if (isDatabaseError(err)) {
    return {
      type: err.name,
      code: err.code ?? err.sqlState,
      message: sanitiseDatabaseMessage(err.message),
      ...(typeof err.table === 'string' ? { table: err.table } : {}),
      ...(typeof err.constraint === 'string' ? { constraint: err.constraint } : {}),
      stack: frames,
    };
  }
  const out: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message: err.message, stack: err.stack };
  for (const key of Object.keys(err)) {
    if (key === 'cause' || key in out) continue;
    const value = err[key];
    out[key] = isErrorLike(value) ? (depth < 3 ? serializeError(value, depth + 1) : value.name) : value;
  }
  if (err.cause !== undefined && depth < 3) out.cause = serializeError(err.cause, depth + 1);
  return out;
}
