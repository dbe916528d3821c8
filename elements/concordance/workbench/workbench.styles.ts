import { css } from 'lit';

// Two columns (English | French) per pair when there is room, one under the other below about
// 30rem (a 320 px screen, the 18rem demo panel): a container query on the list, so the
// workbench follows the width it is given, not the screen's.
export const workbenchStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  h3,
  h4 {
    margin: 0;
    font-size: 1rem;
  }
  details {
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) / 2);
  }
  summary {
    cursor: pointer;
    font-weight: 700;
  }
  dl {
    display: grid;
    gap: 0.25rem;
    margin: calc(var(--_space) / 2) 0 0;
  }
  dl div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) / 2);
  }
  dt,
  dd {
    margin: 0;
  }
  kbd {
    font-family: inherit;
    font-weight: 700;
  }
  details p {
    margin: calc(var(--_space) / 2) 0 0;
  }
  [part='open'],
  [part='new'] form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.25rem;
  }
  [part='new'] form {
    margin-top: calc(var(--_space) / 2);
  }
  select,
  textarea {
    width: 100%;
    min-width: 0;
    box-sizing: border-box;
  }
  [part='new'] button {
    justify-self: start;
  }
  [part='toolbar'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  .check {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .threshold {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .threshold input {
    width: 4.5rem;
  }
  [part='message'] {
    margin: 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border-radius: var(--_radius);
    background: var(--_notice);
    overflow-wrap: anywhere;
  }
  [part='message'][data-kind='error'] {
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  [part='message'][data-kind='warning'] {
    background: var(--_warning-bg);
  }
  [part='message'][data-kind='loading'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='pairs'] {
    container-type: inline-size;
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .side {
    color: var(--_muted);
    font-size: 0.75rem;
    font-weight: 700;
  }
  [part='pair'] {
    display: grid;
    gap: 0.375rem;
    padding: calc(var(--_space) / 2);
    border: var(--_border-width) solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part='pair'][data-active='true'] {
    border-color: var(--_primary);
  }
  [part='pair'][data-status='confirmed'] {
    background: var(--_success-bg);
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.25rem calc(var(--_space) / 2);
  }
  .number {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='confidence'] {
    display: inline-flex;
    align-items: baseline;
    gap: 0.375rem;
    font-weight: 700;
  }
  .badge {
    padding: 0 0.375rem;
    border-radius: var(--_radius);
    border: 1px solid currentColor;
    font-size: 0.875rem;
    font-weight: 400;
  }
  [data-band='low'] .badge {
    background: var(--_danger-bg);
    color: var(--_danger);
    font-weight: 700;
  }
  [data-band='medium'] .badge {
    background: var(--_warning-bg);
  }
  [data-band='high'] .badge,
  [data-band='manual'] .badge {
    background: var(--_surface-alt);
  }
  .confirmed {
    color: var(--_success);
    font-weight: 700;
  }
  .columns {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.375rem;
  }
  [part='en'],
  [part='fr'] {
    display: grid;
    align-content: start;
    gap: 0.25rem;
    padding-inline-start: calc(var(--_space) / 2);
    border-inline-start: 3px solid var(--_border);
  }
  [part='fr'] {
    border-inline-start-color: var(--_primary);
  }
  [part='en'] p,
  [part='fr'] p {
    margin: 0;
  }
  .empty {
    color: var(--_muted);
    font-style: italic;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  [part='actions'] button {
    font-size: 0.875rem;
  }
  @container (min-width: 30rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
    }
  }
`;
