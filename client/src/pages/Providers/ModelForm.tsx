import { createSignal, Index, Show } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Icon } from '../../components/Icon.tsx';
import { SelectField, TextField } from '../../components/Field.tsx';
import { Form, FormActions } from '../../components/Form.tsx';
import { createFormErrors } from '../../components/form-errors.ts';
import type { ModelFieldsFragment } from '../../gql/graphql.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { ErrorContext } from '../../lib/errors.ts';
import type { Problem } from '../../lib/validate.ts';
import { CAPABILITIES, type CapabilityName } from './provider-rows.ts';

type TargetCaps = { vision?: boolean | null; tools?: boolean | null; json?: boolean | null; embeddings?: boolean | null } | null;
export interface TargetValue {
  provider: string;
  model: string;
  /** Per-target switches set elsewhere (the config file); kept as they are. */
  capabilities?: TargetCaps;
}

export interface ModelFormValues {
  name: string;
  primary: TargetValue;
  fallbacks: TargetValue[];
  capabilities: Partial<Record<CapabilityName, boolean>> & { contextWindow?: number; maxOutputTokens?: number };
}

const MAX_FALLBACKS = 8;
const targetFields = (prefix: string) => [`${prefix}.provider`, `${prefix}.model`];
const FIELDS = ['name', 'fallbacks', 'capabilities.contextWindow', 'capabilities.maxOutputTokens', ...targetFields('primary'), ...Array.from({ length: MAX_FALLBACKS }, (_, i) => targetFields(`fallbacks.${i}`)).flat()];

/** The server's refusals of this form, said by field. */
export const MODEL_ERRORS: ErrorContext = {
  'BAD_USER_INPUT:name': 'models.error.name',
  'CONFLICT:name': 'models.error.nameTaken',
  'BAD_USER_INPUT:fallbacks': 'models.error.fallbacks',
  'BAD_USER_INPUT:capabilities.contextWindow': 'models.error.tokens',
  'BAD_USER_INPUT:capabilities.maxOutputTokens': 'models.error.tokens',
  ...Object.fromEntries(
    ['primary', ...Array.from({ length: MAX_FALLBACKS }, (_, i) => `fallbacks.${i}`)].flatMap((p) => [
      [`BAD_USER_INPUT:${p}.provider`, 'models.error.provider'],
      [`BAD_USER_INPUT:${p}.model`, 'models.error.model'],
    ]),
  ),
};

const triState = (v: boolean | null | undefined) => (v === true ? 'on' : v === false ? 'off' : 'auto');

