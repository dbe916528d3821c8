// The formatting toolbar's look: icon buttons (Lucide SVG, see core/icons.ts) with tooltips
// (core/tooltip.ts). Its layout (wrapping, gaps) stays in editor.styles.ts.
import { css } from 'lit';
import { tooltipStyles } from '../core/tooltip.js';

export const toolbarStyles = [
  tooltipStyles,
  css`
    .jd-icon {
      width: 1.25rem;
      height: 1.25rem;
      flex: none;
      vertical-align: middle;
    }
    [part='toolbar'] > button {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 0.375rem;
      padding-inline: 0.5rem;
    }
    /* These are toggles: focus adds the ring but keeps the on/off look, which the GCDS focus
       background (for one-off buttons) would hide. */
    [part='toolbar'] > button:focus-visible {
      background: var(--_surface);
      border-color: var(--_primary);
      color: var(--_primary);
    }
    /* The link button shows a link at the caret with aria-expanded for its form, not aria-pressed. */
    [part='toolbar'] > button.pressed,
    [part='toolbar'] > button.pressed:focus-visible {
      background: var(--_primary);
      border-color: var(--_primary);
      color: var(--_on-primary);
    }
    /* Unavailable now but still focusable, so its tooltip can say why: dashed, never colour alone. */
    [part='toolbar'] > button[aria-disabled='true'],
    [part='toolbar'] > button[aria-disabled='true']:hover {
      cursor: not-allowed;
      border-style: dashed;
      background: var(--_surface);
      color: var(--_muted);
    }
  `,
];
