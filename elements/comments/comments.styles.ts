import { css } from 'lit';

export const commentsStyles = css`
  :host {
    display: block;
    --_thread-gap: var(--jd-comments-gap, 0.75rem);
  }
  [part='base'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--_space);
  }
  [part='header'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  [part='header'] h2 {
    overflow-wrap: anywhere;
    margin: 0;
    font-size: 1.25rem;
  }
  [part='badge'] {
    display: inline-block;
    min-width: 1.5rem;
    padding: 0 0.5rem;
    border-radius: 999px;
    background: var(--_primary);
    color: var(--_on-primary);
    text-align: center;
    font-size: 0.875rem;
    line-height: 1.5rem;
  }
  /* Layout (issue 12 item 1): everything wraps to the width the panel gives, down to a 320 px
     screen at 200 % zoom; a fieldset is otherwise as wide as its content (min-content). */
  [part='filters'] {
    min-inline-size: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: end;
    border: 0;
    padding: 0;
    margin: 0;
  }
  [part='filters'] label {
    display: grid;
    gap: 0.125rem;
    font-size: 0.875rem;
  }
  [part='filters'] label,
  select,
  input,
  textarea {
    min-width: 0;
    max-width: 100%;
  }
  [part='filters'] label.check {
    display: flex;
    align-items: center;
    gap: 0.25rem;
  }
  [part='notice'],
  [part='message'] {
    overflow-wrap: anywhere;
    margin: 0;
    padding: var(--_space);
    border-left: 6px solid var(--_primary);
    background: var(--_notice);
  }
  [part='message'][data-kind='error'] {
    border-color: var(--_danger);
  }
  [part='list'] {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_thread-gap);
  }
  [part~='thread'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_surface);
  }
  [part~='thread'][data-active] {
    border-color: var(--_primary);
    box-shadow: inset 4px 0 0 var(--_comment-active);
  }
  [part~='thread'][data-resolved] {
    background: var(--_surface-alt);
  }
  [part='quote'] {
    margin: 0 0 var(--_space);
    padding-left: var(--_space);
    border-left: 3px solid var(--_comment-active);
    color: var(--_muted);
    font-style: italic;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  [part='removed'] {
    display: inline-block;
    margin-left: 0.25rem;
    padding: 0 0.375rem;
    border-radius: var(--_radius);
    background: var(--_danger);
    color: var(--_on-primary);
    font-style: normal;
    font-size: 0.8rem;
  }
  [part='comment'] {
    margin: 0 0 var(--_space);
  }
  [part='replies'] {
    list-style: none;
    margin: 0;
    padding: 0 0 0 var(--_space);
    border-left: 2px solid var(--_surface-alt);
  }
  [part='meta'] {
    margin: 0;
    font-size: 0.875rem;
    color: var(--_muted);
  }
  [part='body'] {
    margin: 0.25rem 0;
    white-space: normal;
    overflow-wrap: anywhere;
    unicode-bidi: isolate;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .actions button,
  form button {
    min-height: 2rem;
    padding: 0.125rem 0.5rem;
    font-size: 0.875rem;
  }
  form {
    display: grid;
    gap: 0.25rem;
    position: relative;
  }
  textarea {
    width: 100%;
    min-height: 4rem;
    resize: vertical;
  }
  .help {
    margin: 0;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  [part='mentions'] {
    list-style: none;
    margin: 0;
    padding: 0.25rem 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    max-height: 12rem;
    overflow: auto;
  }
  [part='mentions'] [role='option'] {
    padding: 0.25rem 0.5rem;
    cursor: pointer;
  }
  [part='mentions'] [aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  [part='resolution'] {
    margin: 0.25rem 0;
    font-size: 0.875rem;
    color: var(--_success);
  }
`;
