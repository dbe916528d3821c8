// The demo portal's own script: configures <jd-session> from the local stack, lists the
// documents the signed-in user may open (RPC list_documents) and points <jd-editor> and its
// <jd-comments> sidebar at one.
import stack from 'virtual:jd-stack';
import '../elements/session/define.js';
import '../elements/editor/define.js';
import '../elements/comments/define.js';
import { msg } from '../elements/core/i18n.js';
import type { Lang } from '../domain/sections.js';
import type { SyncStatus } from '../elements/core/document-registry.js';

/** The portal's own words, in both official languages (the kit's elements bring theirs). */
const PORTAL_TEXT = {
  en: {
    unavailable: 'The job description service is not available right now. Try again in a few minutes.',
    noAccess: 'You cannot open this job description.',
    editor: 'Job description: {status}',
  },
  fr: {
    unavailable: 'Le service des descriptions de travail n’est pas disponible pour le moment. Réessayez dans quelques minutes.',
    noAccess: 'Vous ne pouvez pas ouvrir cette description de travail.',
    editor: 'Description de travail : {status}',
  },
} satisfies Record<Lang, Record<string, string>>;

const serviceStatus = document.querySelector<HTMLElement>('#service-status')!;
const session = document.querySelector('jd-session')!;
const editor = document.querySelector('jd-editor')!;
const comments = document.querySelector('jd-comments')!;
const documents = document.querySelector<HTMLSelectElement>('#documents')!;
const uiLang = document.querySelector<HTMLSelectElement>('#ui-lang')!;
const editorStatus = document.querySelector<HTMLElement>('#editor-status')!;

session.supabaseUrl = stack.apiUrl;
session.anonKey = stack.anonKey;
if (stack.syncUrl) session.syncUrl = stack.syncUrl;
if (stack.signalingUrl) session.signalingUrl = stack.signalingUrl;

const portalLang = (): Lang => (uiLang.value === 'fr' ? 'fr' : 'en');

/** What the status line says now; re-rendered in the other language when the switch changes. */
let editorState: { kind: 'status'; status: SyncStatus } | { kind: 'no-access' } | { kind: 'error'; message: string } | null = null;
let serviceUp = true;

function renderPortalText(): void {
  const lang = portalLang();
  const text = PORTAL_TEXT[lang];
  serviceStatus.hidden = serviceUp;
  serviceStatus.textContent = serviceUp ? '' : text.unavailable;
  if (!editorState) editorStatus.textContent = '';
  else if (editorState.kind === 'status') editorStatus.textContent = text.editor.replace('{status}', msg(lang, `status.${editorState.status}`));
  else if (editorState.kind === 'no-access') editorStatus.textContent = text.noAccess;
  else editorStatus.textContent = editorState.message;
}

// Says something only when the service cannot be reached; the addresses are not the reader's business.
fetch(`${stack.apiUrl}/health`)
  .then((response) => {
    serviceUp = response.ok;
  })
  .catch(() => {
    serviceUp = false;
  })
  .finally(renderPortalText);

uiLang.addEventListener('change', () => {
  session.lang = uiLang.value;
  document.documentElement.lang = uiLang.value;
  renderPortalText();
});

async function listDocuments(): Promise<void> {
  documents.replaceChildren(new Option('—', ''));
  documents.disabled = true;
  openDocument('');
  const client = session.client;
  if (!client || !session.user) return;
  const { data, error } = await client.rpc('list_documents');
  if (error) {
    editorState = { kind: 'error', message: error.message };
    renderPortalText();
    return;
  }
  for (const row of (data ?? []) as { id: string; title_en: string; title_fr: string; classification: string; access: string }[]) {
    documents.add(new Option(`${row.title_en} / ${row.title_fr} (${row.classification}, ${row.access})`, row.id));
  }
  documents.disabled = false;
  if (documents.options.length > 1) {
    documents.selectedIndex = 1;
    openDocument(documents.value);
  }
}

function openDocument(id: string): void {
  editor.documentId = id;
  comments.documentId = id;
}

documents.addEventListener('change', () => openDocument(documents.value));
session.addEventListener('jd-session-change', () => void listDocuments());
editor.addEventListener('jd-status-change', (event) => {
  editorState = { kind: 'status', status: event.status };
  renderPortalText();
});
editor.addEventListener('jd-access-change', (event) => {
  if (event.access !== 'none') return;
  editorState = { kind: 'no-access' };
  renderPortalText();
});
void session.updateComplete.then(() => listDocuments());
