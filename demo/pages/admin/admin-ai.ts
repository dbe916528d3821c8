// AI usage and budget: this month's requests, tokens and estimated cost per provider
// (ai_usage_by_provider) against the monthly budget, and the form that sets the budget and the
// order ai-assist tries the providers in (ai_settings; admins write it, the database checks it).
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { AdminSection } from './admin-section.js';
import { AI_PROVIDERS, loadAiOverview, saveAiSettings, type AiOverview, type AiProvider } from '../../admin-data.js';
import { formatCount, formatUsd, t, termOf } from '../../portal-text.js';
import { localeOf } from '../../../elements/core/i18n.js';

/** A budget as typed in either language (25, 25.50, 25,50); null when empty; NaN when not an amount. */
function parseBudget(text: string): number | null {
  const value = text.trim().replace(/\s/g, '').replace(',', '.');
  if (value === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(value) ? Number(value) : Number.NaN;
}

interface Draft {
  /** Every provider, the used ones first in their order. */
  providers: AiProvider[];
  used: Set<AiProvider>;
}

@customElement('portal-admin-ai')
export class PortalAdminAi extends AdminSection {
  @state() private draft: Draft | null = null;
  @state() private status = '';
  @state() private error = '';
  @state() private invalid: 'ai-budget' | 'ai-order' | null = null;
  @state() private busy = false;

  #overview = new Task(this, {
    task: async ([client, organizationId]) => {
      if (!client || !organizationId) return null;
      const overview = await loadAiOverview(client, organizationId);
      this.draft = { providers: [...overview.order, ...AI_PROVIDERS.filter((p) => !overview.order.includes(p))], used: new Set(overview.order) };
      return overview;
    },
    args: () => [this.session?.client, this.organizationId] as const,
  });

  async #move(index: number, by: -1 | 1): Promise<void> {
    const draft = this.draft!;
    const providers = [...draft.providers];
    const [moved] = providers.splice(index, 1);
    providers.splice(index + by, 0, moved!);
    this.draft = { ...draft, providers };
    await this.updateComplete;
    // Focus stays with the provider that moved (its button in the new place, or the other one at an end).
    const target = index + by;
    const button = this.querySelector<HTMLButtonElement>(`#ai-order li:nth-child(${target + 1}) button.${by < 0 ? 'up' : 'down'}`);
    (button && !button.disabled ? button : this.querySelector<HTMLButtonElement>(`#ai-order li:nth-child(${target + 1}) button:not(:disabled)`))?.focus();
  }

  #toggle(provider: AiProvider, on: boolean): void {
    const used = new Set(this.draft!.used);
    if (on) used.add(provider);
    else used.delete(provider);
    this.draft = { ...this.draft!, used };
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const lang = this.uiLang;
    const client = this.session?.client;
    const draft = this.draft;
    if (!client || !draft || this.busy) return;
    const budget = parseBudget(String(new FormData(event.target as HTMLFormElement).get('ai-budget') ?? ''));
    const order = draft.providers.filter((p) => draft.used.has(p));
    this.status = '';
    this.invalid = Number.isNaN(budget) ? 'ai-budget' : order.length === 0 ? 'ai-order' : null;
    if (this.invalid) {
      this.error = t(lang, this.invalid === 'ai-budget' ? 'aiBudgetInvalid' : 'aiOrderEmpty');
      await this.updateComplete;
      this.querySelector<HTMLElement>(this.invalid === 'ai-budget' ? '#ai-budget' : '#ai-order input')?.focus();
      return;
    }
    this.error = '';
    this.busy = true;
    try {
      await saveAiSettings(client, this.organizationId, order, budget);
      this.status = t(lang, 'aiSaved');
      await this.#overview.run();
      this.announceChange();
    } catch (error) {
      this.error = t(lang, 'adminSaveError', { message: this.messageOf(error) });
    } finally {
      this.busy = false;
    }
  }

  #usage(overview: AiOverview) {
    const lang = this.uiLang;
    const usage = overview.usage;
    const spent = usage.reduce((sum, row) => sum + Number(row.cost_usd), 0);
    const label = (id: Parameters<typeof t>[1]) => t(lang, id);
    const summary = overview.budget === null
      ? t(lang, 'aiSpentNoCap', { spent: formatUsd(lang, spent) })
      : t(lang, 'aiSpentOf', { spent: formatUsd(lang, spent), budget: formatUsd(lang, overview.budget) });
    return html`<p class="ai-summary">${summary}</p>
      ${overview.budget !== null && overview.budget > 0
        ? html`<meter class="ai-meter" min="0" max=${overview.budget} high=${overview.budget * 0.8} optimum="0" .value=${spent} aria-label=${summary}></meter>`
        : nothing}
      ${usage.length === 0
        ? html`<p class="notice">${label('aiNoUsage')}</p>`
        : html`<table class="documents admin-table ai-usage">
            <caption>${label('aiCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">${label('aiProvider')}</th>
                <th scope="col" class="number">${label('aiRequests')}</th>
                <th scope="col" class="number">${label('aiTokensIn')}</th>
                <th scope="col" class="number">${label('aiTokensOut')}</th>
                <th scope="col" class="number">${label('aiCost')}</th>
              </tr>
            </thead>
            <tbody>
              ${usage.map(
                (row) => html`<tr data-provider=${row.provider}>
                  <th scope="row" data-label=${label('aiProvider')}>${termOf(lang, 'provider', row.provider)}</th>
                  <td class="number" data-label=${label('aiRequests')}>${formatCount(lang, row.requests)}</td>
                  <td class="number" data-label=${label('aiTokensIn')}>${formatCount(lang, row.tokens_in)}</td>
                  <td class="number" data-label=${label('aiTokensOut')}>${formatCount(lang, row.tokens_out)}</td>
                  <td class="number" data-label=${label('aiCost')}>${formatUsd(lang, Number(row.cost_usd))}</td>
                </tr>`,
              )}
            </tbody>
          </table>`}`;
  }

  #settings(overview: AiOverview) {
    const lang = this.uiLang;
    const draft = this.draft!;
    const last = draft.providers.length - 1;
    const budget = overview.budget === null ? '' : new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: 2, useGrouping: false }).format(overview.budget);
    return html`<form class="ai-settings" novalidate aria-labelledby="ai-settings-heading" @submit=${(e: SubmitEvent) => void this.#onSubmit(e)}>
      <h3 id="ai-settings-heading">${t(lang, 'aiSettingsHeading')}</h3>
      <div class="field">
        <label for="ai-budget">${t(lang, 'aiBudget')}</label>
        <input
          id="ai-budget"
          name="ai-budget"
          inputmode="decimal"
          autocomplete="off"
          .value=${budget}
          aria-describedby="ai-budget-hint${this.invalid === 'ai-budget' ? ' ai-error' : ''}"
          aria-invalid=${this.invalid === 'ai-budget' ? 'true' : 'false'}
        />
        <p id="ai-budget-hint" class="hint">${t(lang, 'aiBudgetHint')}</p>
      </div>
      <fieldset aria-describedby=${this.invalid === 'ai-order' ? 'ai-error' : nothing}>
        <legend>${t(lang, 'aiOrder')}</legend>
        <ol id="ai-order" class="provider-order">
          ${draft.providers.map((provider, i) => {
            const name = termOf(lang, 'provider', provider);
            return html`<li>
              <span class="rank" aria-hidden="true">${formatCount(lang, i + 1)}.</span>
              <input type="checkbox" id="use-${provider}" .checked=${draft.used.has(provider)} @change=${(e: Event) => this.#toggle(provider, (e.target as HTMLInputElement).checked)} />
              <label for="use-${provider}">${name}</label>
              <span class="move">
                <button type="button" class="up" aria-label=${t(lang, 'aiMoveUp', { provider: name })} ?disabled=${i === 0} @click=${() => void this.#move(i, -1)}>↑</button>
                <button type="button" class="down" aria-label=${t(lang, 'aiMoveDown', { provider: name })} ?disabled=${i === last} @click=${() => void this.#move(i, 1)}>↓</button>
              </span>
            </li>`;
          })}
        </ol>
      </fieldset>
      <button class="primary" type="submit" ?disabled=${this.busy}>${t(lang, 'aiSave')}</button>
    </form>`;
  }

  protected override render() {
    const lang = this.uiLang;
    const since = this.#overview.value?.usage[0]?.month_start ?? new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1)).toISOString();
    return html`<h2 id="admin-ai">${t(lang, 'aiHeading')}</h2>
      <p class="intro">${t(lang, 'aiIntro', { since: new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(since)) })}</p>
      ${this.renderLoaded(this.#overview, (overview) => (overview ? html`${this.#usage(overview)} ${this.#settings(overview)}` : nothing))}
      <div role="status">${this.status ? html`<p class="notice">${this.status}</p>` : nothing}</div>
      <div role="alert" id="ai-error">${this.error ? html`<p class="notice error">${this.error}</p>` : nothing}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-admin-ai': PortalAdminAi;
  }
}
