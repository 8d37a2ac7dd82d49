import { createContext, useContext, type ParentProps } from 'solid-js';
import { graphql } from '../gql/index.ts';
import type { ViewerQuery } from '../gql/graphql.ts';

/** Every permission the gateway knows (server/modules/roles/permissions.ts). */
export type Permission =
  | 'users:read'
  | 'users:write'
  | 'roles:write'
  | 'quotas:write'
  | 'apikeys:write'
  | 'usage:read'
  | 'audit:read'
  | 'dlp:read'
  | 'dlp:write'
  | 'budgets:read'
  | 'budgets:write'
  | 'executive:read'
  | 'providers:read'
  | 'providers:write'
  | 'chat';

export const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      name
      email
      roles {
        id
        name
        builtIn
        permissions
      }
    }
  }
`);

/**
 * Who is signed in and what they may do. The console hides what a permission does
 * not allow; the gateway still refuses it, so this is about not offering dead ends,
 * not about security.
 */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  roles: ViewerQuery['me']['roles'];
  permissions: ReadonlySet<string>;
  can(permission: Permission): boolean;
  canAny(...permissions: Permission[]): boolean;
}

/** The union of the permissions of every role held (the gateway's own rule). */
export function createViewer(me: ViewerQuery['me']): Viewer {
  const permissions = new Set(me.roles.flatMap((r) => r.permissions));
  return {
    id: me.id,
    name: me.name,
    email: me.email,
    roles: me.roles,
    permissions,
    can: (p) => permissions.has(p),
    canAny: (...ps) => ps.some((p) => permissions.has(p)),
  };
}

const ViewerContext = createContext<Viewer>();

export function ViewerProvider(props: ParentProps<{ viewer: Viewer }>) {
  return <ViewerContext.Provider value={props.viewer}>{props.children}</ViewerContext.Provider>;
}

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer outside <ViewerProvider>');
  return viewer;
}
