import { createUniqueId } from 'solid-js';
import { CopyButton } from '../CopyButton.tsx';
import { Dialog } from '../Dialog.tsx';
import { Icon } from '../Icon.tsx';
import { useI18n } from '../../i18n/index.tsx';

/** Shows a new key's secret this once; the gateway keeps only its hash. */
export function ApiKeyCreatedDialog(props: { name: string; secret: string; onClose: () => void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  return (
    <Dialog
      title={t('keys.createdTitle')}
      onClose={props.onClose}
      footer={
        <button type="button" class="btn btn-primary" onClick={() => props.onClose()}>
          {t('keys.done')}
        </button>
      }
    >
      <div class="notice notice-warning" role="note">
        <Icon name="alert" class="notice-icon" />
        <p class="notice-body">{t('keys.secretWarning')}</p>
      </div>
      <div class="field">
        <span id={id} class="field-label">
          {t('keys.secretLabel')} · {props.name}
        </span>
        {/* A focusable block rather than an input, so the whole key is visible however long it is. */}
        <code class="secret" role="textbox" aria-readonly="true" aria-labelledby={id} tabindex="0" data-testid="api-key-secret" data-autofocus>
          {props.secret}
        </code>
        <div class="secret-actions">
          <CopyButton text={props.secret} />
        </div>
      </div>
    </Dialog>
  );
}
