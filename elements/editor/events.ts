import type { SyncStatus } from '../core/document-registry.js';
import type { Lang } from '../../domain/sections.js';
import { JdEvent } from '../core/jd-event.js';

// The events this module declares, typed for addEventListener on any element or document.
declare global {
  interface GlobalEventHandlersEventMap {
    'jd-status-change': JdStatusChangeEvent;
    'jd-access-change': JdAccessChangeEvent;
    'jd-section-focus': JdSectionFocusEvent;
    'jd-version': JdVersionEvent;
    'jd-workflow': JdWorkflowEvent;
  }
}

/** What the signed-in user may do with the document: decided by the server's can_open_document. */
export type EditorAccess = 'edit' | 'view' | 'none';

/** The connection status changed (offline, syncing, connected, saved). */
export class JdStatusChangeEvent extends JdEvent {
  static readonly type = 'jd-status-change';
  constructor(readonly status: SyncStatus) { super(JdStatusChangeEvent.type); }
}

/** The server's answer about access arrived or changed. */
export class JdAccessChangeEvent extends JdEvent {
  static readonly type = 'jd-access-change';
  constructor(readonly access: EditorAccess) { super(JdAccessChangeEvent.type); }
}

/** The cursor moved to another section (for panels: TM, AI, compliance, comments). */
export class JdSectionFocusEvent extends JdEvent {
  static readonly type = 'jd-section-focus';
  constructor(readonly lang: Lang, readonly sectionId: string | null) { super(JdSectionFocusEvent.type); }
}

/** A named version was saved, or one was restored. */
export class JdVersionEvent extends JdEvent {
  static readonly type = 'jd-version';
  constructor(readonly action: 'saved' | 'restored', readonly versionNumber: number, readonly name: string) { super(JdVersionEvent.type); }
}

/** The review status changed through this editor (submit, approve, request changes). */
export class JdWorkflowEvent extends JdEvent {
  static readonly type = 'jd-workflow';
  constructor(readonly status: string) { super(JdWorkflowEvent.type); }
}
