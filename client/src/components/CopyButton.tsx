import { createSignal } from 'solid-js';
import { useI18n } from '../i18n/index.tsx';
import { Icon } from './Icon.tsx';

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older or non-secure contexts: a hidden textarea and execCommand.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  const ok = document.execCommand?.('copy');
  area.remove();
  if (!ok) throw new Error('copy refused');
}

export function CopyButton(props: { text: string; label?: string }) {
  const { t } = useI18n();
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await copyText(props.text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 2500);
  };
  return (
    <>
      <button type="button" class="btn btn-secondary" onClick={copy} aria-label={props.label ?? t('common.copy')}>
        <Icon name={state() === 'copied' ? 'check' : 'copy'} size={16} />
        <span>{state() === 'copied' ? t('common.copied') : t('common.copy')}</span>
      </button>
      <span class="sr-only" role="status" aria-live="polite">
        {state() === 'copied' ? t('common.copied') : state() === 'failed' ? t('common.copyFailed') : ''}
      </span>
    </>
  );
}
