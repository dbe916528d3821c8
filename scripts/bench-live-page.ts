// The page side of `npm run bench:live` (scripts/bench-live.ts), imported into Chromium through
// the Vite dev server: opens the editor and <jd-concordance> on a document, and times a key from
// its keydown to the moment the panel shows the matches live mode should show after it.
import '../elements/session/define.js';
import '../elements/editor/define.js';
import '../elements/concordance/define.js';
import { Selection } from 'prosemirror-state';
import type { JdSession } from '../elements/session/session.js';
import type { JdEditor } from '../elements/editor/editor.js';
import type { JdConcordance } from '../elements/concordance/concordance.js';
import type { Lang } from '../domain/sections.js';

export interface Probe {
  /** ms from keydown to the matches shown; null: timed out; -1: no English sentence at the caret's place. */
  ms: number | null;
  /** Whether live mode had to look up another sentence than after the previous key. */
  moved: boolean;
  /** The round trips (ms) of the requests the page sent for this key: tm_search, glossary_lookup. */
  requests: { tmSearch: number[]; glossary: number[] };
}

let editor: JdEditor;
let panel: JdConcordance;
let keyAt = 0;
let lastQuery = '';

async function until(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Signs in, opens the document in an editor (through the sync server) with the panel beside it, live mode on. */
export async function open(settings: { apiUrl: string; anonKey: string; syncUrl: string; documentId: string; email: string; password: string }): Promise<void> {
  const session = document.createElement('jd-session') as JdSession;
  Object.assign(session, {
    supabaseUrl: settings.apiUrl,
    anonKey: settings.anonKey,
    syncUrl: settings.syncUrl,
    cacheName: `bench-live-${Date.now()}`,
    persistSession: false,
    broadcastChannel: false,
  });
  document.body.append(session);
  await session.updateComplete;
  if (!(await session.signIn(settings.email, settings.password))) throw new Error(`could not sign in ${settings.email}`);
  editor = document.createElement('jd-editor');
  editor.documentId = settings.documentId;
  panel = document.createElement('jd-concordance');
  panel.documentId = settings.documentId;
  session.append(editor, panel);
  await until('both panes', () => !!(editor.getView('en') && editor.getView('fr')));
  await until('the panel linked to the editor', () => panel.linkedEditor === editor);
  await until('synced with the sync server', () => !!editor.sharedDocument?.serverSynced);
  editor.shadowRoot!.addEventListener('keydown', (e) => (keyAt = e.timeStamp), true);
  performance.setResourceTimingBufferSize(100_000);
}

/** How many sentences of a section have a sentence at the same index in both languages. */
export function pairedSentences(sectionId: string): number {
  let n = 0;
  while (editor.sentenceOf('fr', sectionId, n) && editor.sentenceOf('en', sectionId, n)) n++;
  return n;
}

/** Focuses a pane with the caret at the start or end of a sentence of a section. */
export function placeCaret(lang: Lang, sectionId: string, index: number, at: 'start' | 'end'): void {
  const view = editor.getView(lang)!;
  const sentence = editor.sentenceOf(lang, sectionId, index)!;
  view.focus();
  // The end: before the sentence's full stop.
  view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(at === 'start' ? sentence.from + 1 : sentence.to - 1))));
}

/** The English sentence at the caret's place: its own in the English pane, the paired one in the French pane. */
function expected(lang: Lang): string | null {
  const here = editor.sentenceAt(lang);
  if (!here) return null;
  const english = lang === 'en' ? here : editor.sentenceOf('en', here.sectionId, here.index);
  return english ? english.text.trim() : null;
}

function shown(query: string): boolean {
  const s = panel.searchState;
  return !panel.isUpdatePending && s.phase === 'done' && s.request.query === query && s.request.sourceLang === 'en';
}

/** The round trips of the requests to an RPC since the last call (the timings are cleared). */
function roundTrips(entries: PerformanceEntry[], rpc: string): number[] {
  return entries.filter((e) => e.name.includes(`/rest/v1/rpc/${rpc}`)).map((e) => e.duration);
}

/** Resolves once the panel shows the matches of the English sentence at the caret's place; times it from the last keydown. */
export function probe(lang: Lang, timeoutMs: number): Promise<Probe> {
  return new Promise((resolve) => {
    const want = expected(lang);
    const moved = want !== lastQuery;
    if (want) lastQuery = want;
    // No sentence with an English one at the caret's place: live mode has nothing to show.
    const done = (ms: number | null) => {
      const entries = performance.getEntriesByType('resource');
      performance.clearResourceTimings();
      resolve({ ms, moved, requests: { tmSearch: roundTrips(entries, 'tm_search'), glossary: roundTrips(entries, 'glossary_lookup') } });
    };
    if (!want) return done(-1);
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => finish(null), timeoutMs);
    const finish = (ms: number | null) => {
      observer.disconnect();
      clearTimeout(timer);
      done(ms);
    };
    const check = () => {
      if (shown(want)) finish(performance.now() - keyAt);
    };
    observer.observe(panel.shadowRoot!, { childList: true, subtree: true, characterData: true, attributes: true });
    check();
  });
}
