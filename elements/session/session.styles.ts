import { css } from 'lit';

export const sessionStyles = css`
  :host {
    display: block;
  }
  [part='form'] {
    display: grid;
    gap: var(--_space);
    max-width: 24rem;
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    margin-block-end: calc(var(--_space) * 2);
  }
  [part='form'] h2 {
    font-size: 1.25rem;
    margin: 0;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  .actions {
    display: flex;
    gap: var(--_space);
    flex-wrap: wrap;
  }
  [part='error'] {
    color: var(--_danger);
    margin: 0;
  }
  [part='account'] {
    display: flex;
    gap: var(--_space);
    align-items: center;
    justify-content: flex-end;
    margin-block-end: var(--_space);
    color: var(--_muted);
  }
`;
