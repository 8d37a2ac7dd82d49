/**
 * Whether an error means the database could not be reached (as opposed to a
 * statement it refused): connection refused, reset or terminated, the server
 * shutting down or not yet accepting connections. Callers answer these with
 * SERVICE_UNAVAILABLE, or spool what must not be lost.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code)) return true;
    // SQLSTATE class 08 (connection exception); 57P01-57P03 (shutdown, crash, cannot connect now); 53300 (too many connections).
    if (/^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300') return true;
  }
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|Connection ended|Timeout acquiring a connection|timeout exceeded when trying to connect/i.test(message);
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
