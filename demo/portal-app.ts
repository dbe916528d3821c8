// The portal's frame: Canada.ca-style header (government bar, language toggle, department,
// the signed-in person and sign-out), menu, breadcrumbs, and the page the route names inside
// <jd-session>, which every page and kit element shares.
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { JdSession } from '../elements/session/session.js';
import type { JdUser } from '../elements/core/session-context.js';
import type { Lang } from '../domain/sections.js';
import { loadAccount, type Account } from './portal-data.js';
import { t, termOf, type PortalTextId } from './portal-text.js';
import { inOtherLanguage, parseRoute, routeHref, type Route } from './router.js';
import './pages/documents-page.js';
import './pages/document-page.js';
import './pages/sign-in-page.js';
import './pages/import-page.js';
import './pages/admin-page.js';
import '../elements/notifications/define.js';

/** Where the pages find the local stack (dev/demo-server.ts). */
export interface StackConfig {
  apiUrl: string;
  anonKey: string;
  syncUrl?: string;
  signalingUrl?: string;
}

@customElement('portal-app')
export class PortalApp extends LitElement {
  @property({ attribute: false }) stack: StackConfig | null = null;

  @state() private route: Route = parseRoute(location.hash, 'en');
  @state() private user: JdUser | null = null;
  @state() private account: Account | null = null;
  @state() private serviceUp = true;
  /** The open document's title (document page), for the window's title. */
  @state() private documentTitle = '';

