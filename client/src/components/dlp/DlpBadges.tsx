import { useI18n, hasMessage } from '../../i18n/index.tsx';

const ACTION_TONE: Record<string, string> = { ALLOW: 'badge-neutral', LOG: 'badge-info', REDACT: 'badge-warning', BLOCK: 'badge-danger' };

/** What a DLP policy did (or does), as a coloured badge. */
export function DlpActionBadge(props: { action: string }) {
  const { t } = useI18n();
  const key = () => `dlp.action.${props.action}`;
  return (
    <span class={`badge ${ACTION_TONE[props.action] ?? 'badge-neutral'}`} data-action={props.action}>
      {hasMessage(key()) ? t(key() as 'dlp.action.LOG') : props.action}
    </span>
  );
}

/** What kind of thing a detector found (an OpenAI key, a mobile number), in the reader's language. */
export function useKindName() {
  const { t } = useI18n();
  return (kind: string) => (hasMessage(`dlp.kind.${kind}`) ? t(`dlp.kind.${kind}` as 'dlp.kind.jwt') : kind);
}

/** A detector's name in the reader's language (the id itself for one the console does not know yet). */
export function useDetectorName() {
  const { t } = useI18n();
  // Enum values are upper case; audit metadata and the executive counts spell them in lower case.
  return (detector: string) => {
    const key = `dlp.detector.${detector.toUpperCase()}`;
    return hasMessage(key) ? t(key as 'dlp.detector.EMAIL') : detector;
  };
}
