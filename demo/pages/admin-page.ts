// The admin page (issue 19 item 1): for the administrators of a department, its members and
// roles, glossary, translation memory and glossary files, AI usage and budget, and audit log,
// each a section of its own (pages/admin/). Anyone else who opens the address is told they lack
// access; the database refuses them anyway (row-level security, ai_usage_by_provider).
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PortalPage } from './portal-page.js';
import { ADMIN_CHANGED } from './admin/admin-section.js';
import type { Account } from '../portal-data.js';
import { t } from '../portal-text.js';
import './admin/admin-members.js';
import './admin/admin-glossary.js';
import './admin/admin-files.js';
import './admin/admin-ai.js';
import './admin/admin-audit.js';

@customElement('portal-admin-page')
export class PortalAdminPage extends PortalPage {
  /** The signed-in person's roles; null while they load. */
  @property({ attribute: false }) account: Account | null = null;

  /** Grows with every change a section makes (the audit log reads its first page again). */
  @state() private revision = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(ADMIN_CHANGED, this.#onChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(ADMIN_CHANGED, this.#onChange);
  }

  #onChange = (): void => {
    this.revision += 1;
  };

  protected override render() {
    const lang = this.uiLang;
    const heading = html`<h1 id="page-heading">${t(lang, 'adminHeading')}</h1>`;
    if (!this.account) return html`${heading}<p class="notice" role="status">${t(lang, 'adminLoading')}</p>`;
    const managed = this.account.memberships.find((m) => m.role === 'admin');
    if (!managed) return html`${heading}<p class="notice error admin-no-access">${t(lang, 'adminNoAccess')}</p>`;
    const org = managed.organizationId;
    return html`${heading}
      <p class="intro">${t(lang, 'adminIntro', { department: lang === 'fr' ? managed.nameFr : managed.nameEn })}</p>
      <section class="admin-section" aria-labelledby="admin-members"><portal-admin-members .uiLang=${lang} .organizationId=${org}></portal-admin-members></section>
      <section class="admin-section" aria-labelledby="admin-glossary"><portal-admin-glossary .uiLang=${lang} .organizationId=${org}></portal-admin-glossary></section>
      <section class="admin-section" aria-labelledby="admin-files"><portal-admin-files .uiLang=${lang} .organizationId=${org}></portal-admin-files></section>
      <section class="admin-section" aria-labelledby="admin-ai"><portal-admin-ai .uiLang=${lang} .organizationId=${org}></portal-admin-ai></section>
      <section class="admin-section" aria-labelledby="admin-audit">
        <portal-admin-audit .uiLang=${lang} .organizationId=${org} .revision=${this.revision}></portal-admin-audit>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-page': PortalAdminPage;
  }
}
