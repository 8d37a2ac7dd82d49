import { createSignal, Match, Show, Switch } from 'solid-js';
import type { CombinedError } from '@urql/core';
import { Card } from '../../components/Card.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Segmented } from '../../components/Segmented.tsx';
import type { AuditVerifyQuery } from '../../gql/graphql.ts';
import { useI18n } from '../../i18n/index.tsx';

export type ExportFormat = 'jsonl' | 'csv';
export type Verification = AuditVerifyQuery['auditVerify'];
export type Retention = AuditVerifyQuery['auditRetention'];

export interface AuditToolsProps {
  /** The filters the export and the check cover, in words. */
  scope: string;
  onExport: (format: ExportFormat) => void;
  exporting: boolean;
  /** What the download's x-audit-verification header said, once one finished. */
  exported: { format: ExportFormat; verification: string } | null;
  exportError: string | null;
  onVerify: () => void;
  verifying: boolean;
  verification: Verification | undefined;
  retention: Retention | undefined;
  verifyError: CombinedError | undefined;
}

/** Download the trail (JSON Lines or CSV) and check its hash chain, over the filtered range. */
export function AuditTools(props: AuditToolsProps) {
  const { t, num, dateTime } = useI18n();
  const [format, setFormat] = createSignal<ExportFormat>('csv');
  return (
    <Card title={t('audit.tools')} subtitle={props.scope} testId="audit-tools" pad>
      <div class="audit-tools">
        <div class="audit-tool">
          <h3 class="subheading subheading-first">{t('audit.export')}</h3>
          <p class="field-hint">{t('audit.exportHint')}</p>
          <div class="audit-tool-actions">
            <Segmented
              label={t('audit.exportFormat')}
              options={[
                { value: 'csv', label: t('audit.formatCsv') },
                { value: 'jsonl', label: t('audit.formatJsonl') },
              ]}
              value={format()}
              onChange={setFormat}
            />
            <button type="button" class="btn btn-secondary" disabled={props.exporting} onClick={() => props.onExport(format())} data-testid="audit-export">
              <Icon name="download" size={16} />
              {props.exporting ? t('audit.exporting') : t('audit.exportButton')}
            </button>
          </div>
          <Show when={props.exported}>
            {(done) => (
              <p class="audit-tool-result" data-testid="audit-exported" data-verification={done().verification}>
                {done().verification === 'ok' ? t('audit.exportedOk') : t('audit.exportedBroken')}
              </p>
            )}
          </Show>
          <Show when={props.exportError}>
            {(message) => (
              <p class="field-error" role="alert">
                {message()}
              </p>
            )}
          </Show>
        </div>
        <div class="audit-tool">
          <h3 class="subheading subheading-first">{t('audit.verify')}</h3>
          <p class="field-hint">{t('audit.verifyHint')}</p>
          <div class="audit-tool-actions">
            <button type="button" class="btn btn-secondary" disabled={props.verifying} onClick={() => props.onVerify()} data-testid="audit-verify">
              <Icon name="shield" size={16} />
              {props.verifying ? t('audit.verifying') : t('audit.verifyButton')}
            </button>
          </div>
          <Show when={props.verifyError}>{(error) => <ErrorNotice error={error()} />}</Show>
          <Show when={props.verification}>
            {(v) => (
              <Switch>
                <Match when={v().ok}>
                  <p class="notice notice-success notice-compact" role="status" data-testid="audit-verified" data-ok="true">
                    <Icon name="check" size={16} />
                    <span>{t('audit.verifiedOk', { count: num(v().checkedRecords) })}</span>
                  </p>
                </Match>
                <Match when={v().problem}>
                  {(problem) => (
                    <p class="notice notice-error notice-compact" role="alert" data-testid="audit-verified" data-ok="false" data-kind={problem().kind}>
                      <Icon name="alert" size={16} />
                      <span>{t(`audit.problem.${problem().kind}`, { seq: num(Number(problem().seq)) })}</span>
                    </p>
                  )}
                </Match>
              </Switch>
            )}
          </Show>
          <Show when={props.retention}>
            {(r) => (
              <p class="muted audit-retention">
                {t('audit.retention', { days: num(r().retentionDays) })}
                <Show when={r().oldestRecordAt}>{(at) => <> {t('audit.oldest', { at: dateTime(at()) })}</>}</Show>
              </p>
            )}
          </Show>
        </div>
      </div>
    </Card>
  );
}
