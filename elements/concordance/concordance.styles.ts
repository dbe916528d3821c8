import { css } from 'lit';

export const concordanceStyles = css`
  :host {
    display: block;
    --_mark: var(--jd-mark, var(--_range));
  }
  /* Everything wraps to the width the panel gives, down to a 320 px screen. */
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1.25rem;
  }
  /* Search | Alignment (issue 14 item 6); the search panel keeps the base's grid. */
  [part='tabs'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: var(--_border-width) solid var(--_border);
  }
  [part='tab'][aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .panel {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  /* minmax(0, 1fr), not the implicit auto track: an auto track grows to the search field's
     intrinsic width (about 20 characters) plus the button, wider than an 18rem panel. */
  [part='form'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) / 2);
  }
  /* The button goes under the field when the field would be narrower than 8rem. */
  .query {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .query input {
    flex: 1 1 8rem;
    min-width: 0;
  }
  .options {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  /* Each choice takes a share of the row (a row of its own when narrow) and its select fills it:
     a select is otherwise as wide as its longest option, wider than a panel at 200 % zoom. */
  .options label {
    display: grid;
    flex: 1 1 10rem;
    gap: 0.125rem;
    min-width: 0;
  }
  .options select {
    width: 100%;
    min-width: 0;
  }
  .check {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) / 2);
  }
  .live-for {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .live-for q {
    font-style: italic;
  }
  [part='status'],
  [part='message'] {
    margin: 0;
    padding: calc(var(--_space) / 2) var(--_space);
    border-radius: var(--_radius);
    background: var(--_notice);
  }
  [part='status'][data-kind='loading'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
  }
  [data-kind='error'] {
    background: var(--_danger-bg);
    color: var(--_danger);
  }
  ul,
  ol {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='term'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem calc(var(--_space) / 2);
    padding: calc(var(--_space) / 2);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part='term-status'] {
    padding: 0 0.375rem;
    border-radius: var(--_radius);
    background: var(--_success-bg);
    font-size: 0.875rem;
  }
  [data-status='forbidden'] [part='term-status'] {
    background: var(--_danger-bg);
    color: var(--_danger);
    font-weight: 700;
  }
  [data-status='pending'] [part='term-status'] {
    background: var(--_warning-bg);
  }
  [part='term-instead'] {
    font-weight: 700;
  }
  [part='term-notes'] {
    flex-basis: 100%;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  .hint {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='result'],
  [part='semantic-result'] {
    display: grid;
    gap: 0.25rem;
    padding: calc(var(--_space) / 2);
    border: var(--_border-width) solid var(--_border);
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }
  [part='result'][data-active='true'],
  [part='semantic-result'][data-active='true'] {
    border-color: var(--_primary);
  }
  [part='result'] p,
  [part='semantic-result'] p {
    margin: 0;
  }
  [part~='score'] {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: calc(var(--_space) / 2);
    font-weight: 700;
  }
  [part='band'],
  [part='raw-score'] {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875rem;
  }
  mark {
    background: var(--_mark);
    color: inherit;
    text-decoration: underline dotted;
  }
  [part='target'] {
    padding-inline-start: calc(var(--_space) / 2);
    border-inline-start: 3px solid var(--_primary);
  }
  [part='provenance'] {
    color: var(--_muted);
    font-size: 0.875rem;
  }
  [part='insert'] {
    justify-self: start;
  }
  /* A difference a translator must not miss (numbers, classifications, tags): not told by colour alone. */
  [part='warning'] {
    padding: 0 0.375rem;
    border-inline-start: 3px solid var(--_danger);
    background: var(--_warning-bg);
    font-weight: 700;
  }
  section[part='semantic'] {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  p[part='semantic'] {
    margin: 0;
    color: var(--_muted);
    font-size: 0.875rem;
  }
`;
