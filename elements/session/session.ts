import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { provide } from '@lit/context';
import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { sharedStyles } from '../core/shared.styles.js';
import { JdThemedElement } from '../core/themed-element.js';
import { DocumentRegistry } from '../core/document-registry.js';
import { msg, toLang, langOf } from '../core/i18n.js';
import { decodeJwt, sessionContext, toJdUser, type JdSessionState, type JdUser } from '../core/session-context.js';
import type { Lang } from '../../domain/sections.js';
import { JdSessionChangeEvent, JdSignInErrorEvent } from './events.js';
import { sessionStyles } from './session.styles.js';

/**
 * Holds the Supabase client, the signed-in user and the sync endpoints, and hands them to every
 * nested jd-* element. Shows a sign-in form when nobody is signed in and the host did not set
 * `accessToken`. Owns the session's documents: one Y.Doc and one set of providers per document id.
 *
 * @slot - The jd-* elements (and anything else) that use this session.
 * @fires jd-session-change - The signed-in user changed (`user`, null when signed out).
 * @fires jd-sign-in-error - Signing in failed (`message`).
 * @csspart form - The sign-in form.
 * @csspart error - The sign-in error message.
 * @csspart account - The signed-in user line with the sign-out button.
 * @csspart sign-out - The sign-out button.
 * @cssstate signed-in - Someone is signed in (form or token).
 */
export class JdSession extends JdThemedElement {
  static override styles = [sharedStyles, sessionStyles];

  /** The Supabase project (or local stack) URL. */
  @property({ attribute: 'supabase-url', reflect: true }) supabaseUrl = '';
  /** The project's public anon key. */
  @property({ attribute: 'anon-key' }) anonKey = '';
  /** y-websocket sync server, `ws(s)://…`. Without it documents stay local (IndexedDB only). */
  @property({ attribute: 'sync-url', reflect: true }) syncUrl = '';
  /** y-webrtc signaling server. Without it there is no peer-to-peer sync. */
  @property({ attribute: 'signaling-url', reflect: true }) signalingUrl = '';
  /** Interface language (en or fr); empty = the page's. */
  @property() override lang = '';
  /** Offer "continue as guest" (the project must allow anonymous sign-ins). */
  @property({ type: Boolean, attribute: 'allow-anonymous', reflect: true }) allowAnonymous = false;
  /** Prefix of this session's IndexedDB caches and of its stored sign-in. */
  @property({ attribute: 'cache-name', reflect: true }) cacheName = 'jd-kit';
  /** Keep the sign-in across page loads (localStorage). */
  @property({ type: Boolean, attribute: 'persist-session' }) persistSession = true;
  /** y-websocket's BroadcastChannel between tabs. Tests that simulate two pages in one turn it off. */
  @property({ attribute: false }) broadcastChannel = true;
  /**
   * A token from the host portal's own sign-in (a Supabase-compatible JWT). While set, the form
   * is not shown and every request and connection uses it; setting a new one reaches every element.
   */
  @property({ attribute: false }) accessToken: string | null = null;
  /** The WebRTC room password of a document (null = no peer-to-peer for it). Default: RPC `document_room_secret`. */
  @property({ attribute: false }) roomPassword: ((documentId: string) => Promise<string | null>) | null = null;

  /** What nested elements receive. */
  @provide({ context: sessionContext })
  @state()
  session: JdSessionState | undefined;

  @state() private formError = '';
  @state() private busy = false;
  @state() private signedInUser: JdUser | null = null;
  @state() private signedInToken: string | null = null;

  #client: SupabaseClient | null = null;
  #clientKey = '';
  #unsubscribe: (() => void) | null = null;
  #registry: DocumentRegistry | null = null;
  #internals = this.attachInternals();
  #lastUserId: string | null | undefined = undefined;

  /** The Supabase client (null until supabase-url and anon-key are set). */
  get client(): SupabaseClient | null {
    return this.#client;
  }

  /** The signed-in user, or null. */
  get user(): JdUser | null {
    return this.session?.user ?? null;
  }

  /** The language the interface uses now. */
  get uiLang(): Lang {
    return this.lang ? toLang(this.lang) : this.parentElement ? langOf(this.parentElement) : 'en';
  }

  /** The session's document registry (created on first use). */
  get documents(): DocumentRegistry {
    this.#registry ??= new DocumentRegistry({
      cacheName: this.cacheName,
      broadcastChannel: this.broadcastChannel,
      roomPassword: (id) => (this.roomPassword ? this.roomPassword(id) : this.#roomSecret(id)),
    });
    return this.#registry;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#clientKey = '';
    this.#registry?.destroy();
    this.#registry = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const key = JSON.stringify([this.supabaseUrl, this.anonKey, this.accessToken !== null, this.cacheName, this.persistSession]);
    if (key !== this.#clientKey) {
      this.#clientKey = key;
      this.#createClient();
    }
    if (changed.has('accessToken') && this.accessToken !== null) {
      const claims = decodeJwt(this.accessToken);
      this.signedInUser = claims ? toJdUser(claims) : null;
      this.signedInToken = this.accessToken;
    }
    const user = this.signedInToken ? this.signedInUser : null;
    const next: JdSessionState = {
      client: this.#client,
      user,
      accessToken: user ? this.signedInToken : null,
      syncUrl: this.syncUrl || null,
      signalingUrl: this.signalingUrl || null,
      // As supabase-js builds it (its own copy is not public).
      functionsUrl: this.supabaseUrl ? `${this.supabaseUrl.replace(/\/+$/, '')}/functions/v1` : null,
      lang: this.uiLang,
      documents: this.documents,
    };
    const prev = this.session;
    if (!prev || (Object.keys(next) as (keyof JdSessionState)[]).some((k) => prev[k] !== next[k])) {
      this.session = next;
      this.documents.configure({ syncUrl: next.syncUrl, signalingUrl: next.signalingUrl, accessToken: next.accessToken, user });
    }
    if (user) this.#internals.states.add('signed-in');
    else this.#internals.states.delete('signed-in');
    const userId = user?.id ?? null;
    if (this.#lastUserId !== undefined && userId !== this.#lastUserId) this.dispatchEvent(new JdSessionChangeEvent(user));
    this.#lastUserId = userId;
  }

