import { css } from 'lit';

/** The version comparison (version-compare-view.ts): two languages side by side when there is room. */
export const versionCompareStyles = css`
  [part='version-compare'] {
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    padding: var(--_space);
  }
  [part='version-compare'] .legend {
    margin: 0 0 var(--_space);
  }
  [part='version-compare'] .compare-section {
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  [part='version-compare'] h3 {
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  [part='version-compare'] h4 {
    font-size: 0.875rem;
    margin: 0 0 0.25rem;
  }
  .compare-langs {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr));
    gap: var(--_space);
  }
  .compare-text {
    border: 1px solid var(--_border);
    padding: var(--_space);
    background: var(--_surface-alt);
    overflow-wrap: anywhere;
  }
  .compare-text p {
    margin: 0;
    /* Blocks of a section are separated by line breaks in the compared text. */
    white-space: pre-wrap;
  }
  [part='version-compare'] .unchanged {
    margin: 0 0 var(--_space);
    color: var(--_muted);
  }
  .compare-text .compare-heading {
    font-weight: bold;
    margin-bottom: 0.5rem;
  }
  [part='version-compare'] ins {
    text-decoration: underline 2px;
    background: var(--_success-bg);
  }
  [part='version-compare'] del {
    text-decoration: line-through 2px;
    background: var(--_danger-bg);
  }
  /* A replaced word: the removed and the added one would otherwise run together ("DeliversProvides"). */
  [part='version-compare'] del + ins {
    margin-inline-start: 0.25em;
  }
  [part='compare'] select {
    max-width: 100%;
  }
`;
