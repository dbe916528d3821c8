// A long job description for the stories: a clone of ESDC's seeded description (the stock
// `create_job_description` RPC, as <jd-documents> clones) whose every paragraph is repeated
// through a Y client on the sync server, in both languages alike, so the two panes stay
// paragraph-aligned. Made once per stack and found again by its title afterwards.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { createClient } from '@supabase/supabase-js';
import { signInAs, stack } from './local-stack.js';
import { findOrCloneSeeded } from './seeded-copy.js';

const TITLES = {
  title_en: 'Program Officer, Grants and Contributions (long version)',
  title_fr: 'Agent de programme, subventions et contributions (version longue)',
};
/** How many times each paragraph appears in the long version. */
const REPEAT = 6;

function paragraphsOf(type: Y.XmlFragment | Y.XmlElement, found: Y.XmlElement[] = []): Y.XmlElement[] {
  for (const child of type.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (child.nodeName === 'paragraph' && child.toArray().some((text) => text instanceof Y.XmlText && text.length > 0)) found.push(child);
    else paragraphsOf(child, found);
  }
  return found;
}

/** Repeats each paragraph REPEAT times in place (its copies right after it). */
function lengthen(doc: Y.Doc): void {
  doc.transact(() => {
    for (const lang of ['en', 'fr'] as const) {
      for (const paragraph of paragraphsOf(doc.getXmlFragment(lang))) {
        const parent = paragraph.parent as Y.XmlElement | Y.XmlFragment;
        const at = parent.toArray().indexOf(paragraph) + 1;
        parent.insert(at, Array.from({ length: REPEAT - 1 }, () => paragraph.clone()));
      }
    }
  });
}

function synced(provider: WebsocketProvider, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve();
    const timer = setTimeout(() => reject(new Error(`the sync server did not send ${what} within 10 s`)), 10_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The long document's id: found by its title, or cloned and lengthened now (as editor@esdc.example). */
export async function longDocument(): Promise<string> {
  const token = await signInAs('editor@esdc.example');
  const client = createClient(stack.apiUrl, stack.anonKey, { accessToken: async () => token });
  const { id, created } = await findOrCloneSeeded(client, TITLES);
  if (!created || !stack.syncUrl) return id;
  const doc = new Y.Doc({ guid: id });
  const provider = new WebsocketProvider(stack.syncUrl, id, doc, { params: { token }, disableBc: true });
  try {
    await synced(provider, `document ${id}`);
    lengthen(doc);
    // Sync step 1 again: the server answers after applying what it got before, so the
    // lengthened text is on the server when this resolves.
    provider.synced = false;
    provider.disconnect();
    provider.connect();
    await synced(provider, `the confirmation of document ${id}`);
  } finally {
    provider.destroy();
    doc.destroy();
  }
  return id;
}
