// Shared by the screenshot tests (*.visual.test.ts, not shipped): a page that renders the same
// pixels on every run, fixed data to show in it, and the comparisons with the committed baselines
// (screenshots/baseline/, wired in web-test-runner.config.mjs).
import { waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { jdSchema } from './schema.js';
import { signedInSession, uniqueCache } from './test-helpers.js';
import type { JdEditor } from '../editor/editor.js';
import { replaceAllContent } from '../editor/editor-text.js';
import { openEditor } from '../editor/test-support.js';
import { isEmptyDocument } from '../../domain/document-init.js';
import { LANGS, sectionsToJSON, type Lang, type MetaField, type SectionSeed } from '../../domain/sections.js';

/** The widths the elements are shot at: a laptop and a phone. */
export const WIDE = 1366;
export const NARROW = 390;
const VIEWPORT_HEIGHT = 900;

/** Commands of web-test-runner.config.mjs (screenshotPlugins); the first is the plugin's own. */
const VISUAL_DIFF_COMMAND = 'visual-diff';
const COMPARE_ONLY_COMMAND = 'jd-visual-compare-only';
const EMULATE_COMMAND = 'jd-visual-emulate';

/** Every date on screen is drawn in this zone, whatever the machine's (the comments and the review panel show times). */
const TIME_ZONE = 'America/Toronto';

/**
 * The faces the kit and the GC Design System use (Noto Sans for text, Lato for headings), from
 * @fontsource in node_modules: never the machine's fonts, which differ between computers.
 */
const FONT_STYLESHEETS = ['noto-sans/400.css', 'noto-sans/400-italic.css', 'noto-sans/600.css', 'noto-sans/700.css', 'noto-sans/700-italic.css', 'lato/400.css', 'lato/700.css'];
const FONT_FACES = ['400 16px "Noto Sans"', 'italic 400 16px "Noto Sans"', '600 16px "Noto Sans"', '700 16px "Noto Sans"', 'italic 700 16px "Noto Sans"', '400 16px Lato', '700 16px Lato'];
/** Loads the subsets these characters need (Latin and the accents of French). */
const FONT_SAMPLE = 'AaZz09 éèêàçôœÉÀ«»’–—…';

/** What could move between two shots of the same state: caret blinking, animations, transitions, smooth scrolling. */
const FROZEN_CSS = `*, *::before, *::after {
  animation: none !important;
  transition: none !important;
  caret-color: transparent !important;
  scroll-behavior: auto !important;
}`;
const frozen = new CSSStyleSheet();
frozen.replaceSync(FROZEN_CSS);

let pagePrepared: Promise<void> | null = null;

/** Fonts from @fontsource, nothing moving, dates in one zone, reduced motion. Once per test file. */
export function prepareVisualPage(): Promise<void> {
  pagePrepared ??= (async () => {
    document.body.style.margin = '0';
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, frozen];
    await Promise.all(
      FONT_STYLESHEETS.map(
        (file) =>
          new Promise<void>((loaded, failed) => {
            const link = document.createElement('link');
            link.rel = 'stylesheet';
            link.href = `/node_modules/@fontsource/${file}`;
            link.onload = () => loaded();
            link.onerror = () => failed(new Error(`could not load the font stylesheet /node_modules/@fontsource/${file}`));
            document.head.append(link);
          }),
      ),
    );
    for (const face of FONT_FACES) {
      const faces = await document.fonts.load(face, FONT_SAMPLE);
      if (faces.length === 0) throw new Error(`the font ${face} did not load from @fontsource`);
    }
    await emulateMedia({ reducedMotion: 'reduce', colorScheme: 'light' });
    await executeServerCommand(EMULATE_COMMAND, { timezone: TIME_ZONE });
  })();
  return pagePrepared;
}

/** The viewport of a width (and a fixed height): the elements' container queries see this width. */
export async function useWidth(width: number): Promise<void> {
  await setViewport({ width, height: VIEWPORT_HEIGHT });
  await waitUntil(() => window.innerWidth === width, `viewport ${width} px wide`);
}

/** Every Lit element in the light DOM and the shadow roots under `root`. */
function litElementsUnder(root: Element): LitElement[] {
  const found: LitElement[] = [];
  const visit = (el: Element) => {
    if ('updateComplete' in el) found.push(el as LitElement);
    if (el.shadowRoot) for (const child of Array.from(el.shadowRoot.querySelectorAll('*'))) visit(child);
  };
  visit(root);
  for (const el of Array.from(root.querySelectorAll('*'))) visit(el);
  return found;
}

/**
 * Waits until `el` stops changing: every Lit element in it rendered, the frozen styles in every
 * shadow root (document styles do not reach them), fonts loaded, and two frames painted.
 */
