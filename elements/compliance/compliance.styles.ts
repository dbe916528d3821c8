import { css } from 'lit';

export const complianceStyles = css`
  :host {
    display: block;
  }
  /* One column that wraps to the width the panel gives, down to a 320 px screen. */
  [part='base'],
  [part='group'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  h4 {
    margin: 0;
    font-size: 0.9375rem;
  }
  p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  [part='summary'] {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  [part='count'] {
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: 0 0.5rem;
  }
  [part='count'][data-severity='error'][data-none='false'] {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .check {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  [data-message]:focus-visible {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: var(--_focus-offset);
  }
  [part='status'][data-kind='error'] {
    color: var(--_danger);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  [part='finding'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    border-inline-start: 0.25rem solid var(--_border);
    padding-inline-start: calc(var(--_space) / 2);
  }
  [part='finding'][data-severity='error'] {
    border-inline-start-color: var(--_danger);
  }
  [part='finding'][data-dismissed='true'] {
    opacity: 0.85;
    border-inline-start-style: dashed;
  }
  [part='source'],
  [part='dismissed-reason'] {
    font-size: 0.875rem;
  }
  .lang {
    font-weight: 700;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  [part='dismiss-form'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part='dismiss-form'] input {
    min-width: 0;
    width: 100%;
    box-sizing: border-box;
  }
`;
