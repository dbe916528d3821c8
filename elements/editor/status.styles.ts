// Styles of what StatusController, PresenceController and the review badge render. The words say
// the state; the dot's colour and shape repeat it (never colour alone: filled for saved, a ring
// while saving, hollow while offline, dashed while reconnecting, a square on error).
import { css } from 'lit';

export const statusStyles = css`
  [part='status'] {
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    color: var(--_text);
    font-size: 0.9rem;
    max-width: 100%;
    min-width: 0;
  }
  [part='status']::before {
    content: none;
  }
  [part='status'] .text {
    overflow-wrap: anywhere;
  }
  [part='status'] .dot {
    flex: none;
    box-sizing: border-box;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
    border: 2px solid var(--_muted);
    background: transparent;
  }
  [part='status'][data-status='saved'] .dot,
  [part='status'][data-status='connected'] .dot {
    border-color: var(--_success);
    background: var(--_success);
  }
  [part='status'][data-status='syncing'] .dot {
    border-color: var(--_primary);
    border-right-color: transparent;
  }
  [part='status'][data-status='reconnecting'] .dot {
    border: 2px dashed var(--_warning);
  }
  [part='status'][data-status='reconnecting'] {
    color: var(--_warning);
  }
  [part='status'][data-status='error'] .dot {
    border-radius: 0;
    border-color: var(--_danger);
    background: var(--_danger);
  }
  [part='status'][data-status='error'] {
    color: var(--_danger);
    font-weight: 700;
  }
  @media (prefers-reduced-motion: no-preference) {
    [part='status'][data-status='syncing'] .dot {
      animation: jd-spin 1s linear infinite;
    }
  }
  @keyframes jd-spin {
    to {
      transform: rotate(360deg);
    }
  }

  [part='review-badge'] {
    display: inline-block;
    padding: 0.125rem 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.85rem;
    font-weight: 700;
    color: var(--_primary);
    background: var(--_surface);
    white-space: nowrap;
  }
  /* Text stays the text colour on the tinted backgrounds (GCDS alerts): the border carries the hue. */
  [part='review-badge'][data-status='in_review'] {
    color: var(--_text);
    border-color: var(--_warning);
    background: var(--_warning-bg);
  }
  [part='review-badge'][data-status='approved'] {
    color: var(--_text);
    border-color: var(--_success);
    background: var(--_success-bg);
  }
  [part='review-badge'][data-status='changes_requested'] {
    color: var(--_text);
    border-color: var(--_danger);
    background: var(--_danger-bg);
  }
  [part='review-badge'][data-status='archived'] {
    color: var(--_muted);
    background: var(--_surface-alt);
  }

  [part='notice'].read-only p {
    margin: 0;
  }
  [part='notice'].read-only button {
    margin-top: var(--_space);
  }

  /* The list opens in the flow, under the button, so it never covers the text or the toolbar at any width. */
  .presence {
    display: grid;
    justify-items: end;
    gap: 0.25rem;
  }
  [part='presence-button'] {
    display: inline-flex;
    align-items: center;
    gap: 0.125rem;
    padding: 0.125rem 0.5rem 0.125rem 0.25rem;
    border-radius: 999px;
  }
  [part='presence-button'] [part='avatar'] {
    width: 1.75rem;
    height: 1.75rem;
    border: 2px solid var(--_surface);
    margin-left: -0.375rem;
  }
  [part='presence-button'] [part='avatar']:first-child {
    margin-left: 0;
  }
  [part='presence-button'] .count {
    font-size: 0.85rem;
    font-weight: 700;
    padding-left: 0.25rem;
  }
  .presence [part='presence'] {
    display: grid;
    gap: 0.25rem;
    max-width: 22rem;
    padding: var(--_space);
    margin: 0;
    list-style: none;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 2px 6px rgb(0 0 0 / 20%);
  }
  .presence [part='presence'][hidden] {
    display: none;
  }
  .presence [part='presence'] li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    overflow-wrap: anywhere;
  }
  .presence .swatch {
    flex: none;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 50%;
  }

  .failure {
    border-left: 4px solid var(--_danger);
    padding: 0.25rem 0.5rem;
    margin: 0.5rem 0;
    background: var(--_danger-bg);
  }
  .failure p {
    margin: 0 0 0.25rem;
  }
  button[aria-busy='true'] {
    cursor: progress;
  }
`;
