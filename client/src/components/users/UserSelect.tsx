import { createQuery } from '@urql/solid';
import { SelectField } from '../Field.tsx';
import { UserOptionsQuery } from './documents.ts';

export interface UserSelectProps {
  label: string;
  value: string;
  onValue: (id: string) => void;
  /** The first option, for "anyone" (value ''). */
  anyLabel?: string;
  error?: string;
  name?: string;
}

/** A user chosen by name and e-mail; loads the list itself (the caller checks users:read). */
export function UserSelect(props: UserSelectProps) {
  const [users] = createQuery({ query: UserOptionsQuery });
  const options = () => [
    ...(props.anyLabel !== undefined ? [{ value: '', label: props.anyLabel }] : []),
    ...(users.data?.users.edges.map((e) => ({ value: e.node.id, label: `${e.node.name} · ${e.node.email}` })) ?? []),
  ];
  return <SelectField label={props.label} value={props.value} onValue={props.onValue} options={options()} error={props.error} name={props.name} />;
}
