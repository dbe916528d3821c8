// Named versions: the list (document_versions), saving one, showing one beside the text,
// comparing two (or one and the live text) word by word, and restoring one as a new change of
// this user: one Yjs transaction over both languages and the identification fields, so everyone
// sees it at once through the sync server, undone in one step by "Undo restoring" or by Ctrl+Z
// in a pane while it is this user's latest step there (restore-history.ts).
import { html, nothing } from 'lit';
import * as Y from 'yjs';
import { DOMSerializer, type Node as PmNode } from 'prosemirror-model';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { msg, langOf, localeOf } from '../core/i18n.js';
import { jdSchema } from '../core/schema.js';
import { LANGS, META_FIELDS, type Lang } from '../../domain/sections.js';
import { fetchVersionContent, fetchVersions, saveVersion, type VersionRow } from '../core/data-access.js';
import { compareDocuments, type SectionComparison } from '../../domain/version-compare.js';
import { renderComparison } from './version-compare-view.js';
import { JdVersionEvent } from './events.js';
import { RecordsController } from './editor-host.js';
import { describeFailure, type FailedAction } from './request-failure.js';
import { RestoreHistory, type UndoDepths } from './restore-history.js';
import type { HistoryAction } from './history-shortcut.js';

type VersionAction = 'save' | 'restore' | 'view' | 'compare';

/** A comparison as computed: versions by number, `to` null for the live text as it was then. */
interface VersionComparison {
  from: number;
  to: number | null;
  sections: SectionComparison[];
}

export type { VersionRow };

interface ViewedVersion {
  row: VersionRow;
  docs: Record<Lang, PmNode>;
  meta: Record<string, unknown>;
}

