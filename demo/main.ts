// The demo portal's own script: configures <jd-session> from the local stack, lists the
// documents the signed-in user may open (RPC list_documents) and points <jd-editor> and its
// <jd-comments> sidebar at one.
import stack from 'virtual:jd-stack';
import '../elements/session/define.js';
import '../elements/editor/define.js';
import '../elements/comments/define.js';

const status = document.querySelector<HTMLElement>('#stack-status')!;
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

fetch(`${stack.apiUrl}/health`)
  .then((response) => {
    status.textContent = response.ok ? `Ready at ${stack.apiUrl} / Prête` : `Starting (${response.status}) / Démarrage`;
  })
  .catch(() => {
    status.textContent = `Not reachable at ${stack.apiUrl} / Injoignable`;
  });

uiLang.addEventListener('change', () => {
  session.lang = uiLang.value;
  document.documentElement.lang = uiLang.value;
});

async function listDocuments(): Promise<void> {
  documents.replaceChildren(new Option('—', ''));
  documents.disabled = true;
  openDocument('');
  const client = session.client;
  if (!client || !session.user) return;
  const { data, error } = await client.rpc('list_documents');
  if (error) {
    editorStatus.textContent = error.message;
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
  editorStatus.textContent = `Editor: ${event.status}`;
});
editor.addEventListener('jd-access-change', (event) => {
  if (event.access === 'none') editorStatus.textContent = 'No access / Accès refusé';
});
void session.updateComplete.then(() => listDocuments());
