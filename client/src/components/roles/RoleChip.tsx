import { useRoleName } from './role-names.ts';

/** A role as a chip: built-in roles translated, others as named (and marked as names, not words to translate). */
export function RoleChip(props: { role: { name: string; builtIn: boolean } }) {
  const roleName = useRoleName();
  return (
    <span class="chip" translate={props.role.builtIn ? undefined : 'no'}>
      {roleName(props.role)}
    </span>
  );
}
