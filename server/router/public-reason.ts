import type { ProviderError } from '../../plugins/plugin-api.ts';

/**
 * What clients and the audit trail learn about a failed attempt: its class and
 * HTTP status, never the upstream's own words. Vendors echo our request in
 * their error bodies (our key in a 401, the prompt in a 400) and transport
 * errors name internal addresses; that text goes to the server log only.
 */
export function publicReason(error: Pick<ProviderError, 'kind' | 'status'>): string {
  const status = error.status ? ` (${error.status})` : '';
  switch (error.kind) {
    case 'auth':
      return `upstream rejected our credentials${status}`;
    case 'network':
      return 'upstream unreachable';
    case 'rate_limited':
      return `upstream rate limited${status}`;
    case 'server':
      return `upstream server error${status}`;
    case 'timeout':
      return `upstream timed out${status}`;
    case 'bad_request':
      return error.status === 404 ? 'upstream does not serve this model (404)' : `upstream rejected the request${status}`;
    case 'stream':
      return 'upstream stream broke or was malformed';
    case 'aborted':
      return 'request aborted';
    default:
      return 'upstream failed';
  }
}
