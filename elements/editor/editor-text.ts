// What the editor does to its panes' text on request (panels, versions, the toolbar): finding,
// replacing, adding sections, restoring content, and seeding a new document. Each change is one
// undoable step of this user.
import * as Y from 'yjs';
import { DOMParser as PmDOMParser, Fragment, Slice, type Node as PmNode } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import { jdSchema, SECTION_HEADING_LEVEL } from '../core/schema.js';
import { LANGS, newCustomSectionId, type Lang } from '../../domain/sections.js';
import { hasInitialMeta, initialContentUpdate, initialMetaUpdate, isEmptyDocument, seedsFromRows } from '../../domain/document-init.js';
import { fetchDocument, fetchSections, type Client } from '../core/data-access.js';
import type { SharedDocument } from '../core/document-registry.js';
import { STRUCTURE_META, type Pane } from './pane.js';
import { cleanPastedHtml } from './paste.js';

/** The first occurrence of `text` in a pane (optionally inside one section), as positions. */
export function findText(pane: Pane, text: string, sectionId?: string): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  pane.view.state.doc.forEach((section, offset) => {
    if (found || (sectionId && section.attrs['sectionId'] !== sectionId)) return;
    section.descendants((node, pos) => {
      if (found || !node.isTextblock) return !found;
      const index = node.textContent.indexOf(text);
      if (index < 0) return false;
      // Text offsets inside a textblock map 1:1 to positions (inline content is text only).
      const start = offset + 1 + pos + 1 + index;
      found = { from: start, to: start + text.length };
      return false;
    });
  });
  return found;
}

/** Replaces from..to with text (or HTML, cleaned like a paste) as one undoable step. */
export function replaceRange(pane: Pane, from: number, to: number, content: string, html: boolean): void {
  const view = pane.view;
  const undo = pane.undoManager();
  undo?.stopCapturing();
  let tr = view.state.tr;
  if (html) {
    const container = window.document.createElement('div');
    // Parsed inert (DOMParser in cleanPastedHtml), then only schema nodes are kept.
    container.append(...Array.from(new window.DOMParser().parseFromString(cleanPastedHtml(content), 'text/html').body.childNodes));
    tr = tr.replaceRange(from, to, PmDOMParser.fromSchema(jdSchema).parseSlice(container));
  } else {
    tr = content === '' ? tr.delete(from, to) : tr.replaceWith(from, to, jdSchema.text(content, view.state.doc.resolve(from).marks()));
  }
  view.dispatch(tr);
  undo?.stopCapturing();
}

/** Selects a range and scrolls it into view (focus stays where it is unless `focus`). */
export function revealRange(pane: Pane, from: number, to: number, focus: boolean): void {
  const view = pane.view;
  const size = view.state.doc.content.size;
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, Math.min(from, size), Math.min(to, size))).scrollIntoView());
  if (focus) view.focus();
  view.domAtPos(Math.min(from, size)).node.parentElement?.scrollIntoView?.({ block: 'nearest' });
}

/** Adds a custom section at the end of both panes at once; returns its id. */
export function addSection(doc: Y.Doc, panes: Record<Lang, Pane>, headings: Record<Lang, string>): string {
  const sectionId = newCustomSectionId();
  doc.transact(() => {
    for (const lang of LANGS) {
      const view = panes[lang].view;
      const section = jdSchema.nodes['section']!.create({ sectionId, kind: 'custom' }, [
        jdSchema.nodes['heading']!.create({ level: SECTION_HEADING_LEVEL }, jdSchema.text(headings[lang])),
        jdSchema.nodes['paragraph']!.create(),
      ]);
      view.dispatch(view.state.tr.insert(view.state.doc.content.size, section).setMeta(STRUCTURE_META, true));
    }
  });
  return sectionId;
}

/** Replaces the whole content of each pane (screenshot fixtures, benchmarks), one undoable step per pane. */
export function replaceAllContent(panes: readonly Pane[], docs: Record<Lang, PmNode>): void {
  for (const pane of panes) {
    const view = pane.view;
    pane.undoManager()?.stopCapturing();
    view.dispatch(view.state.tr.replace(0, view.state.doc.content.size, new Slice(Fragment.from(docs[pane.lang].content), 0, 0)).setMeta(STRUCTURE_META, true));
    pane.undoManager()?.stopCapturing();
  }
}

/**
 * Seeds what the document lacks, as the sync server does (signaling/db/document-seed.ts) when
 * there is none: its sections (or the template) when both panes are empty, and its
 * identification fields from its row when `meta` was never seeded (a field someone typed keeps
 * its value). `signal` aborts when the editor closes meanwhile.
 */
export async function seedDocument(client: Client, document: SharedDocument, signal: AbortSignal): Promise<void> {
  const needsContent = isEmptyDocument(document.doc);
  const needsMeta = !hasInitialMeta(document.doc);
  if (!needsContent && !needsMeta) return;
  const [rows, row] = await Promise.all([needsContent ? fetchSections(client, document.id) : [], needsMeta ? fetchDocument(client, document.id) : null]);
  if (signal.aborted) return;
  document.doc.transact(() => {
    if (needsContent && isEmptyDocument(document.doc)) Y.applyUpdate(document.doc, initialContentUpdate(seedsFromRows(rows)), 'jd-init');
    if (row && !hasInitialMeta(document.doc)) {
      Y.applyUpdate(
        document.doc,
        initialMetaUpdate({ ...row, department: row.organization_name_en, department_fr: row.organization_name_fr }),
        'jd-init',
      );
    }
  }, 'jd-init');
}
