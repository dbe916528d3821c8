// Named versions: the list (document_versions), saving one, showing one beside the text, and
// restoring one as a new change of this user.
import { html, nothing } from 'lit';
import * as Y from 'yjs';
import { DOMSerializer, type Node as PmNode } from 'prosemirror-model';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { msg, langOf, localeOf } from '../core/i18n.js';
import { jdSchema } from '../core/schema.js';
import { LANGS, META_FIELDS, type Lang } from '../../domain/sections.js';
import { fetchVersionContent, fetchVersions, saveVersion, type VersionRow } from '../core/data-access.js';
import { replaceAllContent } from './editor-text.js';
import { JdVersionEvent } from './events.js';
import { RecordsController } from './editor-host.js';
import { describeFailure, type FailedAction } from './request-failure.js';

type VersionAction = 'save' | 'restore' | 'view';

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
  /** Past versions rendered once per view, not on every keystroke's render. */
  #dom = new WeakMap<ViewedVersion, Record<Lang, HTMLElement>>();

  protected clear(): void {
    this.versions = [];
    this.busy = null;
    this.failure = null;
    this.#viewed = null;
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
  #fetchFailure(action: 'restore' | 'view'): { failure: string } {
    return { failure: describeFailure(this.#lang, `versions.action.${action}`, { message: 'the version could not be read', code: '', status: globalThis.navigator?.onLine === false ? 0 : 500 }) };
  }

  get #lang(): Lang {
    return this.host.session?.lang ?? langOf(this.host);
  }

  async #fetch(versionNumber: number): Promise<ViewedVersion | null> {
    const client = this.host.session?.client;
    const row = this.versions.find((v) => v.version_number === versionNumber);
    const content = client && row ? await fetchVersionContent(client, row.id) : null;
    if (!row || !content) return null;
    const doc = new Y.Doc();
    for (const bytes of [content.state, ...(content.updates ?? [])].map(decodeBytea)) if (bytes) Y.applyUpdate(doc, bytes);
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
    if (viewed) this.#viewed = viewed;
    this.host.requestUpdate();
    return viewed !== null;
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
    const panes = LANGS.map((l) => this.host.pane(l));
    if (!version || !doc || !this.host.editable || panes.some((p) => !p)) return false;
    replaceAllContent(panes.map((p) => p!), version.docs);
    const meta = doc.getMap('meta');
    doc.transact(() => {
      for (const field of META_FIELDS) {
        const value = version.meta[field];
        if (field !== 'status' && typeof value === 'string' && meta.get(field) !== value) meta.set(field, value);
      }
    });
    this.host.say(msg(this.#lang, 'versions.restored', { name: version.row.name }));
    this.host.dispatchEvent(new JdVersionEvent('restored', version.row.version_number, version.row.name));
    return true;
  }

  renderPanel(lang: Lang) {
    const onSave = (e: SubmitEvent) => {
      e.preventDefault();
      const input = (e.target as HTMLFormElement).elements.namedItem('version-name') as HTMLInputElement;
      void this.save(input.value).then((n) => n !== null && (input.value = ''));
    };
    const busy = this.busy;
    const isBusy = (action: VersionAction, versionNumber: number | null = null) => busy?.action === action && busy.versionNumber === versionNumber;
    const label = (action: VersionAction, versionNumber: number | null, idle: string) => (isBusy(action, versionNumber) ? msg(lang, `versions.busy.${action}`) : idle);
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
