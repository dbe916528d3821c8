// The comment body field with @-mentions: the list of matching members under the caret, picked
// with the arrow keys, Enter or Tab, or the mouse.
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Member } from '../../domain/comment-model.js';
import type { CommentMessageId } from '../core/comment-i18n.js';
import type { JdSessionState } from '../core/session-context.js';
import { fetchMembers } from '../core/data-access.js';
import { displayText } from '../../domain/comment-text.js';

interface MentionState {
  form: string;
  start: number;
  query: string;
  index: number;
}

export interface MentionsHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly session: JdSessionState | undefined;
  t(id: CommentMessageId, values?: Record<string, string | number>): string;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const MENTION_QUERY = /(?:^|\s)@([\p{L}\p{M}'’.-]*(?: [\p{L}\p{M}'’.-]*)?)$/u;

export class MentionsController implements ReactiveController {
  /** The organization's members with a name, by name: who may be mentioned, and the author filter. */
  members: Member[] = [];
  /**
   * The user's public.profiles.display_name as stored (not cleaned for display): the name their
   * comments carry, since the sync server refuses any other. Null until loaded.
   */
  profileName: string | null = null;
  #mention: MentionState | null = null;

  constructor(private readonly host: MentionsHost) {
    host.addController(this);
  }

  /** Whether the list of people is open (Escape closes it first). */
  get open(): boolean {
    return this.#mention !== null;
  }

  hostDisconnected(): void {
    this.#mention = null;
  }

  /** Loads the members and the user's profile name; offline, the name remembered from the last time. */
  async load(session: JdSessionState | undefined, organizationId: string | null, signal: AbortSignal): Promise<void> {
    const client = session?.client;
    const userId = session?.user?.id;
    const nameKey = `jd-comment-name:${userId}`;
    this.profileName = globalThis.localStorage?.getItem(nameKey) ?? null;
    if (!client || !userId || !organizationId) return;
    const rows = await fetchMembers(client, organizationId).catch(() => null);
    if (!rows || signal.aborted) return;
    this.members = rows
      .map((r) => ({ id: r.id, role: r.role, name: displayText(r.name, 200) }))
      .filter((m) => m.name !== '')
      .sort((a, b) => a.name.localeCompare(b.name));
    const own = rows.find((r) => r.id === userId)?.name;
    if (own) {
      this.profileName = own;
      globalThis.localStorage?.setItem(nameKey, own);
    }
    this.host.requestUpdate();
  }

  #set(mention: MentionState | null): void {
    this.#mention = mention;
    this.host.requestUpdate();
  }

  #suggestions(): Member[] {
    const m = this.#mention;
    if (!m) return [];
    const q = fold(m.query);
    const members = this.members;
    const me = this.host.session?.user?.id ?? null;
    return members.filter((p) => p.id !== me && fold(p.name).split(/\s+/).some((w) => w.startsWith(q.split(' ')[0]!)) && fold(p.name).includes(q)).slice(0, 6);
  }

  #onInput(form: string, event: Event): void {
    const area = event.target as HTMLTextAreaElement;
    const before = area.value.slice(0, area.selectionStart ?? area.value.length);
    const match = MENTION_QUERY.exec(before);
    if (!match || this.members.length === 0) return this.#set(null);
    const query = match[1]!;
    this.#mention = { form, query, start: before.length - query.length - 1, index: 0 };
    this.#set(this.#suggestions().length === 0 ? null : this.#mention);
  }

  #onKeydown(form: string, event: KeyboardEvent): void {
    const m = this.#mention;
    const area = event.target as HTMLTextAreaElement;
    if (m && m.form === form) {
      const options = this.#suggestions();
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        return this.#set({ ...m, index: (m.index + (event.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length });
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && options[m.index]) {
        event.preventDefault();
        return this.#pick(area, options[m.index]!);
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        return this.#set(null);
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      area.form?.requestSubmit();
    }
  }

  #pick(area: HTMLTextAreaElement, member: Member): void {
    const m = this.#mention;
    if (!m) return;
    const caret = area.selectionStart ?? area.value.length;
    const inserted = `@${member.name} `;
    area.value = area.value.slice(0, m.start) + inserted + area.value.slice(caret);
    const at = m.start + inserted.length;
    area.setSelectionRange(at, at);
    area.focus();
    // As typing does: the kept draft follows (and the finished mention closes the list).
    area.dispatchEvent(new Event('input', { bubbles: true }));
    this.#set(null);
  }

  /** `onDraft` keeps what is typed; called before anything re-renders (a render between listeners would put back a stale value). */
  bodyField(form: string, label: string, value = '', onDraft?: (text: string) => void) {
    const m = this.#mention?.form === form ? this.#mention : null;
    const options = m ? this.#suggestions() : [];
    const listId = `mentions-${form}`;
    const helpId = `help-${form}`;
    return html`<label for="body-${form}">${label}</label>
      <textarea
        id="body-${form}"
        name="body"
        rows="3"
        .value=${value}
        aria-describedby=${helpId}
        aria-autocomplete="list"
        aria-controls=${options.length ? listId : nothing}
        aria-activedescendant=${options.length ? `${listId}-${m!.index}` : nothing}
        @input=${(e: Event) => {
          onDraft?.((e.target as HTMLTextAreaElement).value);
          this.#onInput(form, e);
        }}
        @keydown=${(e: KeyboardEvent) => this.#onKeydown(form, e)}
        @blur=${() => setTimeout(() => this.#mention?.form === form && this.#set(null), 200)}
      ></textarea>
      <p class="help" id=${helpId}>${this.host.t('comments.bodyHelp')}</p>
      ${options.length
        ? html`<ul part="mentions" role="listbox" id=${listId} aria-label=${this.host.t('comments.suggestions')}>
            ${options.map(
              (p, i) =>
                html`<li
                  role="option"
                  id="${listId}-${i}"
                  aria-selected=${i === m!.index ? 'true' : 'false'}
                  @mousedown=${(e: Event) => {
                    e.preventDefault();
                    this.#pick(this.host.renderRoot.querySelector<HTMLTextAreaElement>(`#body-${form}`)!, p);
                  }}
                >
                  <bdi>${p.name}</bdi>
                </li>`,
            )}
          </ul>`
        : nothing}`;
  }
}
