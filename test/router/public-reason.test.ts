import { expect, it } from 'vitest';
import { publicReason } from '../../server/router/public-reason.ts';

it('names the class of failure and the HTTP status, never the upstream text', () => {
  expect(publicReason({ kind: 'auth', status: 401 })).toBe('upstream rejected our credentials (401)');
  expect(publicReason({ kind: 'network' })).toBe('upstream unreachable');
  expect(publicReason({ kind: 'rate_limited', status: 429 })).toBe('upstream rate limited (429)');
  expect(publicReason({ kind: 'server', status: 503 })).toBe('upstream server error (503)');
  expect(publicReason({ kind: 'timeout' })).toBe('upstream timed out');
  expect(publicReason({ kind: 'bad_request', status: 400 })).toBe('upstream rejected the request (400)');
  expect(publicReason({ kind: 'bad_request', status: 404 })).toBe('upstream does not serve this model (404)');
  expect(publicReason({ kind: 'stream' })).toBe('upstream stream broke or was malformed');
});
