// Styles every jd-* element shares: the default tokens (chosen to sit beside the GC Design
// System: Noto Sans, #333 text, #26374a buttons, #0535d2 focus) and form controls.
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    --_text: var(--jd-color-text, #333333);
    --_muted: var(--jd-color-muted, #545454);
    --_surface: var(--jd-color-surface, #ffffff);
    --_surface-alt: var(--jd-color-surface-alt, #f1f2f3);
    --_border: var(--jd-color-border, #7d828b);
    --_primary: var(--jd-color-primary, #26374a);
    --_on-primary: var(--jd-color-on-primary, #ffffff);
    --_focus: var(--jd-color-focus, #0535d2);
    --_danger: var(--jd-color-danger, #a62a1e);
    --_success: var(--jd-color-success, #03662a);
    --_notice: var(--jd-color-notice, #fff3cd);
    --_radius: var(--jd-radius, 4px);
    --_space: var(--jd-space, 0.5rem);
    font-family: var(--jd-font-family, 'Noto Sans', system-ui, sans-serif);
    font-size: var(--jd-font-size, 1rem);
    color: var(--_text);
  }
  [hidden] {
    display: none !important;
  }
  button {
    font: inherit;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25rem 0.5rem;
    min-height: 2rem;
    box-sizing: border-box;
  }
  :is(button, input, select, textarea, a, [tabindex], [contenteditable]):focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
