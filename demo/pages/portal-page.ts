// What every page of the portal shares: rendered in the light DOM (the portal's stylesheet
// applies and the page reads as one document), the UI language from the route, and the
// session <jd-session> provides (client, user) through @lit/context.
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { sessionContext, type JdSessionState } from '../../elements/core/session-context.js';
import type { Lang } from '../../domain/sections.js';

export class PortalPage extends LitElement {
  /** The interface language (from the route). */
  @property({ attribute: false }) uiLang: Lang = 'en';

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session: JdSessionState | undefined;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
