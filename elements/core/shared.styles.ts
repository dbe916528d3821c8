// Styles every jd-* element shares: the theme (GC Design System tokens behind `--jd-*`, see
// tokens.ts), form controls styled as GCDS styles them, and one focus style for everything
// interactive (GCDS: a 4 px focus-colour outline, 2 px away, with a white gap; buttons and
// links also take the focus colour as background).
import { css } from 'lit';
import { themeStyles } from './tokens.js';

const baseStyles = css`
  :host {
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    color: var(--_text);
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3,
  h4,
  legend,
  summary {
    font-family: var(--_font-heading);
  }
  button {
    font: inherit;
    line-height: 1.25;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: var(--_control-border-width) solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--_secondary-hover);
  }
  button.primary,
  button[aria-pressed='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button.primary:hover:not(:disabled),
  button[aria-pressed='true']:hover:not(:disabled) {
    background: var(--_primary-hover);
    border-color: var(--_primary-hover);
  }
  button:disabled {
    cursor: not-allowed;
    background: var(--_disabled);
    border-color: var(--_disabled);
    color: var(--_on-disabled);
  }
  input,
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_surface);
    border: var(--_control-border-width) solid var(--_text);
    border-radius: var(--_radius-field);
    padding: 0.25rem 0.5rem;
    min-height: 2.25rem;
    box-sizing: border-box;
  }
  input:is([type='checkbox'], [type='radio']) {
    min-height: 0;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }
  :is(input, select, textarea)[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  a {
    color: var(--_link);
    text-decoration-thickness: 1px;
    text-underline-offset: 0.1em;
  }
  a:hover {
    color: var(--_link-hover);
    text-decoration-thickness: 2px;
  }
  :is(button, input, select, textarea, a, summary, [tabindex], [contenteditable]):focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: var(--_focus-offset);
    box-shadow: 0 0 0 var(--_focus-offset) var(--_surface);
  }
  :is(button, a):focus-visible,
  button[aria-pressed='true']:focus-visible {
    background: var(--_focus);
    border-color: var(--_focus);
    color: var(--_on-focus);
  }
  :is(input, select, textarea):focus-visible {
    border-color: var(--_focus);
    outline-offset: 0;
  }
  input:is([type='checkbox'], [type='radio']):focus-visible {
    outline-offset: var(--_focus-offset);
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

export const sharedStyles = [themeStyles, baseStyles];
