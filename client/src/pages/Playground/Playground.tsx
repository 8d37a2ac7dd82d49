import { createUniqueId, For, Match, Show, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading, PageHeader } from '../../components/States.tsx';
import type { PlaygroundModelsQuery } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { ChatRun } from './chat-run.ts';
import { ChatErrorPanel } from './ChatErrorPanel.tsx';
import { ChatResultPanel } from './ChatResultPanel.tsx';
import './Playground.css';

export type ModelRoute = PlaygroundModelsQuery['models'][number];

export interface PlaygroundViewProps {
  models: readonly ModelRoute[] | undefined;
  modelsError: CombinedError | undefined;
  onRetryModels: () => void;
  model: string;
  onModel: (name: string) => void;
  system: string;
  onSystem: (value: string) => void;
  temperature: number;
  onTemperature: (value: number) => void;
  maxTokens: string;
  maxTokensError: string | undefined;
  onMaxTokens: (value: string) => void;
  prompt: string;
  /** An image attached to the prompt (sent as base64 with its media type), or null. */
  image?: { name: string } | null;
  imageError?: string;
  onImage?: (file: File | null) => void;
  onPrompt: (value: string) => void;
  run: ChatRun | null;
  onSend: () => void;
  onStop: () => void;
}

function RouteView(props: { route: ModelRoute }) {
  const { t } = useI18n();
  return (
    <div class="route" role="group" aria-label={t('playground.routeLabel', { model: props.route.name })} data-testid="model-route">
      <span class="route-step">
        <span class="route-tag route-tag-primary">{t('playground.attempt.primary')}</span>
        <span class="route-target">
          <span translate="no">{props.route.primary.provider}</span> · <code>{props.route.primary.model}</code>
        </span>
      </span>
      <For each={props.route.fallbacks} fallback={<span class="route-none">{t('playground.noFallbacks')}</span>}>
        {(target) => (
          <>
            <Icon name="arrowRight" size={14} class="route-arrow" />
            <span class="route-step">
              <span class="route-tag route-tag-fallback">{t('playground.attempt.fallback')}</span>
              <span class="route-target">
                <span translate="no">{target.provider}</span> · <code>{target.model}</code>
              </span>
            </span>
          </>
        )}
      </For>
    </div>
  );
}

const STATUS_TONE: Record<ChatRun['status'], string> = {
  streaming: 'badge-info',
  done: 'badge-success',
  stopped: 'badge-neutral',
  failed: 'badge-danger',
  ended: 'badge-warning',
};

