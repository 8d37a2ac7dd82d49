import type { Plugin } from 'graphql-yoga';
import type { AppState } from '../app-state.ts';
import { AppError } from '../errors.ts';
import { anthropicErrorResponse } from '../doors/anthropic/errors.ts';
import { getModelAnthropic, getModelsAnthropic, postCountTokens, postMessages } from '../doors/anthropic/routes.ts';
import { codedError } from '../doors/door-context.ts';
import { openaiErrorResponse } from '../doors/openai/errors.ts';
import { getModel, getModels, postChatCompletions, postEmbeddings } from '../doors/openai/routes.ts';
import { requestIdOf } from './use-request-id.ts';

type Handler = (app: AppState, request: Request, requestId: string, id: string) => Promise<Response>;

/** Anthropic's SDKs always send `anthropic-version`; the shared models path answers in the caller's vendor's shape. */
const isAnthropic = (request: Request, path: string) => path.startsWith('/v1/messages') || request.headers.has('anthropic-version');

function modelIdOf(path: string): string {
  try {
    return decodeURIComponent(path.slice('/v1/models/'.length));
  } catch {
    throw new AppError('BAD_USER_INPUT', 'Malformed percent-encoding in the model id');
  }
}

function route(request: Request, path: string): Handler | null | 'method' {
  const anthropic = isAnthropic(request, path);
  const routes: [string, RegExp, Handler][] = [
    ['POST', /^\/v1\/chat\/completions$/, postChatCompletions],
    ['POST', /^\/v1\/embeddings$/, postEmbeddings],
    ['POST', /^\/v1\/messages$/, postMessages],
    ['POST', /^\/v1\/messages\/count_tokens$/, postCountTokens],
    ['GET', /^\/v1\/models$/, anthropic ? getModelsAnthropic : getModels],
    ['GET', /^\/v1\/models\/[^/]+$/, (app, req, requestId) => (anthropic ? getModelAnthropic : getModel)(app, req, requestId, modelIdOf(path))],
  ];
  const matching = routes.filter(([, pattern]) => pattern.test(path));
  if (!matching.length) return null;
  return matching.find(([method]) => method === request.method)?.[2] ?? 'method';
}

/**
 * The vendor-compatible doors beside GraphQL: the OpenAI and Anthropic wire
 * APIs under /v1, answered before yoga's GraphQL pipeline (which they never
 * enter), with errors in each vendor's own body and status.
 */
export function useVendorApis(app: AppState): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (!url.pathname.startsWith('/v1/')) return;
      const requestId = requestIdOf(request);
      const path = url.pathname.replace(/\/+$/, '');
      const fail = (error: unknown) => {
        const coded = codedError(error);
        if (coded.code === 'INTERNAL_SERVER_ERROR') app.logger.error({ err: error, requestId }, 'unexpected error in a vendor-compatible API');
        return isAnthropic(request, path) ? anthropicErrorResponse(coded, requestId) : openaiErrorResponse(coded, requestId);
      };
      try {
        const handler = route(request, path);
        if (handler === null) return endResponse(fail(new AppError('NOT_FOUND', `No such endpoint: ${request.method} ${path.slice(0, 100)}`)));
        if (handler === 'method') return endResponse(fail(new AppError('NOT_FOUND', `Method ${request.method} not allowed on ${path.slice(0, 100)}`)));
        endResponse(await handler(app, request, requestId, ''));
      } catch (error) {
        endResponse(fail(error));
      }
    },
  };
}