  #focusMainAfterRender = false;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('hashchange', this.#onHashChange);
    void this.#checkService();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.#onHashChange);
  }

  #onHashChange = (): void => {
    // The skip link's own target is no route: keep the page, let the browser move focus.
    if (!location.hash.startsWith('#/')) return;
    this.route = parseRoute(location.hash, this.route.lang);
    this.#focusMainAfterRender = true;
  };

  #navigate(route: Route): void {
    history.replaceState(null, '', routeHref(route));
    this.route = route;
  }

  async #checkService(): Promise<void> {
    if (!this.stack) return;
    try {
      this.serviceUp = (await fetch(`${this.stack.apiUrl}/health`)).ok;
    } catch {
      this.serviceUp = false;
    }
  }

  #onSessionChange = (event: { user: JdUser | null }): void => {
    this.user = event.user;
    this.account = null;
    const session = this.querySelector('jd-session');
    if (event.user && session?.client) {
      const userId = event.user.id;
      loadAccount(session.client, userId)
        .then((account) => {
          if (this.user?.id === userId) this.account = account;
        })
        .catch(() => undefined);
    }
    if (!event.user && this.route.page !== 'sign-in') this.#navigate({ lang: this.route.lang, page: 'sign-in' });
  };

  protected override willUpdate(): void {
    // Signed in, the sign-in page has nothing to offer: the document list instead.
    if (this.user && this.route.page === 'sign-in') this.#navigate({ lang: this.route.lang, page: 'documents' });
  }

  protected override updated(): void {
    const { lang } = this.route;
    this.classList.toggle('wide', this.user !== null && this.route.page === 'document');
    document.documentElement.lang = lang;
    const page = this.user && this.route.page === 'document' && this.documentTitle ? this.documentTitle : t(lang, this.#pageName());
    document.title = t(lang, 'pageTitle', { page });
    if (this.#focusMainAfterRender) {
      this.#focusMainAfterRender = false;
      this.querySelector<HTMLElement>('main')?.focus({ preventScroll: false });
    }
  }

  #pageName(): PortalTextId {
    if (!this.user || this.route.page === 'sign-in') return 'signInHeading';
    if (this.route.page === 'import') return 'importHeading';
    if (this.route.page === 'admin') return 'adminHeading';
    return this.route.page === 'review' ? 'reviewHeading' : 'documentsHeading';
  }

  /** Signs in through <jd-session> (the picker's accounts); resolves to null, or to why it failed. */
  #signIn = async (email: string, password: string): Promise<string | null> => {
    const session = this.querySelector('jd-session');
    if (!session) return 'no session';
    let reason = '';
    const onError = (event: { message: string }) => (reason = event.message);
    session.addEventListener('jd-sign-in-error', onError);
    try {
      return (await session.signIn(email, password)) ? null : reason || '—';
    } finally {
      session.removeEventListener('jd-sign-in-error', onError);
    }
  };

  #skipToContent(event: Event): void {
    event.preventDefault();
    this.querySelector<HTMLElement>('main')?.focus();
  }

  #header(lang: Lang) {
    const membership = this.account?.memberships[0];
    const department = membership ? (lang === 'fr' ? membership.nameFr : membership.nameEn) : '';
    const other = inOtherLanguage(this.route);
    return html`<header class="site-header">
      <div class="gov-bar">
        <div class="container gov-bar-inner">
          <p class="gov-name">${t(lang, 'government')}</p>
          <a class="lang-toggle" href=${routeHref(other)} lang=${other.lang} hreflang=${other.lang}>${t(lang, 'otherLanguage')}</a>
        </div>
      </div>
      <div class="brand-bar">
        <div class="container brand-inner">
          <p class="portal-name">
            <a href=${routeHref({ lang, page: 'documents' })}>${t(lang, 'portalName')}</a>
            ${department ? html`<span class="department">${department}</span>` : nothing}
          </p>
          ${this.user
            ? html`<div class="account-bar">
                <p class="who">
                  <span class="who-name">${t(lang, 'signedInAs', { name: this.user.name })}</span>
                  ${membership ? html`<span class="who-role">${t(lang, 'role', { role: termOf(lang, 'role', membership.role) })}</span>` : nothing}
                </p>
                <!-- Outside <jd-session> (the header comes first), so it is handed the session's state. -->
                <jd-notifications .session=${this.querySelector<JdSession>('jd-session')?.session}></jd-notifications>
                <button type="button" class="sign-out" @click=${() => void this.querySelector<JdSession>('jd-session')?.signOut()}>${t(lang, 'signOut')}</button>
              </div>`
            : nothing}
        </div>
      </div>
      ${this.user ? this.#menu(lang) : nothing}
    </header>`;
  }

  #menu(lang: Lang) {
    const current = (page: Route['page']) => (this.route.page === page || (page === 'documents' && (this.route.page === 'document' || this.route.page === 'import')) ? 'page' : nothing);
    return html`<nav class="menu" aria-label=${t(lang, 'menu')}>
      <ul class="container">
        <li><a href=${routeHref({ lang, page: 'documents' })} aria-current=${current('documents')}>${t(lang, 'navDocuments')}</a></li>
        ${this.account?.reviews
          ? html`<li><a href=${routeHref({ lang, page: 'review' })} aria-current=${current('review')}>${t(lang, 'navReview')}</a></li>`
          : nothing}
        ${this.account?.administers
          ? html`<li><a href=${routeHref({ lang, page: 'admin' })} aria-current=${current('admin')}>${t(lang, 'navAdmin')}</a></li>`
          : nothing}
      </ul>
    </nav>`;
  }

  #breadcrumbs(lang: Lang) {
    const trail: { label: string; href: string }[] = [{ label: t(lang, 'home'), href: routeHref({ lang, page: 'documents' }) }];
    if (this.user && (this.route.page === 'document' || this.route.page === 'import')) trail.push({ label: t(lang, 'navDocuments'), href: routeHref({ lang, page: 'documents' }) });
    return html`<nav class="breadcrumbs container" aria-label=${t(lang, 'breadcrumbs')}>
      <ol>
        ${trail.map((crumb) => html`<li><a href=${crumb.href}>${crumb.label}</a></li>`)}
      </ol>
    </nav>`;
  }

  #page(lang: Lang) {
    const route = this.route;
    if (!this.user) return nothing;
    if (route.page === 'document') return html`<portal-document-page .uiLang=${lang} .documentId=${route.id} .alignmentId=${route.alignment ?? ''}></portal-document-page>`;
    if (route.page === 'import') return html`<portal-import-page .uiLang=${lang}></portal-import-page>`;
    if (route.page === 'admin') return html`<portal-admin-page .uiLang=${lang} .account=${this.account}></portal-admin-page>`;
    return html`<portal-documents-page .uiLang=${lang} ?review=${route.page === 'review'}></portal-documents-page>`;
  }

  protected override render() {
    const lang = this.route.lang;
    const stack = this.stack;
    return html`<a class="skip-link" href="#main" @click=${this.#skipToContent}>${t(lang, 'skipToContent')}</a>
      ${this.#header(lang)} ${this.#breadcrumbs(lang)}
      <main id="main" tabindex="-1" class="container" @portal-title=${(e: CustomEvent<string>) => (this.documentTitle = e.detail)}>
        ${this.serviceUp ? nothing : html`<p class="notice error" role="alert">${t(lang, 'unavailable')}</p>`}
        <!-- Signed out, the account picker comes before <jd-session>, whose own form then follows it. -->
        ${this.user ? nothing : html`<portal-sign-in-page .uiLang=${lang} .signIn=${this.#signIn}></portal-sign-in-page>`}
        <jd-session
          cache-name="jd-demo"
          lang=${lang}
          .supabaseUrl=${stack?.apiUrl ?? ''}
          .anonKey=${stack?.anonKey ?? ''}
          .syncUrl=${stack?.syncUrl ?? ''}
          .signalingUrl=${stack?.signalingUrl ?? ''}
          @jd-session-change=${this.#onSessionChange}
        >
          ${this.#page(lang)}
        </jd-session>
      </main>
      <footer class="site-footer">
        <div class="container"><p>${t(lang, 'footer')}</p></div>
      </footer>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-app': PortalApp;
  }
}
