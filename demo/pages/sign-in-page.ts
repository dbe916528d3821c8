// Sign-in: a picker of the demo accounts, each signed in through <jd-session>'s signIn (which the
// portal hands over as `signIn`). The session's own email and password form follows this page,
// in the reading and tab order as on screen.
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { PortalPage } from './portal-page.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from '../demo-accounts.js';
import { t, termOf } from '../portal-text.js';

@customElement('portal-sign-in-page')
export class PortalSignInPage extends PortalPage {
  /** Signs in; resolves to null, or to the reason it failed. */
  @property({ attribute: false }) signIn: ((email: string, password: string) => Promise<string | null>) | null = null;

  @state() private pending: DemoAccount | null = null;
  @state() private failure: { account: DemoAccount; message: string } | null = null;

  async #signIn(account: DemoAccount): Promise<void> {
    if (!this.signIn || this.pending) return;
    this.pending = account;
    this.failure = null;
    try {
      const failure = await this.signIn(account.email, DEMO_PASSWORD);
      if (failure !== null) this.failure = { account, message: failure };
    } finally {
      this.pending = null;
    }
  }

  protected override render() {
    const lang = this.uiLang;
    return html`<h1 id="page-heading">${t(lang, 'signInHeading')}</h1>
      <p class="intro">${t(lang, 'signInIntro')}</p>
      <section class="accounts" aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">${t(lang, 'accountsHeading')}</h2>
        <p>${t(lang, 'accountsNote')}</p>
        <ul>
          ${DEMO_ACCOUNTS.map(
            (account) => html`<li>
              <button type="button" class="account" data-email=${account.email} ?disabled=${this.pending !== null} @click=${() => void this.#signIn(account)}>
                <span class="account-name">${account.name}</span>
                <span class="account-role">${termOf(lang, 'role', account.role)} · ${account.department[lang]}</span>
                <span class="account-email">${account.email}</span>
              </button>
            </li>`,
          )}
        </ul>
        <p role="status" class="sign-in-progress">${this.pending ? t(lang, 'signingIn', { name: this.pending.name }) : nothing}</p>
        ${this.failure
          ? html`<p role="alert" class="notice error">${t(lang, 'signInFailed', { name: this.failure.account.name, message: this.failure.message })}</p>`
          : nothing}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-sign-in-page': PortalSignInPage;
  }
}
