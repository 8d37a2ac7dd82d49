import { createEffect, For } from 'solid-js';
import { usePermissionText } from '../../components/roles/role-names.ts';
import { useI18n } from '../../i18n/index.tsx';
import './PermissionEditor.css';

export interface PermissionInfo {
  name: string;
  group: string;
  description: string;
}

/** Groups in the order the server lists them, each with its permissions. */
export function groupPermissions(permissions: readonly PermissionInfo[]): { group: string; items: PermissionInfo[] }[] {
  const groups = new Map<string, PermissionInfo[]>();
  for (const p of permissions) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return [...groups].map(([group, items]) => ({ group, items }));
}

export interface PermissionEditorProps {
  permissions: readonly PermissionInfo[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  disabled?: boolean;
}

/** Checkboxes grouped by the `permissions` query's group, each with its description; a group box toggles the whole group. */
export function PermissionEditor(props: PermissionEditorProps) {
  const { t } = useI18n();
  const text = usePermissionText();
  const isOn = (name: string) => props.selected.includes(name);
  const set = (names: string[], on: boolean) => {
    const rest = props.selected.filter((n) => !names.includes(n));
    props.onChange(on ? [...rest, ...names] : rest);
  };
  return (
    <div class="permission-editor">
      <For each={groupPermissions(props.permissions)}>
        {(group) => {
          const names = group.items.map((p) => p.name);
          const all = () => names.every(isOn);
          const some = () => names.some(isOn);
          return (
            <fieldset class="permission-group">
              <legend class="permission-group-legend">
                <label class="check check-inline">
                  <input
                    type="checkbox"
                    checked={all()}
                    ref={(el) => createEffect(() => (el.indeterminate = some() && !all()))}
                    disabled={props.disabled}
                    aria-label={t('roles.selectAll', { group: text.group(group.group) })}
                    onChange={(e) => set(names, e.currentTarget.checked)}
                  />
                  <span class="permission-group-name">{text.group(group.group)}</span>
                </label>
              </legend>
              <For each={group.items}>
                {(permission) => (
                  <label class="check">
                    <input
                      type="checkbox"
                      name="permission"
                      value={permission.name}
                      checked={isOn(permission.name)}
                      disabled={props.disabled}
                      onChange={(e) => set([permission.name], e.currentTarget.checked)}
                    />
                    <span class="check-text">
                      <span class="check-title">{text.label(permission.name)}</span>
                      <span class="check-description">{text.description(permission.name, permission.description)}</span>
                    </span>
                  </label>
                )}
              </For>
            </fieldset>
          );
        }}
      </For>
    </div>
  );
}
