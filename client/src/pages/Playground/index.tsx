import { createQuery, useClient } from '@urql/solid';
import { createEffect, createSignal, onCleanup } from 'solid-js';
import type { ChatMessageInput } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import { subscribeLive } from '../../lib/live.ts';
import { applyChatResult, endRun, isFinished, startRun, stopRun, type ChatRun } from './chat-run.ts';
import { ChatStreamSubscription, PlaygroundModelsQuery } from './documents.ts';
import { PlaygroundView } from './Playground.tsx';

/** Empty is "the gateway's default"; otherwise a whole number of at least 1. */
function parseMaxTokens(value: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = value.trim();
  if (!trimmed) return { ok: true, value: null };
  return /^\d+$/.test(trimmed) && Number(trimmed) >= 1 && Number.isSafeInteger(Number(trimmed)) ? { ok: true, value: Number(trimmed) } : { ok: false };
}

interface AttachedImage {
  name: string;
  mediaType: string;
  /** Base64 bytes, as ChatImageInput.data takes them. */
  data: string;
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/** A picked file as an image part, or null when the gateway would refuse it (type or size). */
async function readImage(file: File): Promise<AttachedImage | null> {
  if (!IMAGE_TYPES.includes(file.type) || file.size > IMAGE_MAX_BYTES) return null;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, mediaType: file.type, data: btoa(binary) };
}

export default function PlaygroundPage() {
  const { t } = useI18n();
  const client = useClient();
  const [models, refetchModels] = createQuery({ query: PlaygroundModelsQuery });
  const [model, setModel] = createSignal('');
  const [system, setSystem] = createSignal('');
  const [temperature, setTemperature] = createSignal(0.7);
  const [maxTokens, setMaxTokens] = createSignal('');
  const [prompt, setPrompt] = createSignal('');
  const [image, setImage] = createSignal<AttachedImage | null>(null);
  const [imageError, setImageError] = createSignal<string | undefined>();
  const [run, setRun] = createSignal<ChatRun | null>(null);
  let unsubscribe: (() => void) | undefined;

  // The first model is picked once the list arrives; a choice the user made is kept.
  createEffect(() => {
    const list = models.data?.models;
    if (list?.length && !list.some((m) => m.name === model())) setModel(list[0].name);
  });

  const finish = () => {
    unsubscribe?.();
    unsubscribe = undefined;
  };
  onCleanup(finish);

  const update = (next: (current: ChatRun) => ChatRun) => {
    const current = run();
    if (!current) return;
    const updated = next(current);
    setRun(updated);
    if (isFinished(updated)) finish();
  };

  const send = () => {
    const max = parseMaxTokens(maxTokens());
    if (!max.ok || !prompt().trim() || !model()) return;
    finish();
    const messages: ChatMessageInput[] = [];
    if (system().trim()) messages.push({ role: 'SYSTEM', content: system() });
    const attached = image();
    messages.push(
      attached
        ? { role: 'USER', parts: [{ text: prompt() }, { image: { data: attached.data, mediaType: attached.mediaType } }] }
        : { role: 'USER', content: prompt() },
    );
    setRun(startRun());
    unsubscribe = subscribeLive(
      client,
      ChatStreamSubscription,
      { input: { model: model(), messages, temperature: temperature(), maxTokens: max.value } },
      {
        onResult: (result) => update((current) => applyChatResult(current, result)),
        onEnd: () => update(endRun),
      },
    );
    // A failure delivered while subscribing finished the run before there was anything to unsubscribe.
    if (isFinished(run()!)) finish();
  };

  // Unsubscribing aborts the request; the gateway cancels the upstream call and meters what was delivered.
  const stop = () => {
    finish();
    const current = run();
    if (current) setRun(stopRun(current));
  };

  return (
    <PlaygroundView
      models={models.data?.models}
      modelsError={models.error}
      onRetryModels={() => refetchModels({ requestPolicy: 'network-only' })}
      model={model()}
      onModel={setModel}
      system={system()}
      onSystem={setSystem}
      temperature={temperature()}
      onTemperature={setTemperature}
      maxTokens={maxTokens()}
      maxTokensError={parseMaxTokens(maxTokens()).ok ? undefined : t('playground.maxTokensInvalid')}
      onMaxTokens={setMaxTokens}
      prompt={prompt()}
      onPrompt={setPrompt}
      image={image()}
      imageError={imageError()}
      onImage={async (file) => {
        setImageError(undefined);
        if (!file) return setImage(null);
        const read = await readImage(file);
        if (read) setImage(read);
        else setImageError(t('playground.imageTooLarge'));
      }}
      run={run()}
      onSend={send}
      onStop={stop}
    />
  );
}
