// The XLIFF panel of the editor's side column, drawn like the review and versions panels.
import { css } from 'lit';

export const xliffStyles = css`
  [part='xliff'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    min-width: 0;
  }
  [part='xliff'] h2 {
    font-weight: 700;
    font-size: 1rem;
    margin: 0 0 0.25rem;
  }
  [part='xliff'] p {
    margin: 0 0 0.5rem;
  }
  [part='xliff'] [data-xliff-notice] p {
    margin: 0.5rem 0 0;
  }
  [part='xliff'] ul {
    margin: 0.25rem 0 0;
    padding-left: 1.25rem;
    overflow-wrap: anywhere;
  }
`;
