import { isIP } from 'node:net';

/** What a request arrived on: yoga's node adapter puts the IncomingMessage in the context as `req`. */
export interface RequestOrigin {
  request?: { headers: { get(name: string): string | null } };
  req?: { socket?: { remoteAddress?: string } };
}

/**
 * The address a sign-in came from, for throttling and the audit trail: the
 * socket's remote address, or with `trustProxyHops` > 0 (ZERO_TRUST_PROXY, set
 * only behind reverse proxies that append to `x-forwarded-for`) the entry that
 * many places from the end of that header, since only what our own proxies
 * appended can be believed. IPv6 addresses count by their /64 network, which
 * one subscriber usually holds whole. Requests without a socket (in-process
 * calls) are "local".
 */
export function sourceAddressOf(origin: RequestOrigin, trustProxyHops: number): string {
  let address = origin.req?.socket?.remoteAddress;
  if (trustProxyHops > 0) {
    const forwarded = origin.request?.headers.get('x-forwarded-for');
    const hops = forwarded?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
    const claimed = hops.length ? hops[Math.max(0, hops.length - trustProxyHops)] : undefined;
    if (claimed && isIP(stripMapped(claimed))) address = claimed;
  }
  return address ? normalizeAddress(address) : 'local';
}

function stripMapped(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

function normalizeAddress(raw: string): string {
  const address = stripMapped(raw.replace(/%.*$/, ''));
  if (isIP(address) !== 6) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/**
 * Parses ZERO_TRUST_PROXY: unset, "" or "false" is 0 (trust no header), "true"
 * is 1, a whole number is that many proxies. Anything else is refused.
 */
export function parseTrustProxy(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false' || value === '0') return 0;
  if (value === 'true') return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  throw new Error(`ZERO_TRUST_PROXY must be "true", "false" or the number of proxies in front of the gateway, not "${value.slice(0, 40)}"`);
}

/** The source address of the request a resolver serves (its context carries yoga's `request` and node's `req`). */
export function clientSource(ctx: { app: { loginThrottle: { trustProxyHops: number } } }): string {
  return sourceAddressOf(ctx as RequestOrigin, ctx.app.loginThrottle.trustProxyHops);
}