export function PlaygroundView(props: PlaygroundViewProps) {
  const { t } = useI18n();
  const systemId = createUniqueId();
  const promptId = createUniqueId();
  const temperatureId = createUniqueId();
  const route = () => props.models?.find((m) => m.name === props.model);
  const streaming = () => props.run?.status === 'streaming';
  const canSend = () => Boolean(props.model && props.prompt.trim() && !props.maxTokensError && !streaming());
  // Both forms (settings and prompt) send on submit; Enter in a settings field too.
  const sendIfReady = (e: Event) => {
    e.preventDefault();
    if (canSend()) props.onSend();
  };
  return (
    <section class="page">
      <PageHeader title={t('playground.title')} subtitle={t('playground.subtitle')} />
      <Show when={props.modelsError}>{(error) => <ErrorNotice error={error()} onRetry={props.onRetryModels} />}</Show>
      <div class="playground">
        <form
          class="card card-pad form playground-settings"
          aria-label={t('playground.settings')}
          onSubmit={sendIfReady}
        >
          <h2 class="card-title">{t('playground.settings')}</h2>
          <Show when={props.models} fallback={<Loading />}>
            {(models) => (
              <Show when={models().length} fallback={<p class="muted">{t('playground.noModels')}</p>}>
                <div class="field">
                  <SelectField
                    label={t('playground.model')}
                    value={props.model}
                    onValue={props.onModel}
                    options={models().map((m) => ({ value: m.name, label: m.name }))}
                    disabled={streaming()}
                  />
                  <Show when={route()}>{(r) => <RouteView route={r()} />}</Show>
                </div>
              </Show>
            )}
          </Show>
          <div class="field">
            <label class="field-label" for={systemId}>
              {t('playground.system')}
              <span class="field-optional"> ({t('common.optional')})</span>
            </label>
            <textarea
              id={systemId}
              name="system"
              class="input textarea"
              rows={3}
              placeholder={t('playground.systemPlaceholder')}
              value={props.system}
              onInput={(e) => props.onSystem(e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <div class="field-label-row">
              <label class="field-label" for={temperatureId}>
                {t('playground.temperature')}
              </label>
              <output class="range-value" for={temperatureId}>
                {props.temperature.toFixed(1)}
              </output>
            </div>
            <input
              id={temperatureId}
              name="temperature"
              type="range"
              class="range"
              min="0"
              max="2"
              step="0.1"
              value={props.temperature}
              aria-describedby={`${temperatureId}-hint`}
              onInput={(e) => props.onTemperature(Number(e.currentTarget.value))}
            />
            <p id={`${temperatureId}-hint`} class="field-hint">
              {t('playground.temperatureHint')}
            </p>
          </div>
          <TextField
            label={t('playground.maxTokens')}
            name="maxTokens"
            type="number"
            inputmode="numeric"
            min="1"
            step="1"
            optional
            value={props.maxTokens}
            onValue={props.onMaxTokens}
            error={props.maxTokensError}
            hint={t('playground.maxTokensHint')}
          />
        </form>

        <div class="playground-main">
          <form
            class="card prompt-card"
            aria-label={t('playground.prompt')}
            onSubmit={sendIfReady}
          >
            <label class="sr-only" for={promptId}>
              {t('playground.prompt')}
            </label>
            <textarea
              id={promptId}
              name="prompt"
              class="prompt-input"
              rows={4}
              placeholder={t('playground.promptPlaceholder')}
              value={props.prompt}
              onInput={(e) => props.onPrompt(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  if (canSend()) props.onSend();
                }
              }}
            />
            <div class="prompt-attach">
              <Show
                when={props.image}
                fallback={
                  <label class="btn btn-secondary btn-sm">
                    <Icon name="plus" size={14} />
                    {t('playground.attachImage')}
                    <input
                      type="file"
                      class="sr-only"
                      accept="image/png,image/jpeg,image/gif,image/webp"
                      data-testid="attach-image"
                      onChange={(e) => props.onImage?.(e.currentTarget.files?.[0] ?? null)}
                    />
                  </label>
                }
              >
                {(image) => (
                  <span class="chip" data-testid="attached-image">
                    {image().name}
                    <button type="button" class="btn btn-sm btn-ghost-danger" aria-label={t('playground.removeImage', { name: image().name })} onClick={() => props.onImage?.(null)}>
                      ×
                    </button>
                  </span>
                )}
              </Show>
              <Show when={props.imageError}>{(error) => <span class="field-error">{error()}</span>}</Show>
            </div>
            <div class="prompt-footer">
              <span class="muted prompt-hint">
                {t('playground.sendHint').split('{keys}')[0]}
                <kbd>Ctrl</kbd> + <kbd>Enter</kbd>
                {t('playground.sendHint').split('{keys}')[1]}
              </span>
              <Show
                when={streaming()}
                fallback={
                  <button type="submit" class="btn btn-primary" disabled={!canSend()}>
                    <Icon name="send" size={16} />
                    {t('playground.send')}
                  </button>
                }
              >
                <button type="button" class="btn btn-danger-outline" onClick={() => props.onStop()}>
                  <Icon name="stop" size={16} />
                  {t('playground.stop')}
                </button>
              </Show>
            </div>
          </form>

          <section class="card answer-card" aria-labelledby="answer-title" aria-busy={streaming()}>
            <div class="card-header">
              <h2 class="card-title" id="answer-title">
                {t('playground.answer')}
              </h2>
              <Show when={props.run}>
                {(run) => (
                  <span class={`badge ${STATUS_TONE[run().status]}`} data-testid="run-status" data-status={run().status}>
                    {t(`playground.status.${run().status}`)}
                  </span>
                )}
              </Show>
            </div>
            <div class="card-pad answer-body">
              <Switch>
                <Match when={props.run?.status === 'failed' && props.run}>
                  {(run) => <ChatErrorPanel error={(run() as Extract<ChatRun, { status: 'failed' }>).error} />}
                </Match>
                <Match when={props.run?.status === 'stopped'}>
                  <p class="notice notice-info notice-compact">{t('playground.stoppedNote')}</p>
                </Match>
                <Match when={props.run?.status === 'ended'}>
                  <p class="notice notice-warning notice-compact">{t('playground.endedNote')}</p>
                </Match>
              </Switch>
              <Show
                when={props.run?.text || streaming()}
                fallback={
                  <Show when={!props.run}>
                    <div class="answer-empty">
                      <Icon name="sparkles" size={22} />
                      <p>{t('playground.answerEmpty')}</p>
                    </div>
                  </Show>
                }
              >
                <div class="answer-text" data-testid="answer-text" aria-live="polite" classList={{ 'answer-streaming': streaming() }}>
                  {props.run?.text}
                </div>
              </Show>
            </div>
          </section>

          <Show when={props.run?.status === 'done' && props.run}>
            {(run) => <ChatResultPanel result={(run() as Extract<ChatRun, { status: 'done' }>).result} />}
          </Show>
        </div>
      </div>
    </section>
  );
}
