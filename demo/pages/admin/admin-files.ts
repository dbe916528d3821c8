// Translation memory and glossary files of the department: <jd-concordance>'s own exchange
// controller and view (TMX import and export through tm-import / tm-export, TBX through
// glossary-import / glossary-export), here for the department the admin manages. The functions
// check again who may import.
import { html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { AdminSection } from './admin-section.js';
import { ExchangeController } from '../../../elements/concordance/exchange-controller.js';
import { renderExchange } from '../../../elements/concordance/exchange-view.js';
import { msg } from '../../../elements/core/i18n.js';
import { t } from '../../portal-text.js';

@customElement('portal-admin-files')
export class PortalAdminFiles extends AdminSection {
  #exchange = new ExchangeController(this);

  /** The controller's "open document": the department managed here. */
  get documentOrganizationId(): string | null {
    return this.organizationId || null;
  }

  protected override updated(): void {
    // The disclosure is this section's whole content: open from the start.
    const details = this.querySelector('details');
    if (details && !details.dataset['opened']) {
      details.dataset['opened'] = 'true';
      details.open = true;
    }
  }

  protected override render() {
    const lang = this.uiLang;
    return html`<h2 id="admin-files">${t(lang, 'filesHeading')}</h2>
      <p class="intro">${t(lang, 'filesIntro')}</p>
      <div class="admin-exchange">${renderExchange(lang, (id, values) => msg(lang, id, values), this.#exchange)}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-files': PortalAdminFiles;
  }
}