export function ModelForm(props: { model: ModelFieldsFragment | null; providers: readonly string[]; busy: boolean; error: CombinedError | null; onSubmit: (values: ModelFormValues) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const m = props.model;
  const strip = (x: { provider: string; model: string; capabilities?: TargetCaps }): TargetValue => ({ provider: x.provider, model: x.model, capabilities: x.capabilities ?? null });
  const [name, setName] = createSignal(m?.name ?? '');
  const [targets, setTargets] = createSignal<TargetValue[]>(m ? [strip(m.primary), ...m.fallbacks.map(strip)] : [{ provider: props.providers[0] ?? '', model: '' }]);
  const configured = m?.configuredCapabilities;
  const [caps, setCaps] = createSignal<Record<CapabilityName, string>>({
    vision: triState(configured?.vision),
    tools: triState(configured?.tools),
    json: triState(configured?.json),
    embeddings: triState(configured?.embeddings),
  });
  const [contextWindow, setContextWindow] = createSignal(configured?.contextWindow ? String(configured.contextWindow) : '');
  const [maxOutput, setMaxOutput] = createSignal(configured?.maxOutputTokens ? String(configured.maxOutputTokens) : '');
  const errors = createFormErrors({ error: () => props.error, fields: FIELDS, context: MODEL_ERRORS });
  const fieldOf = (i: number) => (i === 0 ? 'primary' : `fallbacks.${i - 1}`);
  const setTarget = (i: number, patch: Partial<TargetValue>, field: string) => {
    setTargets((list) => list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
    errors.edited(field);
  };
  const providerOptions = () => props.providers.map((id) => ({ value: id, label: id }));
  const tokens = (text: string) => (text.trim() ? Number(text.trim()) : undefined);
  const tokenProblem = (text: string): Problem | null => {
    const n = tokens(text);
    return n === undefined || (Number.isInteger(n) && n > 0) ? null : { key: 'models.error.tokens' };
  };

  return (
    <Form
      errorContext={MODEL_ERRORS}
      error={errors.general()}
      refusal={props.error}
      onSubmit={() => {
        const found: Record<string, Problem | null> = {
          name: /^\S{1,128}$/.test(name().trim()) ? null : { key: 'models.error.name' },
          'capabilities.contextWindow': tokenProblem(contextWindow()),
          'capabilities.maxOutputTokens': tokenProblem(maxOutput()),
        };
        targets().forEach((x, i) => {
          found[`${fieldOf(i)}.provider`] = x.provider ? null : { key: 'models.error.provider' };
          found[`${fieldOf(i)}.model`] = x.model.trim() ? null : { key: 'models.error.model' };
        });
        if (!errors.check(found)) return false;
        const [primary, ...fallbacks] = targets().map((x) => ({ ...x, model: x.model.trim() }));
        const capabilities: ModelFormValues['capabilities'] = {};
        for (const c of CAPABILITIES) if (caps()[c] !== 'auto') capabilities[c] = caps()[c] === 'on';
        if (tokens(contextWindow()) !== undefined) capabilities.contextWindow = tokens(contextWindow());
        if (tokens(maxOutput()) !== undefined) capabilities.maxOutputTokens = tokens(maxOutput());
        props.onSubmit({ name: name().trim(), primary, fallbacks, capabilities });
      }}
    >
      <TextField label={t('models.name')} name="name" value={name()} onValue={(v) => (setName(v), errors.edited('name'))} error={errors.message('name')} hint={t('models.nameHint')} disabled={Boolean(m)} autocomplete="off" data-autofocus />
      <Index each={targets()}>
        {(target, i) => (
          <fieldset class="route-target" data-testid="route-target">
            <legend class="field-label">{i === 0 ? t('models.primary') : t('models.fallback', { n: i })}</legend>
            <div class="form-row">
              <SelectField
                label={t('models.provider')}
                name={`${fieldOf(i)}.provider`}
                value={target().provider}
                options={[{ value: '', label: '—' }, ...providerOptions()]}
                onValue={(v) => setTarget(i, { provider: v, capabilities: null }, `${fieldOf(i)}.provider`)}
                error={errors.message(`${fieldOf(i)}.provider`)}
              />
              <TextField
                label={t('models.providerModel')}
                name={`${fieldOf(i)}.model`}
                value={target().model}
                onValue={(v) => setTarget(i, { model: v, capabilities: null }, `${fieldOf(i)}.model`)}
                error={errors.message(`${fieldOf(i)}.model`)}
                autocomplete="off"
              />
            </div>
            <Show when={i > 0}>
              <button type="button" class="btn btn-ghost-danger btn-sm" onClick={() => setTargets((list) => list.filter((_, j) => j !== i))}>
                <Icon name="trash" size={14} />
                {t('models.removeFallback', { n: i })}
              </button>
            </Show>
          </fieldset>
        )}
      </Index>
      <Show when={targets().length <= MAX_FALLBACKS}>
        <button type="button" class="btn btn-secondary btn-sm add-fallback" data-testid="add-fallback" onClick={() => setTargets((list) => [...list, { provider: '', model: '' }])}>
          <Icon name="plus" size={14} />
          {t('models.addFallback')}
        </button>
      </Show>
      <fieldset class="route-target">
        <legend class="field-label">{t('models.capabilities')}</legend>
        <p class="field-hint">{t('models.capabilitiesHint')}</p>
        <div class="form-row capability-row">
          <Index each={CAPABILITIES}>
            {(c) => (
              <SelectField
                label={t(`models.cap.${c()}` as MessageKey)}
                name={`capabilities.${c()}`}
                value={caps()[c()]}
                options={[
                  { value: 'auto', label: t('models.cap.auto') },
                  { value: 'on', label: t('models.cap.on') },
                  { value: 'off', label: t('models.cap.off') },
                ]}
                onValue={(v) => setCaps((all) => ({ ...all, [c()]: v }))}
              />
            )}
          </Index>
        </div>
        <div class="form-row">
          <TextField label={t('models.contextWindow')} name="contextWindow" inputmode="numeric" value={contextWindow()} onValue={(v) => (setContextWindow(v), errors.edited('capabilities.contextWindow'))} error={errors.message('capabilities.contextWindow')} optional />
          <TextField label={t('models.maxOutputTokens')} name="maxOutputTokens" inputmode="numeric" value={maxOutput()} onValue={(v) => (setMaxOutput(v), errors.edited('capabilities.maxOutputTokens'))} error={errors.message('capabilities.maxOutputTokens')} optional />
        </div>
      </fieldset>
      <FormActions busy={props.busy} submitLabel={m ? t('common.save') : t('common.create')} onCancel={props.onCancel} />
    </Form>
  );
}
