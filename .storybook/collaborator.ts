// A second person in a story's document: another demo account's Y client on the sync server
// (the stock y-websocket WebsocketProvider with that account's token, as <jd-session> connects),
// typing a sentence into one language's text on a timer and erasing it again, with its
// presence (name, colour) and its caret in awareness, so the story's editor shows live
// concurrent editing and the other person's labelled cursor.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { colorFor } from '../elements/core/session-context.js';
import { signInAs, stack, type DemoUser } from './local-stack.js';

export interface CollaboratorOptions {
  email: DemoUser;
  /** The name the others see (the seeded profile's display name). */
  name: string;
  documentId: string;
  /** The language fragment it types in (`en` or `fr`, the Y.Doc's fragments). */
  lang: 'en' | 'fr';
  /** What it types, one character per tick, before erasing it again. */
  sentence: string;
  /** Milliseconds between keystrokes. */
  tickMs?: number;
}

/** The first paragraph's text that holds words: where the collaborator types (at its end). */
function firstText(type: Y.XmlFragment | Y.XmlElement): Y.XmlText | null {
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText && child.length > 0 && type instanceof Y.XmlElement && type.nodeName === 'paragraph') return child;
    if (child instanceof Y.XmlElement) {
      const found = firstText(child);
      if (found) return found;
    }
  }
  return null;
}

/** The user id (`sub`) of an access token, the id presence colours are derived from. */
function subjectOf(token: string): string {
  const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: unknown };
  if (typeof payload.sub !== 'string') throw new Error('the access token names no user (sub)');
  return payload.sub;
}

/**
 * Starts the collaborator; the returned function disconnects it and removes its text and
 * presence (a story's cleanup). Its sign-in is stored under its own cache name, apart from the
 * story's user.
 */
export async function startCollaborator(options: CollaboratorOptions): Promise<() => void> {
  if (!stack.syncUrl) throw new Error('the collaborator needs the sync server (JD_SYNC_PORT)');
  const token = await signInAs(options.email);
  const id = subjectOf(token);
  const doc = new Y.Doc({ guid: options.documentId });
  const provider = new WebsocketProvider(stack.syncUrl, options.documentId, doc, { params: { token }, disableBc: true });
  provider.awareness.setLocalStateField('user', { id, name: options.name, color: colorFor(id) });
  const fragment = doc.getXmlFragment(options.lang);
  let typed = 0;
  let erasing = false;
  const tick = () => {
    const text = firstText(fragment);
    if (!provider.synced || !text) return;
    const end = text.length;
    doc.transact(() => {
      if (!erasing) text.insert(end, options.sentence[typed]!);
      else text.delete(end - 1, 1);
    });
    typed += erasing ? -1 : 1;
    if (typed === options.sentence.length) erasing = true;
    if (typed === 0) erasing = false;
    // y-prosemirror's cursor field: relative positions in the fragment, shown in the pane bound to it.
    const caret = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
    provider.awareness.setLocalStateField('cursor', { anchor: caret, head: caret });
  };
  const timer = setInterval(tick, options.tickMs ?? 180);
  return () => {
    clearInterval(timer);
    // Leave the text as it was: erase what is still typed, then go.
    const text = firstText(fragment);
    if (text && typed > 0 && provider.synced) doc.transact(() => text.delete(text.length - typed, typed));
    provider.awareness.setLocalState(null);
    provider.destroy();
    doc.destroy();
  };
}
