// How the "Memory and glossary files" disclosure of <jd-concordance> looks: the import and
// export buttons (import for admins only), the upload's progress, and the answer: counts, the
// file's problems by line, or why nothing was changed. State and requests: exchange-controller.ts.
import { html, nothing } from 'lit';
import { localeOf, type MessageId } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { ExchangeController, ExchangeKind, ExchangeState } from './exchange-controller.js';

type T = (id: MessageId, values?: Record<string, string | number>) => string;

/** Problems listed at most (the functions stop at the first anyway; a long list helps nobody). */
const MAX_ISSUES = 20;

const ACCEPT: Record<ExchangeKind, string> = {
  tmx: '.tmx,application/x-tmx+xml,application/xml,text/xml',
  tbx: '.tbx,.xml,application/x-tbx+xml,application/xml,text/xml',
};

const NAMES: Record<ExchangeKind, { heading: MessageId; import: MessageId; export: MessageId }> = {
  tmx: { heading: 'exchange.memory', import: 'exchange.importTmx', export: 'exchange.exportTmx' },
  tbx: { heading: 'exchange.glossary', import: 'exchange.importTbx', export: 'exchange.exportTbx' },
};

function onFileChosen(exchange: ExchangeController, kind: ExchangeKind) {
  return (event: Event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) is a change too.
    input.value = '';
    if (file) void exchange.importFile(kind, file);
  };
}

/** Opens the file picker of `kind` (the input sits next to its button). */
function pickFile(event: Event) {
  const button = event.currentTarget as HTMLButtonElement;
  button.parentElement?.querySelector<HTMLInputElement>(`input[type=file][data-kind=${button.dataset['kind']}]`)?.click();
}

function renderOutcome(lang: Lang, t: T, state: ExchangeState) {
  const count = (n: number) => new Intl.NumberFormat(localeOf(lang)).format(n);
  switch (state.phase) {
    case 'idle':
      return nothing;
    case 'uploading': {
      const percent = state.total > 0 ? Math.round((100 * state.loaded) / state.total) : 0;
      const label = t('exchange.uploading', { file: state.fileName, percent });
      return html`<div part="exchange-status" data-kind="progress">
        <progress max=${Math.max(1, state.total)} .value=${state.loaded} aria-label=${label}></progress>
        <span>${label}</span>
      </div>`;
    }
    case 'processing':
    case 'exporting': {
      const label = state.phase === 'processing' ? t('exchange.processing', { file: state.fileName }) : t('exchange.exporting');
      return html`<div part="exchange-status" data-kind="progress"><progress aria-label=${label}></progress> <span>${label}</span></div>`;
    }
    case 'imported': {
      const { imported, updated, skipped } = state.answer;
      return html`<p part="exchange-status" data-kind="done">
        ${t('exchange.imported', { file: state.fileName, imported: count(imported), updated: count(updated), skipped: count(skipped) })}
      </p>`;
    }
    case 'refused': {
      const issues = state.answer.errors;
      return html`<div part="exchange-status" data-kind="refused">
        <p>${t('exchange.refused', { file: state.fileName })}</p>
        <ul part="exchange-errors">
          ${issues
            .slice(0, MAX_ISSUES)
            .map((issue) => html`<li>${issue.line > 0 ? t('exchange.line', { line: count(issue.line), message: issue.message }) : issue.message}</li>`)}
        </ul>
      </div>`;
    }
    case 'exported':
      return html`<p part="exchange-status" data-kind="done">${t('exchange.exported', { file: state.fileName })}</p>`;
    case 'failed': {
      const id: MessageId = state.status === 0 ? 'exchange.offline' : state.action === 'import' ? 'exchange.importFailed' : 'exchange.exportFailed';
      return html`<p part="exchange-status" data-kind="error">${t(id, { message: state.message })}</p>`;
    }
  }
}

/** The disclosure; nothing when the user belongs to no department (nothing to exchange). */
export function renderExchange(lang: Lang, t: T, exchange: ExchangeController) {
  if (!exchange.organizationId) return nothing;
  const state = exchange.state;
  const busy = exchange.busy;
  const canImport = exchange.canImport;
  const exporting = (kind: ExchangeKind) => state.phase === 'exporting' && state.kind === kind;
  const group = (kind: ExchangeKind) => {
    const names = NAMES[kind];
    return html`<div class="exchange-group" role="group" aria-label=${t(names.heading)}>
      ${canImport
        ? html`<button type="button" part="exchange-import" data-kind=${kind} ?disabled=${busy} @click=${pickFile}>${t(names.import)}</button>
            <input type="file" hidden data-kind=${kind} accept=${ACCEPT[kind]} @change=${onFileChosen(exchange, kind)} />`
        : nothing}
      <button type="button" part="exchange-export" data-kind=${kind} ?disabled=${busy} aria-busy=${exporting(kind) ? 'true' : 'false'} @click=${() => void exchange.exportFile(kind)}>
        ${exporting(kind) ? t('exchange.exportingShort') : t(names.export as MessageId)}
      </button>
    </div>`;
  };
  const alert = state.phase === 'refused' || state.phase === 'failed';
  return html`<details part="exchange">
    <summary>${t('exchange.title')}</summary>
    <div class="exchange-body">
      ${group('tmx')} ${group('tbx')} ${canImport ? nothing : html`<p class="note" part="exchange-note">${t('exchange.adminsImport')}</p>`}
      <!-- Two live regions that stay in place (a region changing role is not announced reliably): progress and results, problems. -->
      <div role="status" aria-busy=${busy ? 'true' : 'false'}>${alert ? nothing : renderOutcome(lang, t, state)}</div>
      <div role="alert">${alert ? renderOutcome(lang, t, state) : nothing}</div>
    </div>
  </details>`;
}
