// Tooltips that show on hover AND on keyboard focus (a title attribute shows on neither focus
// nor touch), per WCAG 1.4.13: the pointer can move onto the tooltip without it vanishing, it
// stays while hovered or focused, and Escape hides it without moving focus or the pointer.
//
// Use: give the control `class="has-tooltip"` and put `tooltip(text)` inside it, add
// `tooltipStyles` to the element's styles and a `TooltipController` to the element. The text
// is visual only (aria-hidden): the control carries its own accessible name (and
// aria-keyshortcuts when the tooltip names a shortcut), so screen readers do not hear it twice.
import { css, html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

/** Space kept between a tooltip and the edges of the viewport, in px. */
const EDGE = 4;

/** How a tooltip's box looks (the toolbar's tooltips and the glossary's in the text share it). */
export const tooltipBox = css`
  /* The maximum includes the padding: a tooltip that wraps to it stays inside a 320 px screen. */
  box-sizing: border-box;
  max-width: min(20rem, calc(100vw - ${EDGE * 2}px));
  padding: 0.25rem 0.5rem;
  border-radius: var(--_radius-field);
  background: var(--_tooltip);
  color: var(--_on-tooltip);
  font-family: var(--_font);
  font-size: 0.875rem;
  font-weight: 400;
  line-height: 1.4;
`;

export const tooltipStyles = css`
  .has-tooltip {
    position: relative;
  }
  .jd-tooltip {
    display: none;
    position: absolute;
    z-index: 10;
    top: calc(100% + 0.375rem);
    left: 50%;
    transform: translateX(calc(-50% + var(--_tooltip-shift, 0px)));
    width: max-content;
    ${tooltipBox}
    text-align: start;
    white-space: normal;
    cursor: default;
  }
  .jd-tooltip[data-above] {
    top: auto;
    bottom: calc(100% + 0.375rem);
  }
  /* Bridges the gap to the control, so the pointer can travel onto the tooltip. */
  .jd-tooltip::before {
    content: '';
    position: absolute;
    left: 0;
    right: 0;
    height: 0.5rem;
    bottom: 100%;
  }
  .jd-tooltip[data-above]::before {
    bottom: auto;
    top: 100%;
  }
  .has-tooltip:is(:hover, :focus-visible):not([data-tooltip-dismissed]) > .jd-tooltip {
    display: block;
  }
  @media (forced-colors: active) {
    .jd-tooltip {
      border: 1px solid CanvasText;
    }
  }
`;

/** The tooltip of the control it is placed in (see the module comment). */
export function tooltip(text: string): TemplateResult {
  return html`<span class="jd-tooltip" aria-hidden="true">${text}</span>`;
}

const anchorOf = (event: Event): HTMLElement | null =>
  (event.composedPath().find((node) => node instanceof HTMLElement && node.classList.contains('has-tooltip')) as HTMLElement | undefined) ?? null;

/**
 * Keeps a shown tooltip inside the viewport (shifted sideways, or above its control near the
 * bottom), and hides the tooltips shown when Escape is pressed, until their control is hovered
 * or focused again.
 */
export class TooltipController implements ReactiveController {
  /** Add it with `host.addController(new TooltipController(host))`. */
  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {}

  hostConnected(): void {
    this.host.addEventListener('focusin', this.#onShow);
    this.host.addEventListener('mouseover', this.#onShow);
    // On the window: a tooltip shown by hover must hide even while focus is elsewhere (typing in a pane).
    window.addEventListener('keydown', this.#onKeydown, true);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('focusin', this.#onShow);
    this.host.removeEventListener('mouseover', this.#onShow);
    window.removeEventListener('keydown', this.#onKeydown, true);
  }

  #onShow = (event: Event): void => {
    const anchor = anchorOf(event);
    if (!anchor) return;
    // Moving inside the control (onto its icon or its tooltip) is not a new hover.
    const from = (event as MouseEvent | FocusEvent).relatedTarget;
    if (event.type === 'mouseover' && from instanceof Node && anchor.contains(from)) return;
    anchor.removeAttribute('data-tooltip-dismissed');
    const tip = anchor.querySelector<HTMLElement>(':scope > .jd-tooltip');
    if (tip) place(tip);
  };

  #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    const root = this.host.shadowRoot ?? this.host;
    for (const anchor of root.querySelectorAll<HTMLElement>('.has-tooltip')) {
      if (anchor.matches(':hover, :focus-visible')) anchor.setAttribute('data-tooltip-dismissed', '');
    }
  };
}

/** Puts a tooltip back in its default place, then moves it into the viewport if it is shown and overflows. */
function place(tip: HTMLElement): void {
  tip.style.removeProperty('--_tooltip-shift');
  tip.removeAttribute('data-above');
  const measure = () => {
    const rect = tip.getBoundingClientRect();
    if (rect.width === 0) return false;
    const width = document.documentElement.clientWidth;
    const shift = rect.left < EDGE ? EDGE - rect.left : rect.right > width - EDGE ? width - EDGE - rect.right : 0;
    if (shift) tip.style.setProperty('--_tooltip-shift', `${Math.round(shift)}px`);
    if (rect.bottom > document.documentElement.clientHeight - EDGE) tip.setAttribute('data-above', '');
    return true;
  };
  // The :hover / :focus-visible rule may not apply yet while the event is dispatched.
  if (!measure()) requestAnimationFrame(() => void measure());
}