export async function settle(el: Element): Promise<void> {
  for (let round = 0; round < 5; round += 1) {
    const elements = litElementsUnder(el);
    for (const lit of elements) {
      const shadow = lit.shadowRoot;
      if (shadow && !shadow.adoptedStyleSheets.includes(frozen)) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, frozen];
    }
    const pending = await Promise.all(elements.map((lit) => lit.updateComplete));
    // updateComplete is false when an update scheduled another one: go round again.
    if (pending.every(Boolean)) break;
  }
  await document.fonts.ready;
  await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
}

/**
 * Where the visual regression plugin looks up the element to shoot (window.__WTR_VISUAL_REGRESSION__
 * by id, what its own browser module registers). That module is not imported: its published
 * types name no export, and this one call covers both commands below.
 */
function elementRegistry(): Record<string, Element> {
  const w = window as unknown as { __WTR_VISUAL_REGRESSION__?: Record<string, Element> };
  w.__WTR_VISUAL_REGRESSION__ ??= {};
  return w.__WTR_VISUAL_REGRESSION__;
}
let shots = 0;

/** Shoots `el` once settled and runs a comparison command of the plugin on it; throws the plugin's message when it fails. */
async function compare(command: string, el: Element, name: string): Promise<void> {
  if (!pagePrepared) throw new Error(`cannot shoot ${name}: call prepareVisualPage() first (fonts, frozen styles, time zone)`);
  if (!el.isConnected) throw new Error(`cannot shoot ${name}: the element is not in the page`);
  await settle(el);
  const id = `shot-${(shots += 1)}`;
  const registry = elementRegistry();
  registry[id] = el;
  try {
    const result = await executeServerCommand<{ passed: boolean; errorMessage?: string }, { id: string; name: string }>(command, { id, name });
    if (!result) throw new Error(`the server command ${command} is not wired (web-test-runner.config.mjs)`);
    if (!result.passed) throw new Error(result.errorMessage ?? `the screenshot ${name} differs from its baseline`);
  } finally {
    delete registry[id];
  }
}

/** Compares `el`'s screenshot with screenshots/baseline/<name>.png (or rewrites it with UPDATE_SCREENSHOTS=1). */
export function expectScreenshot(el: Element, name: string): Promise<void> {
  return compare(VISUAL_DIFF_COMMAND, el, name);
}

/**
 * Compares `el`'s screenshot with an existing baseline without ever writing one, even while
 * baselines are being updated; throws the plugin's message when they differ.
 */
export function compareWithBaseline(el: Element, name: string): Promise<void> {
  return compare(COMPARE_ONLY_COMMAND, el, name);
}

// ---- Fixed data ---------------------------------------------------------------------------------

/** The seeded users the screenshots show (fixed ids, so fixed names and avatar colours). */
export const PEOPLE = {
  editor: { email: 'editor@esdc.example', id: 'e5dc0000-0000-4000-a000-000000000102', name: 'Eddie Editor' },
  translator: { email: 'translator@esdc.example', id: 'e5dc0000-0000-4000-a000-000000000103', name: 'Thérèse Traductrice' },
  reviewer: { email: 'reviewer@esdc.example', id: 'e5dc0000-0000-4000-a000-000000000104', name: 'Rachel Reviewer' },
  viewer: { email: 'viewer@esdc.example', id: 'e5dc0000-0000-4000-a000-000000000101', name: 'Valérie Viewer' },
} as const;

/** A fixed moment for what the screenshots date (comments, replies): 20 November 2026, 10:30 in Ottawa. */
export const FIXED_TIME = Date.UTC(2026, 10, 20, 15, 30);

/** The position identification the screenshots show. */
const FIXTURE_META: Record<Exclude<MetaField, 'status'>, string> = {
  title_en: 'Program Officer, Grants and Contributions',
  title_fr: 'Agent de programme, subventions et contributions',
  classification: 'PM-04',
  position_number: '00123456',
  department: 'Employment and Social Development Canada',
  department_fr: 'Emploi et Développement social Canada',
  language_profile: 'CBC',
  noc_code: '41403',
};

/** Two sections of the seeded ESDC job description, shortened: enough text to show the layout, short enough to keep shots small. */
const FIXTURE_SECTIONS: Record<Lang, SectionSeed[]> = {
  en: [
    {
      sectionId: 'client-service-results',
      kind: 'client_service_results',
      heading: 'Client Service Results',
      paragraphs: ['Delivers grants and contributions programs that support skills development and employment for Canadians.'],
    },
    {
      sectionId: 'key-activities',
      kind: 'key_activities',
      heading: 'Key Activities',
      paragraphs: [
        'Assesses funding proposals against program terms and conditions, eligibility criteria and departmental priorities.',
        'Negotiates contribution agreements with recipient organizations, including activities, budgets and reporting requirements.',
      ],
    },
  ],
  fr: [
    {
      sectionId: 'client-service-results',
      kind: 'client_service_results',
      heading: 'Résultats axés sur le service à la clientèle',
      paragraphs: ['Exécute des programmes de subventions et de contributions qui favorisent le développement des compétences et l’emploi des Canadiens.'],
    },
    {
      sectionId: 'key-activities',
      kind: 'key_activities',
      heading: 'Activités principales',
      paragraphs: [
        'Évalue les propositions de financement en fonction des modalités du programme, des critères d’admissibilité et des priorités ministérielles.',
        'Négocie des accords de contribution avec les organismes bénéficiaires, y compris les activités, les budgets et les exigences en matière de rapports.',
      ],
    },
  ],
};

