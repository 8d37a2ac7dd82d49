import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { readLimited } from '../util/read-limited.ts';

function tooLarge(maxBytes: number) {
  return createGraphQLError(`Request body is larger than the limit of ${maxBytes} bytes`, {
    extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
  });
}

/**
 * Refuses request bodies over `maxBytes`: at once from Content-Length, or while
 * reading a chunked body, so an endless upload is cut off rather than buffered.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
        return;
      }
      setRequestParser(async (req) => {
        const body = await readLimited(req.body, maxBytes);
        if (!body) throw tooLarge(maxBytes);
        try {
          return JSON.parse(body.toString('utf8'));
        } catch {
          throw createGraphQLError('POST body sent invalid JSON.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
        }
      });
    },
  };
}
