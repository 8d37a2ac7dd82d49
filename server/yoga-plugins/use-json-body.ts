import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { readLimited } from '../util/read-limited.ts';

function tooLarge(maxBytes: number) {
  return createGraphQLError(`Request body is larger than the limit of ${maxBytes} bytes`, {
    extensions: { code: 'PAYLOAD_TOO_LARGE', http: { status: 413 } },
  });
}

const badRequest = (message: string, status = 400) => createGraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status } } });

/** `application/json`, with or without parameters (`; charset=utf-8`). */
const isJson = (contentType: string | null) => contentType !== null && /^application\/json\s*(;|$)/i.test(contentType.trim());

/**
 * POST bodies are JSON and at most `maxBytes`. Form-encoded, multipart and
 * text/plain bodies are what a browser sends cross-origin without a CORS
 * preflight, so refusing them keeps other sites from posting operations
 * (GET cannot carry mutations: yoga refuses those itself). Size is checked
 * from Content-Length at once, or while reading a chunked body, so an endless
 * upload is cut off rather than buffered. Invalid JSON gets one generic
 * message: the parser's own names a position and quotes the body.
 */
export function useJsonBody(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST') return;
      if (!isJson(request.headers.get('content-type'))) throw badRequest('POST bodies must be JSON (content-type: application/json)', 415);
      const declared = request.headers.get('content-length');
      if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
      setRequestParser(async (req) => {
        const body = await readLimited(req.body, maxBytes);
        if (!body) throw tooLarge(maxBytes);
        let parsed: unknown;
        try {
          parsed = JSON.parse(body.toString('utf8'));
        } catch {
          throw badRequest('POST body sent invalid JSON.');
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('POST body must be a JSON object');
        return parsed as Record<string, unknown>;
      });
    },
  };
}
