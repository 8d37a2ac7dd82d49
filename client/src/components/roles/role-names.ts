import { hasMessage, useI18n } from '../../i18n/index.tsx';

/** The built-in roles; their names and descriptions are shown in the reader's language. */
export const BUILT_IN_ROLES = ['admin', 'member'] as const;

const isBuiltInName = (name: string) => (BUILT_IN_ROLES as readonly string[]).includes(name);

/**
 * A role's name as the reader should see it: built-in roles translated (管理员,
 * 成员), every other role as its owner named it. `builtIn` may be unknown (an
 * alert's target is plain text): the built-in names are reserved, so the name decides.
 */
export function useRoleName() {
  const { t } = useI18n();
  return (role: { name: string; builtIn?: boolean }) => (role.builtIn !== false && isBuiltInName(role.name) ? t(`role.${role.name}.name` as 'role.admin.name') : role.name);
}

/** A role's description; built-in roles' own descriptions are translated. */
export function useRoleDescription() {
  const { t } = useI18n();
  return (role: { name: string; builtIn: boolean; description: string }) => {
    const key = `role.${role.name}.description`;
    return role.builtIn && hasMessage(key) ? t(key as 'role.admin.description') : role.description;
  };
}

/** A permission's name and description in the reader's language (the raw name for one the console does not know). */
export function usePermissionText() {
  const { t } = useI18n();
  return {
    label: (name: string) => (hasMessage(`permission.${name}`) ? t(`permission.${name}` as 'permission.chat') : name),
    description: (name: string, fallback: string) => (hasMessage(`permission.${name}.description`) ? t(`permission.${name}.description` as 'permission.chat.description') : fallback),
    group: (group: string) => (hasMessage(`permissionGroup.${group}`) ? t(`permissionGroup.${group}` as 'permissionGroup.Users') : group),
  };
}
