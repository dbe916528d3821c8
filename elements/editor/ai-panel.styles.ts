// The AI panel of the editor's side column, drawn like the review, versions and XLIFF panels.
// Insertions are underlined and deletions struck through (not told apart by colour alone); each
// change carries its number, and a decided change says so by its style too (dashed: rejected).
import { css } from 'lit';

export const aiPanelStyles = css`
  [part='ai'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    min-width: 0;
    overflow-wrap: anywhere;
  }
  [part='ai'] h2 {
    font-weight: 700;
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  [part='ai'] h3,
  [part='ai'] h4 {
    font-size: 0.95rem;
    margin: 0.75rem 0 0.25rem;
  }
  [part='ai'] p {
    margin: 0 0 0.5rem;
  }
  [part='ai'] .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  [part='ai'] .ai-ask {
    display: grid;
    gap: 0.25rem;
  }
  [part='ai'] select {
    width: 100%;
  }
  [part='ai'] .ai-where,
  [part='ai'] .ai-meta {
    font-size: 0.9rem;
    color: var(--_muted);
  }
  [part='ai'] .ai-text,
  [part='ai'] .ai-diff {
    border-left: 4px solid var(--_border);
    padding: 0.25rem 0.5rem;
    margin: 0.5rem 0;
    white-space: pre-wrap;
  }
  [part='ai'] .ai-list {
    border-left: 4px solid var(--_border);
    margin: 0.5rem 0;
    padding: 0.25rem 0.5rem 0.25rem 1.5rem;
  }
  [part='ai'] .ai-text p {
    margin: 0 0 0.25rem;
  }
  [part='ai'] .ai-change {
    border-radius: 2px;
    padding: 0 1px;
  }
  [part='ai'] .ai-change sup {
    font-size: 0.7rem;
    font-weight: 700;
    margin-right: 1px;
  }
  [part='ai'] del {
    text-decoration: line-through;
    text-decoration-thickness: 2px;
    background: var(--_danger-bg);
  }
  [part='ai'] ins {
    text-decoration: underline;
    text-decoration-thickness: 2px;
    background: var(--_success-bg);
  }
  [part='ai'] .ai-change[data-decision='accepted'] {
    outline: 2px solid var(--_success);
  }
  [part='ai'] .ai-change[data-decision='rejected'] {
    outline: 2px dashed var(--_danger);
  }
  /* What a decision leaves out: a thinner, dotted line (the text keeps its contrast). */
  [part='ai'] .ai-change[data-decision='rejected'] ins,
  [part='ai'] .ai-change[data-decision='accepted'] del {
    text-decoration-style: dotted;
    background: none;
  }
  [part='ai'] ol,
  [part='ai'] ul {
    margin: 0.25rem 0 0.5rem;
    padding-left: 1.25rem;
  }
  /* The changes say their number ("Change 2"), as the diff marks them. */
  [part='ai'] .ai-changes {
    list-style: none;
    padding-left: 0;
  }
  [part='ai'] .ai-changes li {
    display: grid;
    gap: 0.25rem;
    margin-bottom: 0.5rem;
  }
  [part='ai'] .ai-flags {
    border-left: 4px solid var(--_warning);
    background: var(--_warning-bg);
    padding: 0.25rem 0.5rem;
    margin: 0.5rem 0;
  }
  [part='ai'] .ai-flags h4 {
    margin-top: 0;
  }
  [part='ai'] .ai-caret {
    animation: ai-blink 1s steps(1) infinite;
  }
  @keyframes ai-blink {
    50% {
      opacity: 0;
    }
  }
  [part='ai'] .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
