// What <jd-compliance> shows of its AI review (ai-review-controller.ts): the "AI review
// (advisory)" button, progress, the failure with what to do, and the items under their own
// heading, each labelled advisory in words (not colour alone), with the provider and model, and
// "Apply rewrite" where the item maps to words in the linked editor.
import { html, nothing } from 'lit';
import type { ReviewItem } from '../../domain/ai/assist-types.js';
import type { MessageId } from '../core/i18n.js';
import { isAppliable, type AiReviewController } from './ai-review-controller.js';

export interface AiReviewView {
  controller: AiReviewController;
  t(id: MessageId, values?: Record<string, string | number>): string;
  sectionName(section: string): string;
  /** Whether a linked editor can take a rewrite. */
  canApply: boolean;
  /** Runs an action and moves the focus to its message. */
  afterAction(action: boolean): void;
}

function renderItem(view: AiReviewView, item: ReviewItem) {
  const { t } = view;
  const appliable = view.canApply && isAppliable(item);
  return html`<li part="ai-item" data-kind=${item.kind} data-advisory="true">
    <span part="ai-advisory">${t('compliance.aiReview.advisory')}</span>
    <p class="ai-meta"><strong>${t(`compliance.aiReview.kind.${item.kind}`)}</strong> · ${item.section ? view.sectionName(item.section) : t('compliance.aiReview.whole')}${item.lang
      ? html` · <span class="lang">${t(item.lang === 'en' ? 'tm.english' : 'tm.french')}</span>`
      : nothing}</p>
    <p part="ai-message">${item.message}</p>
    ${item.text ? html`<p part="excerpt"><q lang=${item.lang ?? nothing}>${item.text}</q>${item.suggestion ? html` <span class="fix">→ <q lang=${item.lang ?? nothing}>${item.suggestion}</q></span>` : nothing}</p>` : nothing}
    ${!item.text && item.suggestion ? html`<p part="ai-suggestion">${t('compliance.aiReview.suggestion')} <q lang=${item.lang ?? nothing}>${item.suggestion}</q></p>` : nothing}
    ${item.finding_rule ? html`<p class="ai-meta">${t('compliance.aiReview.rule', { rule: item.finding_rule })}</p>` : nothing}
    ${appliable
      ? html`<div class="actions">
          <button part="ai-apply" type="button" aria-label=${t('compliance.aiReview.applyLabel', { text: item.text!, fix: item.suggestion! })} @click=${() => view.afterAction(view.controller.apply(item))}>
            ${t('compliance.aiReview.apply')}
          </button>
        </div>`
      : nothing}
  </li>`;
}

export function renderAiReview(view: AiReviewView) {
  const { t } = view;
  const state = view.controller.state;
  const running = state.phase === 'running';
  return html`<section part="ai-review" aria-labelledby="ai-review-title" aria-busy=${running ? 'true' : 'false'}>
    <h3 id="ai-review-title">${t('compliance.aiReview.title')}</h3>
    <button part="ai-run" type="button" ?disabled=${running} @click=${() => void view.controller.run()}>${t('compliance.aiReview.run')}</button>
    ${running ? html`<p part="status" role="status" data-kind="info">${t('compliance.aiReview.running', { count: state.received })}</p>` : nothing}
    ${state.phase === 'error' ? html`<p part="status" role="alert" data-kind="error">${t('compliance.aiReview.failed', { message: state.message })}</p>` : nothing}
    ${state.phase === 'done'
      ? html`<p part="ai-by" role="status">${t('compliance.aiReview.by', { provider: state.provider, model: state.model })}</p>
          ${state.notice ? html`<p class="ai-meta">${state.notice}</p>` : nothing}
          ${state.items.length === 0 ? html`<p part="status" data-kind="info">${t('compliance.aiReview.none')}</p>` : html`<ul part="ai-items">${state.items.map((item) => renderItem(view, item))}</ul>`}`
      : nothing}
  </section>`;
}
