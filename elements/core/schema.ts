// The ProseMirror schema of a job description language fragment (Y.Doc `en` / `fr`), shared by
// the editor's panes and toolbar. No DOM or Node globals are touched on import, but its parse
// rules read DOM elements, so it lives with the elements rather than in domain/.
import { Schema, type DOMOutputSpec, type MarkSpec, type NodeSpec } from 'prosemirror-model';
import { safeHref } from '../../domain/safe-href.js';
import { SECTION_KINDS, type SectionKind } from '../../domain/sections.js';

const isSectionKind = (value: unknown): value is SectionKind =>
  typeof value === 'string' && (SECTION_KINDS as readonly string[]).includes(value);

/** Heading levels inside a section: 2 is the section title, 3 and 4 are sub-headings. */
export const SECTION_HEADING_LEVEL = 2;
const clampLevel = (value: unknown): number => {
  const n = Number(value);
  return Number.isInteger(n) && n >= 2 && n <= 4 ? n : 3;
};

const nodes: Record<string, NodeSpec> = {
  // `section*` rather than `section+`: an empty fragment (a document not initialised yet) must
  // not make ProseMirror invent a filler section that would then be synced to everyone.
  doc: { content: 'section*' },
  section: {
    content: 'heading block*',
    attrs: { sectionId: { default: '' }, kind: { default: 'custom' } },
    defining: true,
    isolating: true,
    selectable: false,
    toDOM: (node): DOMOutputSpec => [
      'section',
      {
        'data-section-id': String(node.attrs['sectionId'] ?? ''),
        'data-kind': isSectionKind(node.attrs['kind']) ? node.attrs['kind'] : 'custom',
      },
      0,
    ],
    // No parseDOM rule: pasted HTML never creates sections (section ids must stay unique).
  },
  // Before the heading: ProseMirror's default block (what Enter starts, splitBlock) is the first
  // text block of the group the content allows, and a new line is a paragraph.
  paragraph: {
    content: 'inline*',
    group: 'block',
    toDOM: (): DOMOutputSpec => ['p', 0],
    parseDOM: [{ tag: 'p' }, { tag: 'div', priority: 10 }],
  },
  heading: {
    attrs: { level: { default: 3 } },
    content: 'inline*',
    group: 'block',
    defining: true,
    toDOM: (node): DOMOutputSpec => [`h${clampLevel(node.attrs['level'])}`, 0],
    parseDOM: [
      { tag: 'h1', attrs: { level: 3 } },
      { tag: 'h2', attrs: { level: 3 } },
      { tag: 'h3', attrs: { level: 3 } },
      { tag: 'h4', attrs: { level: 4 } },
      { tag: 'h5', attrs: { level: 4 } },
      { tag: 'h6', attrs: { level: 4 } },
    ],
  },
  bullet_list: {
    content: 'list_item+',
    group: 'block',
    toDOM: (): DOMOutputSpec => ['ul', 0],
    parseDOM: [{ tag: 'ul' }],
  },
  ordered_list: {
    content: 'list_item+',
    group: 'block',
    attrs: { order: { default: 1 } },
    toDOM: (node): DOMOutputSpec => {
      const order = Number(node.attrs['order']);
      return Number.isInteger(order) && order > 1 ? ['ol', { start: String(order) }, 0] : ['ol', 0];
    },
    parseDOM: [
      {
        tag: 'ol',
        getAttrs: (dom) => {
          const start = Number((dom as HTMLElement).getAttribute('start'));
          return { order: Number.isInteger(start) && start > 0 ? start : 1 };
        },
      },
    ],
  },
  list_item: {
    content: 'paragraph block*',
    defining: true,
    toDOM: (): DOMOutputSpec => ['li', 0],
    parseDOM: [{ tag: 'li' }],
  },
  text: { group: 'inline' },
};

const marks: Record<string, MarkSpec> = {
  strong: {
    toDOM: (): DOMOutputSpec => ['strong', 0],
    parseDOM: [
      { tag: 'strong' },
      // Google Docs wraps whole fragments in <b style="font-weight:normal">.
      { tag: 'b', getAttrs: (dom) => ((dom as HTMLElement).style.fontWeight !== 'normal' ? null : false) },
      { style: 'font-weight', getAttrs: (value) => (/^(bold(er)?|[6-9]\d\d)$/.test(String(value)) ? null : false) },
    ],
  },
  em: {
    toDOM: (): DOMOutputSpec => ['em', 0],
    parseDOM: [{ tag: 'i' }, { tag: 'em' }, { style: 'font-style=italic' }],
  },
  link: {
    attrs: { href: {} },
    inclusive: false,
    toDOM: (mark): DOMOutputSpec => {
      const href = safeHref(mark.attrs['href']);
      return href ? ['a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, 0] : ['span', 0];
    },
    parseDOM: [
      {
        tag: 'a[href]',
        getAttrs: (dom) => {
          const href = safeHref((dom as HTMLElement).getAttribute('href'));
          return href ? { href } : false;
        },
      },
    ],
  },
};

/** The one schema of both language fragments. */
export const jdSchema = new Schema({ nodes, marks });

export type JdSchema = typeof jdSchema;