/**
 * A new ESDC job description holding the fixture text and identification, written by the
 * editor and saved on the sync server; removed (as ESDC's admin) by `remove()`. The seeded
 * documents are not used: other test files change them, and their text would depend on the order
 * the files ran in.
 */
export interface FixtureDocument {
  id: string;
  remove(): Promise<void>;
}

export async function fixtureDocument(): Promise<FixtureDocument> {
  const admin = await signedInSession('admin@esdc.example', { cacheName: uniqueCache('visual-admin') });
  const { data, error } = await admin
    .client!.from('job_descriptions')
    .insert({ organization_id: 'e5dc0000-0000-4000-a000-000000000001', title_en: FIXTURE_META.title_en, title_fr: FIXTURE_META.title_fr })
    .select('id')
    .single();
  const row: { id: string } | null = data;
  if (error || !row) throw new Error(`could not create the fixture document: ${error?.message ?? 'no row'}`);
  const remove = async () => {
    // RLS would skip a row it may not delete without an error: the deleted row is counted.
    const { data: deleted, error: deleteError } = await admin.client!.from('job_descriptions').delete().eq('id', row.id).select('id');
    admin.remove();
    if (deleteError || deleted?.length !== 1) throw new Error(`could not delete the fixture document ${row.id}: ${deleteError?.message ?? `${deleted?.length ?? 0} rows deleted`}`);
  };
  try {
    const editor = await editorOn(row.id, PEOPLE.editor.email);
    await writeFixture(editor);
    await waitUntil(() => editor.status === 'saved', `the fixture saved on the sync server (status ${editor.status})`, { timeout: 8000 });
    editor.closest('jd-session')!.remove();
  } catch (failure) {
    await remove();
    throw failure;
  }
  return { id: row.id, remove };
}

/** Replaces the editor's text and identification with the fixture's, as this user's edits. */
export async function writeFixture(editor: JdEditor): Promise<void> {
  // The template the editor puts into a new document first (else it would land after the fixture).
  await waitUntil(() => editor.ydoc && !isEmptyDocument(editor.ydoc), 'the template in the new document', { timeout: 8000 });
  const panes = LANGS.map((lang) => editor.pane(lang)!);
  replaceAllContent(panes, { en: jdSchema.nodeFromJSON(sectionsToJSON(FIXTURE_SECTIONS.en)), fr: jdSchema.nodeFromJSON(sectionsToJSON(FIXTURE_SECTIONS.fr)) });
  const doc = editor.ydoc!;
  doc.transact(() => {
    for (const [field, value] of Object.entries(FIXTURE_META)) doc.getMap('meta').set(field, value);
  });
  await editor.updateComplete;
}

/**
 * The hooks of a suite of screenshots of the fixture: the page prepared and the document made
 * before its tests, the document removed after them. Returns the document's id (once made).
 */
export function screenshotsOfFixture(): () => string {
  let fixture: FixtureDocument | null = null;
  before(async function () {
    this.timeout(30_000);
    await prepareVisualPage();
    fixture = await fixtureDocument();
  });
  after(async () => {
    await fixture?.remove();
  });
  return () => {
    if (!fixture) throw new Error('the fixture document was not made (its before hook failed)');
    return fixture.id;
  };
}

/**
 * `email`'s editor on a document, in a page (`<jd-session>`) of its own, synced with the server
 * (the stack's, or `syncUrl`). The page goes after the test (open-wc removes its fixtures).
 */
export async function editorOn(documentId: string, email: string, options: { lang?: Lang; syncUrl?: string } = {}): Promise<JdEditor> {
  const session = await signedInSession(email, { cacheName: uniqueCache('visual'), lang: options.lang ?? 'en', withSync: !options.syncUrl });
  if (options.syncUrl) session.syncUrl = options.syncUrl;
  const editor = await openEditor(session, documentId);
  await waitUntil(() => editor.sharedDocument?.serverSynced, `${email} synced`, { timeout: 8000 });
  return editor;
}

/** Waits until the editor lists only its own user: people of an earlier test leave the awareness when their page closes. */
export async function aloneIn(editor: JdEditor): Promise<void> {
  const avatars = () => editor.shadowRoot!.querySelectorAll('[part~=avatar]').length;
  await waitUntil(() => avatars() === 1, `only this user in the presence list (${avatars()})`, { timeout: 8000 });
}
