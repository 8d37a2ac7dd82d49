import { Show } from 'solid-js';
import { Link } from '../../lib/router.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import './UserCell.css';

/** Two letters for an avatar: the initials of a Western name, the first two characters of any other. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : name.trim().slice(0, 2);
  return letters.toUpperCase();
}

export function Avatar(props: { name: string; small?: boolean }) {
  return (
    <span class={props.small ? 'avatar avatar-sm' : 'avatar'} aria-hidden="true" translate="no">
      {initials(props.name)}
    </span>
  );
}

/**
 * A person: name over e-mail, optionally with an avatar, linked to their page when
 * the reader may open it (their own account, or anyone's with users:read).
 */
export function UserCell(props: { user: { id: string; name: string; email: string }; avatar?: boolean }) {
  const viewer = useViewer();
  const to = () => (props.user.id === viewer.id ? '/account' : viewer.can('users:read') ? `/users/${props.user.id}` : null);
  const body = () => (
    <>
      <Show when={props.avatar}>
        <Avatar name={props.user.name} small />
      </Show>
      <span class="user-cell-text" translate="no">
        <span class="user-cell-name">{props.user.name}</span>
        <span class="user-cell-email">{props.user.email}</span>
      </span>
    </>
  );
  return (
    <Show when={to()} fallback={<span class="user-cell">{body()}</span>}>
      {(path) => (
        <Link to={path()} class="user-cell">
          {body()}
        </Link>
      )}
    </Show>
  );
}
