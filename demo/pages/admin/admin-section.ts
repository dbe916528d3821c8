// What every part of the admin page shares: the department it manages (the admin's own; the
// database refuses any other), and a way to tell the page that something changed (the audit
// log then shows it).
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { TaskStatus, type Task } from '@lit/task';
import { PortalPage } from '../portal-page.js';
import { t } from '../../portal-text.js';

/** Fired (bubbling) after a section changed something in the database. */
export const ADMIN_CHANGED = 'portal-admin-changed';

export class AdminSection extends PortalPage {
  /** The department this admin manages. */
  @property({ attribute: false }) organizationId = '';

  protected announceChange(): void {
    this.dispatchEvent(new Event(ADMIN_CHANGED, { bubbles: true }));
  }

  /**
   * A task's result; while it runs again (after a change) the last result stays, so the control
   * a keyboard user just pressed keeps its place and focus.
   */
  protected renderLoaded<T>(task: Task<readonly unknown[], T>, complete: (value: T) => unknown): unknown {
    const lang = this.uiLang;
    if (task.status === TaskStatus.ERROR) return html`<p class="notice error">${t(lang, 'adminLoadError', { message: this.messageOf(task.error) })}</p>`;
    if (task.value !== undefined) return complete(task.value);
    return html`<p class="notice">${t(lang, 'adminLoading')}</p>`;
  }

  /** The message of a failure, whatever was thrown. */
  protected messageOf(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
}
