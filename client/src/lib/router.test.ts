import { describe, expect, it } from 'vitest';
import { matchPath } from './router.tsx';

describe('matchPath', () => {
  it('reads named segments, decoded', () => {
    expect(matchPath('/users/:id', '/users/42')).toEqual({ id: '42' });
    expect(matchPath('/users/:id', '/users/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/dlp/events', '/dlp/events/')).toEqual({});
  });

  it('refuses other paths', () => {
    expect(matchPath('/users/:id', '/users')).toBeNull();
    expect(matchPath('/users/:id', '/users/42/keys')).toBeNull();
    expect(matchPath('/', '/users')).toBeNull();
    expect(matchPath('/a.b', '/axb')).toBeNull();
  });
});
