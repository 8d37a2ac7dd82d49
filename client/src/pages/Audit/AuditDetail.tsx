import { Match, Show, Switch, type JSX } from 'solid-js';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Stacked } from '../../components/DataTable/columns.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { UserCell } from '../../components/users/UserCell.tsx';
import type { AuditRecordFieldsFragment } from '../../gql/graphql.ts';
import { hasMessage, useI18n } from '../../i18n/index.tsx';
import { Link } from '../../lib/router.tsx';
import { useViewer } from '../../lib/viewer.tsx';
import { actionTone, actorAndTarget } from './audit-actions.ts';
import { useAuditText } from './audit-text.ts';
import { AuditMetadata } from './AuditMetadata.tsx';

export type AuditRecordRow = AuditRecordFieldsFragment;

/** Where a target lives in the console, when it has a page the reader may open. */
function useTargetLink() {
  const viewer = useViewer();
  return (type: string | null | undefined, id: string | null | undefined): string | null => {
    if (!id) return null;
    if (type === 'user') return id === viewer.id ? '/account' : viewer.can('users:read') ? `/users/${id}` : null;
    if (type === 'role') return viewer.canAny('users:read', 'roles:write') ? '/roles' : null;
    if (type === 'budget') return viewer.can('budgets:read') ? '/budgets' : null;
    if (type === 'model') return viewer.can('budgets:read') ? '/prices' : null;
    return null;
  };
}

/** The target of a record: the attacked account of a failed sign-in, else its type and id (linked where it has a page). */
export function AuditTarget(props: { record: AuditRecordRow; short?: boolean }) {
  const { t } = useI18n();
  const link = useTargetLink();
  const attacked = () => actorAndTarget(props.record).attacked;
  // A failed sign-in with an email no account has: the email tried is all there is.
  const triedEmail = () => {
    const email = (props.record.metadata as { email?: unknown } | null)?.email;
    return props.record.action === 'login.failed' && !attacked() && typeof email === 'string' ? email : null;
  };
  const type = () => {
    const key = `auditTarget.${props.record.targetType}`;
    return props.record.targetType ? (hasMessage(key) ? t(key as 'auditTarget.user') : props.record.targetType) : '';
  };
  const id = () => props.record.targetId ?? '';
  const shown = () => (props.short && id().length > 13 ? `${id().slice(0, 8)}…` : id());
  const idLink = () => (
    <Show when={link(props.record.targetType, props.record.targetId)} fallback={<code class="sublabel mono" title={id()}>{shown()}</code>}>
      {(to) => (
        <Link to={to()} class="sublabel mono" title={id()} translate="no">
          {shown()}
        </Link>
      )}
    </Show>
  );
  return (
    <Switch fallback={<span class="muted">—</span>}>
      <Match when={attacked()}>{(user) => <UserCell user={user()} />}</Match>
      <Match when={triedEmail()}>{(email) => <Stacked primary={email()} secondary={t('audit.noSuchAccount')} strong={false} />}</Match>
      <Match when={props.record.targetType || props.record.targetId}>
        <Stacked primary={type()} secondary={id() ? idLink() : null} strong={false} />
      </Match>
    </Switch>
  );
}

/** The actor: a user, nobody known (a failed sign-in), or the gateway itself. */
export function AuditActor(props: { record: AuditRecordRow }) {
  const { t } = useI18n();
  const actor = () => actorAndTarget(props.record).actor;
  return (
    <Show
      when={actor()}
      fallback={
        <span class="muted">
          {props.record.action === 'login.failed' ? t('audit.unknownActor') : props.record.userId ? t('usage.unknownUser') : t('audit.system')}
        </span>
      }
    >
      {(user) => <UserCell user={user()} />}
    </Show>
  );
}

function Row(props: { label: string; children: JSX.Element }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** One audit record, readable: who, what, to whom, what changed, and its place in the hash chain. */
export function AuditDetail(props: { record: AuditRecordRow; onClose: () => void }) {
  const { t, dateTime, num, ms } = useI18n();
  const text = useAuditText();
  const r = () => props.record;
  const hasMetadata = () => Boolean(r().metadata && typeof r().metadata === 'object' && Object.keys(r().metadata as object).length);
  return (
    <Dialog title={text.action(r().action)} size="lg" onClose={props.onClose}>
      <div class="audit-detail" data-testid="audit-detail">
        <dl class="details">
          <Row label={t('audit.col.at')}>{dateTime(r().at, true)}</Row>
          <Row label={t('audit.col.action')}>
            <span class={`badge badge-${actionTone(r().action)}`}>{text.action(r().action)}</span>
          </Row>
          <Row label={t('audit.col.actor')}>
            <AuditActor record={r()} />
          </Row>
          <Row label={t('audit.col.target')}>
            <AuditTarget record={r()} />
          </Row>
          <Show when={r().model}>
            <Row label={t('auditField.model')}>
              <code>{r().model}</code>
              <Show when={r().provider}>
                {' '}
                <span class="muted">· {r().provider}</span>
              </Show>
            </Row>
          </Show>
          <Show when={r().inputTokens != null || r().outputTokens != null}>
            <Row label={t('audit.tokens')}>{t('audit.summaryTokens', { input: num(r().inputTokens ?? 0), output: num(r().outputTokens ?? 0) })}</Row>
          </Show>
          <Show when={r().latencyMs != null}>
            <Row label={t('auditField.latencyMs')}>{ms(r().latencyMs!)}</Row>
          </Show>
        </dl>
        <Show when={hasMetadata()}>
          <h3 class="subheading">{t('audit.whatChanged')}</h3>
          <AuditMetadata value={r().metadata} />
        </Show>
        <h3 class="subheading">{t('audit.chain')}</h3>
        <dl class="details details-mono">
          <Row label={t('audit.seq')}>{r().seq ? num(Number(r().seq)) : <span class="muted">{t('audit.unsealed')}</span>}</Row>
          <Row label={t('audit.recordId')}>
            <code>{r().id}</code>
          </Row>
          <Show when={r().hash}>
            {(hash) => (
              <Row label={t('audit.hash')}>
                <span class="hash">
                  <code title={hash()}>{hash()}</code>
                  <CopyButton text={hash()} label={t('audit.hash')} />
                </span>
              </Row>
            )}
          </Show>
          <Show when={r().prevHash}>
            {(hash) => (
              <Row label={t('audit.prevHash')}>
                <code title={hash()}>{hash()}</code>
              </Row>
            )}
          </Show>
          <Show when={r().promptHash}>
            {(hash) => (
              <Row label={t('audit.promptHash')}>
                <code title={hash()}>{hash()}</code>
              </Row>
            )}
          </Show>
        </dl>
      </div>
    </Dialog>
  );
}