  #createClient(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#client = null;
    if (!this.supabaseUrl || !this.anonKey) return;
    if (this.accessToken !== null) {
      // Third-party auth: supabase-js asks for the token on every request, so a new one is used at once.
      this.#client = createClient(this.supabaseUrl, this.anonKey, { accessToken: async () => this.accessToken ?? '' });
      return;
    }
    this.signedInUser = null;
    this.signedInToken = null;
    const client = createClient(this.supabaseUrl, this.anonKey, {
      auth: { persistSession: this.persistSession, storageKey: `${this.cacheName}-auth`, autoRefreshToken: true },
    });
    this.#client = client;
    const { data } = client.auth.onAuthStateChange((_event, session) => {
      if (this.#client !== client || this.accessToken !== null) return;
      this.#applySession(session);
    });
    this.#unsubscribe = () => data.subscription.unsubscribe();
  }

  #applySession(session: Session | null): void {
    this.signedInUser = session ? toJdUser(session.user) : null;
    this.signedInToken = session?.access_token ?? null;
  }

  async #roomSecret(documentId: string): Promise<string | null> {
    if (!this.#client) return null;
    const { data, error } = await this.#client.rpc('document_room_secret', { doc: documentId });
    return !error && typeof data === 'string' && data !== '' ? data : null;
  }

  /** Signs in with email and password; resolves to the user, or null (and fires jd-sign-in-error). */
  async signIn(email: string, password: string): Promise<JdUser | null> {
    return this.#signInWith((client) => client.auth.signInWithPassword({ email, password }));
  }

  /** Signs in as a guest (when the project allows anonymous sign-ins). */
  async signInAnonymously(): Promise<JdUser | null> {
    return this.#signInWith((client) => client.auth.signInAnonymously());
  }

  async #signInWith(
    call: (client: SupabaseClient) => Promise<{ data: { session: Session | null }; error: { message: string } | null }>,
  ): Promise<JdUser | null> {
    const client = this.#client;
    if (!client || this.accessToken !== null) {
      this.formError = msg(this.uiLang, 'session.notConfigured');
      return null;
    }
    this.busy = true;
    this.formError = '';
    try {
      const { data, error } = await call(client);
      if (error || !data.session) {
        const message = error?.message ?? 'no session';
        this.formError = msg(this.uiLang, 'session.failed', { message });
        this.dispatchEvent(new JdSignInErrorEvent(message));
        return null;
      }
      this.#applySession(data.session);
      return this.signedInUser;
    } finally {
      this.busy = false;
    }
  }

  /** Signs out: every element of this session closes its documents and shows the signed-out state. */
  async signOut(): Promise<void> {
    if (this.accessToken !== null) {
      this.accessToken = null;
    } else {
      await this.#client?.auth.signOut({ scope: 'local' }).catch(() => undefined);
      this.#applySession(null);
    }
    this.signedInUser = null;
    this.signedInToken = null;
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    void this.signIn(String(data.get('email') ?? ''), String(data.get('password') ?? ''));
  }

  protected override render() {
    const lang = this.uiLang;
    const user = this.session?.user ?? null;
    const hostManaged = this.accessToken !== null;
    return html`
      ${user && !hostManaged
        ? html`<div part="account">
            <span>${msg(lang, 'session.signedInAs', { name: user.name })}</span>
            <button part="sign-out" type="button" @click=${() => void this.signOut()}>${msg(lang, 'session.signOut')}</button>
          </div>`
        : nothing}
      ${!user && !hostManaged
        ? html`<form part="form" @submit=${this.#onSubmit} aria-labelledby="sign-in-heading" lang=${lang}>
            <h2 id="sign-in-heading">${msg(lang, 'session.signInHeading')}</h2>
            <label>${msg(lang, 'session.email')}<input name="email" type="email" autocomplete="username" required /></label>
            <label>${msg(lang, 'session.password')}<input name="password" type="password" autocomplete="current-password" required /></label>
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? msg(lang, 'session.signingIn') : msg(lang, 'session.signIn')}</button>
              ${this.allowAnonymous
                ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.signInAnonymously()}>${msg(lang, 'session.anonymous')}</button>`
                : nothing}
            </div>
            <p part="error" role="alert">${this.formError}</p>
          </form>`
        : nothing}
      <slot></slot>
    `;
  }
}
