// Waits of the stories' play functions: on the element's own events, never on a fixed delay.
import type { SyncStatus } from '../elements/core/document-registry.js';

/** Resolves once `editor`'s connection status (its `status` part) is one of `statuses`. */
export function whenStatus(editor: Element, statuses: readonly SyncStatus[], timeoutMs = 15_000): Promise<void> {
  const current = () => editor.shadowRoot?.querySelector('[part="status"]')?.getAttribute('data-status') as SyncStatus | undefined;
  return new Promise((resolve, reject) => {
    // The event carries the new status; the part shows it only after the next render.
    const check = (event?: Event) => {
      const status = (event as { status?: SyncStatus } | undefined)?.status ?? current();
      if (!status || !statuses.includes(status)) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the editor's status stayed ${current() ?? 'unknown'}, not ${statuses.join(' or ')}, for ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      editor.removeEventListener('jd-status-change', check);
    };
    editor.addEventListener('jd-status-change', check);
    queueMicrotask(() => check());
  });
}

/** Resolves once `condition` holds (checked each frame); rejects naming `what` after timeoutMs. */
export function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (condition()) resolve();
      else if (performance.now() > deadline) reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** Whether a jd-* element is past its signed-out and loading states (custom states of ElementInternals). */
export function isOpen(element: Element): boolean {
  return !element.matches(':state(signed-out)') && !element.matches(':state(loading)');
}
