import { css } from 'lit';

/** The "Memory and glossary files" disclosure: one button per row in an 18rem panel or at 320 px, two side by side when there is room. */
export const exchangeStyles = css`
  [part='exchange'] {
    border-top: var(--_border-width) solid var(--_border);
    padding-top: calc(var(--_space) / 2);
  }
  [part='exchange'] summary {
    font-weight: 700;
    cursor: pointer;
  }
  .exchange-body {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) / 2);
    margin-top: calc(var(--_space) / 2);
  }
  .exchange-group {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .exchange-group button {
    flex: 1 1 12rem;
    min-width: 0;
    text-align: start;
    overflow-wrap: anywhere;
  }
  [part='exchange-note'] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='exchange-status'] {
    margin: 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border-radius: var(--_radius);
    background: var(--_notice);
    overflow-wrap: anywhere;
  }
  [part='exchange-status'] p {
    margin: 0;
  }
  [part='exchange-status'][data-kind='progress'] {
    display: grid;
    gap: 0.25rem;
  }
  [part='exchange-status'] progress {
    width: 100%;
  }
  [part='exchange-status'][data-kind='refused'] {
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  [part='exchange-errors'] {
    margin-top: 0.25rem;
    gap: 0.25rem;
  }
`;
