import { css } from 'lit';

/** The AI review's part of <jd-compliance> (its own sheet, beside compliance.styles.ts). */
export const aiReviewStyles = css`
  [part='ai-review'] {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: calc(var(--_space) / 2);
    border-block-start: var(--_border-width) solid var(--_border);
    padding-block-start: var(--_space);
  }
  [part='ai-review'] > button {
    justify-self: start;
  }
  [part='ai-item'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    border-inline-start: 0.25rem dotted var(--_border);
    padding-inline-start: calc(var(--_space) / 2);
  }
  [part='ai-advisory'] {
    justify-self: start;
    border: var(--_border-width) dashed var(--_border);
    border-radius: var(--_radius);
    padding: 0 0.5rem;
    font-size: 0.875rem;
    font-weight: 700;
  }
  [part='ai-by'],
  .ai-meta {
    font-size: 0.875rem;
  }
`;
