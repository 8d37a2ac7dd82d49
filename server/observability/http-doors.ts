/**
 * Which door a request came through and what it asked for, as bounded labels:
 * every value comes from a fixed list or the schema, never from the raw path.
 */
import { restRouteOf } from '../yoga-plugins/use-rest-api.ts';

export type Door = 'graphql' | 'rest' | 'openai' | 'anthropic' | 'health' | 'metrics' | 'console';

/**
 * The door of a path. The vendor-compatible doors live under /v1: Anthropic's
 * is /v1/messages, and its clients mark every call (the models list too) with `anthropic-version`.
 */
export function doorOf(path: string, anthropicVersion = false): Door {
  if (path === '/graphql') return 'graphql';
  if (path.startsWith('/api/')) return 'rest';
  if (path.startsWith('/v1/messages') || (anthropicVersion && path.startsWith('/v1/'))) return 'anthropic';
  if (path.startsWith('/v1/')) return 'openai';
  if (path === '/healthz' || path === '/readyz') return 'health';
  if (path === '/metrics') return 'metrics';
  return 'console';
}

const VENDOR_OPERATIONS = new Set(['chat/completions', 'embeddings', 'models', 'messages', 'messages/count_tokens']);

/** The operation label of a request that is not GraphQL (GraphQL's comes from the executed document). */
export function operationOf(door: Door, method: string, path: string): string {
  switch (door) {
    case 'rest':
      return restRouteOf(method, path.replace(/\/+$/, '')) ?? 'unknown route';
    case 'openai':
    case 'anthropic': {
      const op = path.slice('/v1/'.length).replace(/\/+$/, '');
      return VENDOR_OPERATIONS.has(op) ? op : op.startsWith('models/') ? 'models/:id' : 'other';
    }
    case 'health':
    case 'metrics':
      return path.slice(1);
    default:
      return method === 'GET' ? 'static' : 'other';
  }
}
