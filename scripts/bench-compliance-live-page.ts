// The page side of `npm run bench:compliance-live` (scripts/bench-compliance-live.ts), imported
// into Chromium through the Vite dev server: an editor on a 20 000-word job description (per
// language), <jd-compliance> beside it or not, and the time from each key's keydown to the
// Y.Doc change it makes and to the next frame.
import '../elements/session/define.js';
import '../elements/editor/define.js';
import '../elements/compliance/define.js';
import { Selection } from 'prosemirror-state';
import type { JdSession } from '../elements/session/session.js';
import type { JdEditor } from '../elements/editor/editor.js';
import type { JdCompliance } from '../elements/compliance/compliance.js';
import { jdSchema } from '../elements/core/schema.js';
import { replaceAllContent } from '../elements/editor/editor-text.js';
import { LANGS, STANDARD_SECTIONS, sectionsToJSON, type Lang, type SectionSeed } from '../domain/sections.js';

let session: JdSession;
let editor: JdEditor;
let panel: JdCompliance | null = null;
const measured = { keyAt: 0, latencies: [] as number[], frames: [] as number[] };

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = performance.now();
  while (!ok()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Realistic duties (with a generic pronoun here and there, so the check has findings to list).
const VOCABULARY: Record<Lang, string[]> = {
  en: 'the incumbent provides advice on policy programs and manages resources for clients across regions; he will review files and prepare briefing notes for senior management'.split(' '),
  fr: 'la personne titulaire fournit des conseils sur les politiques et gère les ressources pour les clients des régions; elle examine les dossiers et prépare des notes pour la haute direction'.split(' '),
};

/** Six standard sections of `words` words in all, in paragraphs of 60 words. */
function bigSections(lang: Lang, words: number): SectionSeed[] {
  const perSection = Math.ceil(words / STANDARD_SECTIONS.length);
  const vocabulary = VOCABULARY[lang];
  return STANDARD_SECTIONS.map((s) => {
    const paragraphs: string[] = [];
    for (let w = 0; w < perSection; w += 60) paragraphs.push(`${Array.from({ length: 60 }, (_, i) => vocabulary[(w + i) % vocabulary.length]).join(' ')}.`);
    return { sectionId: s.sectionId, kind: s.kind, heading: s.title[lang], paragraphs };
  });
}

/** Signs in, opens the document in an editor (this page only: no sync server) and replaces its text with `words` words per language. */
export async function open(settings: { apiUrl: string; anonKey: string; documentId: string; email: string; password: string; words: number }): Promise<void> {
  session = document.createElement('jd-session');
  Object.assign(session, { supabaseUrl: settings.apiUrl, anonKey: settings.anonKey, cacheName: `bench-compliance-${Date.now()}`, persistSession: false, broadcastChannel: false });
  document.body.append(session);
  await session.updateComplete;
  if (!(await session.signIn(settings.email, settings.password))) throw new Error(`could not sign in ${settings.email}`);
  editor = document.createElement('jd-editor');
  editor.documentId = settings.documentId;
  session.append(editor);
  await until('both panes', () => !!(editor.getView('en') && editor.getView('fr')));
  replaceAllContent(
    LANGS.map((lang) => editor.pane(lang)!),
    { en: jdSchema.nodeFromJSON(sectionsToJSON(bigSections('en', settings.words))), fr: jdSchema.nodeFromJSON(sectionsToJSON(bigSections('fr', settings.words))) },
  );
  editor.shadowRoot!.addEventListener('keydown', (e) => (measured.keyAt = (e as KeyboardEvent).timeStamp), true);
  editor.ydoc!.on('update', () => {
    if (!measured.keyAt) return;
    const at = measured.keyAt;
    measured.latencies.push(performance.now() - at);
    requestAnimationFrame(() => measured.frames.push(performance.now() - at));
    measured.keyAt = 0;
  });
}

/** Puts <jd-compliance> beside the editor (once its first check is on screen: findings, elapsed ms) or takes it away. */
export async function setPanel(on: boolean): Promise<{ findings: number; checkMs: number } | null> {
  panel?.remove();
  panel = null;
  if (!on) return null;
  const el = document.createElement('jd-compliance');
  el.documentId = editor.documentId;
  session.append(el);
  panel = el;
  const checked = new Promise<{ findings: number; checkMs: number }>((resolve) => el.addEventListener('jd-compliance-checked', (e) => resolve({ findings: e.count, checkMs: e.elapsedMs }), { once: true }));
  return checked;
}

/** How many checks the panel has shown (0 without a panel). */
export const checkRuns = (): number => panel?.checkRuns ?? 0;

/** Focuses a pane with the caret in the middle of its text, and starts a new series of measures. */
export function placeCaret(lang: Lang): void {
  const view = editor.getView(lang)!;
  view.focus();
  view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(Math.floor(view.state.doc.content.size / 2)))));
  measured.keyAt = 0;
  measured.latencies = [];
  measured.frames = [];
}

/** The series measured since placeCaret (ms from keydown to the Y.Doc change, and to the next frame). */
export const measures = (): { latencies: number[]; frames: number[] } => ({ latencies: measured.latencies, frames: measured.frames });