/** PostgREST returns bytea as `\x…` hex. */
function decodeBytea(value: unknown): Uint8Array | null {
  if (typeof value !== 'string' || !value.startsWith('\\x')) return null;
  const hex = value.slice(2);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

export class VersionsController extends RecordsController {
  versions: VersionRow[] = [];
  /** What runs now (its button shows progress) and on which version, null when idle. */
  busy: { action: VersionAction; versionNumber: number | null } | null = null;
  /** The last action that failed, until another one runs or the document closes. */
  failure: FailedAction<VersionAction> | null = null;
  #viewed: ViewedVersion | null = null;
  #comparison: VersionComparison | null = null;
  /** This user's restores (both languages and the fields at once), for the document they were made on. */
  #restores: RestoreHistory | null = null;
  /** Past versions rendered once per view, not on every keystroke's render. */
  #dom = new WeakMap<ViewedVersion, Record<Lang, HTMLElement>>();

  protected clear(): void {
    this.versions = [];
    this.busy = null;
    this.failure = null;
    this.#viewed = null;
    this.#comparison = null;
    this.#restores?.destroy();
    this.#restores = null;
  }

  /** Runs one action at a time with its progress shown; a failure is kept with a way to run it again. */
  async #track<T>(action: VersionAction, versionNumber: number | null, work: () => Promise<{ ok: T } | { failure: string }>, retry: () => void): Promise<T | null> {
    if (this.busy) return null;
    this.busy = { action, versionNumber };
    this.failure = null;
    this.host.requestUpdate();
    try {
      const result = await work();
      if ('failure' in result) {
        this.failure = { action, text: result.failure, retry };
        return null;
      }
      return result.ok;
    } finally {
      this.busy = null;
      this.host.requestUpdate();
    }
  }

  async load(): Promise<void> {
    const client = this.host.session?.client;
    if (!client || !this.host.documentId) return;
    const load = this.nextLoad();
    const rows = await fetchVersions(client, this.host.documentId);
    if (!rows || !this.isLatest(load)) return;
    this.versions = rows;
    this.host.requestUpdate();
  }

  /** Saves a named version (server RPC save_version) and returns its number. */
  async save(name: string, note?: string): Promise<number | null> {
    const client = this.host.session?.client;
    if (!client || !name.trim()) return null;
    return this.#track<number | null>(
      'save',
      null,
      async () => {
        const result = await saveVersion(client, this.host.documentId, name.trim(), note ?? null);
        if ('error' in result) return { failure: describeFailure(this.#lang, 'versions.action.save', result.error) };
        this.host.documentState.document?.announceRecordsChange();
        await this.load();
        const row = result.version;
        if (row) this.host.dispatchEvent(new JdVersionEvent('saved', row.version_number, row.name));
        return { ok: row?.version_number ?? null };
      },
      () => void this.save(name, note),
    );
  }

  /** The failure when a version's content could not be fetched (offline or refused). */
  #fetchFailure(action: 'restore' | 'view' | 'compare'): { failure: string } {
    return { failure: describeFailure(this.#lang, action === 'compare' ? 'compare.failed' : `versions.action.${action}`, { message: 'the version could not be read', code: '', status: globalThis.navigator?.onLine === false ? 0 : 500 }) };
  }

  get #lang(): Lang {
    return this.host.session?.lang ?? langOf(this.host);
  }

  /** A saved version as a Y.Doc of its own (the caller destroys it). */
  async #fetchDoc(versionNumber: number): Promise<{ row: VersionRow; doc: Y.Doc } | null> {
    const client = this.host.session?.client;
    const byNumber = (rows: readonly VersionRow[] | null) => rows?.find((v) => v.version_number === versionNumber);
    // Asked for before the list arrived (the editor has just opened), or for a version saved elsewhere since.
    const row = byNumber(this.versions) ?? (client ? byNumber(await fetchVersions(client, this.host.documentId)) : undefined);
    const content = client && row ? await fetchVersionContent(client, row.id) : null;
    if (!row || !content) return null;
    const doc = new Y.Doc();
    for (const bytes of [content.state, ...(content.updates ?? [])].map(decodeBytea)) if (bytes) Y.applyUpdate(doc, bytes);
    return { row, doc };
  }

  async #fetch(versionNumber: number): Promise<ViewedVersion | null> {
    const fetched = await this.#fetchDoc(versionNumber);
    if (!fetched) return null;
    const { row, doc } = fetched;
    const docs = {
      en: yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('en'), jdSchema) as PmNode,
      fr: yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment('fr'), jdSchema) as PmNode,
    };
    const meta = doc.getMap('meta').toJSON();
    doc.destroy();
    return { row, docs, meta };
  }

  /** Shows a past version beside the current one (read-only). */
  async view(versionNumber: number): Promise<boolean> {
    const viewed = await this.#track(
      'view',
      versionNumber,
      async () => {
        const version = await this.#fetch(versionNumber);
        return version ? { ok: version } : this.#fetchFailure('view');
      },
      () => void this.view(versionNumber),
    );
    if (viewed) {
      this.#viewed = viewed;
      this.#comparison = null;
    }
    this.host.requestUpdate();
    return viewed !== null;
  }

  /**
   * Compares version `from` with version `to`, or with the live text when `to` is null (as it is
   * now: the comparison does not follow later typing), per section and word by word in both
   * languages; shown in place of a viewed version.
   */
  async compare(from: number, to: number | null): Promise<boolean> {
    const comparison = await this.#track(
      'compare',
      from,
      async () => {
        const live = this.host.documentState.document?.doc;
        const [before, after] = await Promise.all([this.#fetchDoc(from), to === null ? null : this.#fetchDoc(to)]);
        try {
          const afterDoc = to === null ? live : after?.doc;
          if (!before || !afterDoc) return this.#fetchFailure('compare');
          return { ok: { from, to, sections: compareDocuments(before.doc, afterDoc) } };
        } finally {
          before?.doc.destroy();
          after?.doc.destroy();
        }
      },
      () => void this.compare(from, to),
    );
    if (comparison) {
      this.#comparison = comparison;
      this.#viewed = null;
    }
    this.host.requestUpdate();
    return comparison !== null;
  }

  /** The restores made on `doc`: only their own transactions, so the restorer's typing and others' changes are not in it. */
  #restoresOn(doc: Y.Doc): RestoreHistory {
    if (this.#restores?.doc !== doc) {
      this.#restores?.destroy();
      this.#restores = new RestoreHistory(doc, [...LANGS.map((l) => doc.getXmlFragment(l)), doc.getMap('meta')]);
    }
    return this.#restores;
  }

  /** The restores of the open document, if this user may change it now. */
  #currentRestores(): RestoreHistory | null {
    const restores = this.#restores;
    return restores && this.host.editable && restores.doc === this.host.documentState.document?.doc ? restores : null;
  }

  /** How deep `lang`'s pane's undo stack is now. */
  #undoDepth(lang: Lang): number {
    return this.host.pane(lang)?.undoManager()?.undoStack.length ?? 0;
  }

  /**
   * Ends each pane's current undo step and says how deep its stack is: typing right after a
   * restore (or its undo) then makes a step of its own, undone before the restore, instead of
   * joining the typing just before it (y-prosemirror merges what comes within 500 ms).
   */
  #closePaneSteps(): UndoDepths {
    const depth = (lang: Lang) => {
      this.host.pane(lang)?.undoManager()?.stopCapturing();
      return this.#undoDepth(lang);
    };
    return { en: depth('en'), fr: depth('fr') };
  }

  /** Restores a past version as a new change by this user (history is never rewritten; undo reverts it). */
  async restore(versionNumber: number): Promise<boolean> {
    if (!this.host.editable) return false;
    const version = await this.#track(
      'restore',
      versionNumber,
      async () => {
        const fetched = await this.#fetch(versionNumber);
        return fetched ? { ok: fetched } : this.#fetchFailure('restore');
      },
      () => void this.restore(versionNumber),
    );
    const doc = this.host.documentState.document?.doc;
    if (!version || !doc || !this.host.editable) return false;
    // One transaction: one update through the sync server, applied by every client at once.
    // prosemirrorToYXmlFragment changes only what differs, so unchanged paragraphs (and the
    // comments anchored in them) stay.
    this.#restoresOn(doc).restore(version.row.name, this.#closePaneSteps(), () => {
      for (const lang of LANGS) prosemirrorToYXmlFragment(version.docs[lang], doc.getXmlFragment(lang));
      const meta = doc.getMap('meta');
      for (const field of META_FIELDS) {
        const value = version.meta[field];
        if (field !== 'status' && typeof value === 'string' && meta.get(field) !== value) meta.set(field, value);
      }
    });
    this.host.requestUpdate();
    this.host.say(msg(this.#lang, 'versions.restored', { name: version.row.name }));
    this.host.dispatchEvent(new JdVersionEvent('restored', version.row.version_number, version.row.name));
    return true;
  }

  /** Reverts the last restore (both languages and the fields) in one step; others' changes made since stay. */
  undoRestore(): boolean {
    return this.#stepRestore('undo');
  }

  /**
   * Undo or redo in `lang`'s pane (its keys, its toolbar, editor.undo/redo): takes the step
   * when a restore is this user's latest step there; false leaves it to the pane's own history.
   */
  historyStep(action: HistoryAction, lang: Lang): boolean {
    return !!this.#currentRestores()?.isNextIn(action, lang, this.#undoDepth(lang)) && this.#stepRestore(action);
  }

  /** Undoes the last restore, or redoes the one last undone, and says which. */
  #stepRestore(action: HistoryAction): boolean {
    const restores = this.#currentRestores();
    const name = restores?.[action](this.#closePaneSteps()) ?? null;
    if (name === null) return false;
    this.host.say(msg(this.#lang, action === 'undo' ? 'compare.restoreUndone' : 'versions.restored', { name }));
    this.host.requestUpdate();
    return true;
  }

  #renderCompareForm(lang: Lang) {
    if (this.versions.length === 0) return nothing;
    const onCompare = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
      const to = value('compare-to');
      void this.compare(Number(value('compare-from')), to === 'current' ? null : Number(to));
    };
    const latest = this.versions.reduce((a, b) => (b.version_number > a.version_number ? b : a));
    const option = (v: VersionRow, selected: boolean) => html`<option value=${v.version_number} ?selected=${selected}>${v.version_number}. ${v.name}</option>`;
    const comparing = this.busy?.action === 'compare';
    return html`<form part="compare" class="row" @submit=${onCompare} aria-label=${msg(lang, 'compare.label')}>
      <label>${msg(lang, 'compare.from')} <select name="compare-from">${this.versions.map((v) => option(v, v === latest))}</select></label>
      <label
        >${msg(lang, 'compare.to')}
        <select name="compare-to">
          <option value="current" selected>${msg(lang, 'compare.current')}</option>
          ${this.versions.map((v) => option(v, false))}
        </select></label
      >
      <button type="submit" ?disabled=${this.busy !== null} aria-busy=${comparing ? 'true' : 'false'}>${comparing ? msg(lang, 'compare.busy') : msg(lang, 'compare.submit')}</button>
    </form>`;
  }

  renderPanel(lang: Lang) {
    const onSave = (e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('version-name') as HTMLInputElement;
      void this.save(input.value).then((n) => n !== null && (input.value = ''));
    };
    const busy = this.busy;
    const restoredName = this.#currentRestores()?.latest ?? null;
    const isBusy = (action: VersionAction, versionNumber: number | null = null) => busy?.action === action && busy.versionNumber === versionNumber;
    const label = (action: Exclude<VersionAction, 'compare'>, versionNumber: number | null, idle: string) => (isBusy(action, versionNumber) ? msg(lang, `versions.busy.${action}`) : idle);
    return html`<details part="versions" aria-busy=${busy ? 'true' : 'false'}>
      <summary>${msg(lang, 'versions.label')}</summary>
      ${this.host.documentState.access === 'edit'
        ? html`<form class="row" @submit=${onSave}>
            <label>${msg(lang, 'versions.name')} <input name="version-name" required maxlength="200" /></label>
            <button type="submit" ?disabled=${busy !== null} aria-busy=${isBusy('save') ? 'true' : 'false'}>${label('save', null, msg(lang, 'versions.save'))}</button>
          </form>`
        : nothing}
      ${this.failure
        ? html`<div class="failure" role="alert">
            <p>${this.failure.text}</p>
            <button type="button" ?disabled=${busy !== null} @click=${this.failure.retry}>${msg(lang, 'failure.retry')}</button>
          </div>`
        : nothing}
      ${restoredName !== null
        ? html`<p class="row"><button type="button" part="undo-restore" @click=${() => void this.undoRestore()}>${msg(lang, 'compare.undoRestore', { name: restoredName })}</button></p>`
        : nothing}
      ${this.#renderCompareForm(lang)}
      ${this.versions.length === 0
        ? html`<p>${msg(lang, 'versions.none')}</p>`
        : html`<ul>
            ${this.versions.map(
              (v) => html`<li>
                <span>${v.version_number}. ${v.name}</span>
                <span class="row">
                  <button type="button" ?disabled=${busy !== null} aria-busy=${isBusy('view', v.version_number) ? 'true' : 'false'} @click=${() => void this.view(v.version_number)}>
                    ${label('view', v.version_number, msg(lang, 'versions.view', { name: v.name }))}
                  </button>
                  ${this.host.editable
                    ? html`<button type="button" ?disabled=${busy !== null} aria-busy=${isBusy('restore', v.version_number) ? 'true' : 'false'} @click=${() => void this.restore(v.version_number)}>
                        ${label('restore', v.version_number, msg(lang, 'versions.restore', { name: v.name }))}
                      </button>`
                    : nothing}
                </span>
              </li>`,
            )}
          </ul>`}
    </details>`;
  }

  renderView(lang: Lang) {
    const comparison = this.#comparison;
    if (comparison) {
      const label = (n: number | null) => {
        const row = this.versions.find((v) => v.version_number === n);
        return row ? msg(lang, 'compare.version', { number: row.version_number, name: row.name }) : msg(lang, 'compare.currentText');
      };
      const close = () => {
        this.#comparison = null;
        this.host.requestUpdate();
      };
      return renderComparison({ from: label(comparison.from), to: label(comparison.to), sections: comparison.sections }, lang, close);
    }
    const viewed = this.#viewed;
    if (!viewed) return nothing;
    let rendered = this.#dom.get(viewed);
    if (!rendered) {
      const serializer = DOMSerializer.fromSchema(jdSchema);
      const render = (l: Lang) => {
        const container = window.document.createElement('div');
        container.lang = localeOf(l);
        container.append(serializer.serializeFragment(viewed.docs[l].content));
        return container;
      };
      rendered = { en: render('en'), fr: render('fr') };
      this.#dom.set(viewed, rendered);
    }
    const close = () => {
      this.#viewed = null;
      this.host.requestUpdate();
    };
    return html`<section part="version-view" aria-labelledby="version-heading">
      <div class="bar">
        <h2 id="version-heading">${msg(lang, 'versions.viewing', { number: viewed.row.version_number, name: viewed.row.name })}</h2>
        <button type="button" @click=${close}>${msg(lang, 'versions.close')}</button>
      </div>
      <div class="panes">${rendered.en}${rendered.fr}</div>
    </section>`;
  }
}
