// The export panel of the editor's side column, drawn like the XLIFF panel beside it.
import { css } from 'lit';

export const exportStyles = css`
  [part='export'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    min-width: 0;
  }
  [part='export'] h2 {
    font-weight: 700;
    font-size: 1rem;
    margin: 0 0 0.5rem;
  }
  [part='export'] .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin-bottom: 0.5rem;
  }
  [part='export'] label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  [part='export'] [data-export-notice] p {
    margin: 0.5rem 0 0;
    overflow-wrap: anywhere;
  }
`;
