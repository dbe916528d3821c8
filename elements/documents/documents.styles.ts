import { css } from 'lit';

export const documentsStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) * 2);
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.25rem;
  }
  h3 {
    font-size: 1rem;
  }
  p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  /* Filters side by side when there is room (the element's own width, not the window's). */
  .filters {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 11rem), 1fr));
    gap: var(--_space);
    align-items: end;
  }
  label {
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }
  label > :is(input:not([type='checkbox']), select) {
    width: 100%;
    box-sizing: border-box;
    min-width: 0;
  }
  .check {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 2.25rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  ol,
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  [part='result'],
  [part='waiting-item'] {
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    display: grid;
    gap: 0.25rem;
    min-width: 0;
  }
  /* The title opens the document: a button (it fires an event, no URL) that reads as a link. */
  [part='title'] {
    justify-self: start;
    text-align: start;
    font-weight: 700;
    overflow-wrap: anywhere;
    border: 0;
    background: none;
    padding: 0;
    /* 24 px: the smallest target WCAG 2.5.8 allows. */
    min-height: 1.5rem;
    color: var(--_link);
    text-decoration: underline;
  }
  button[part='title']:hover:not(:disabled) {
    background: none;
    color: var(--_link-hover);
  }
  [part='meta'] {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='snippet'] mark {
    background: var(--jd-mark, var(--_comment));
    color: inherit;
    font-weight: 700;
  }
  [part='status'][data-kind='error'] {
    color: var(--_danger);
  }
  .pager {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
`;
