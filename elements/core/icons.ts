// The kit's one icon set: Lucide icons (ISC licence) drawn as inline SVG with Lit's `svg`
// templates, never a font glyph (a missing glyph draws an empty box) and never unsafeHTML. Each
// icon is decoration: the control that shows it carries the accessible name.
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import Undo2 from 'lucide/dist/esm/icons/undo-2.mjs';
import Redo2 from 'lucide/dist/esm/icons/redo-2.mjs';
import LetterB from 'lucide/dist/esm/icons/letter-b.mjs';
import Italic from 'lucide/dist/esm/icons/italic.mjs';
import Link from 'lucide/dist/esm/icons/link.mjs';
import Heading3 from 'lucide/dist/esm/icons/heading-3.mjs';
import Pilcrow from 'lucide/dist/esm/icons/pilcrow.mjs';
import List from 'lucide/dist/esm/icons/list.mjs';
import ListOrdered from 'lucide/dist/esm/icons/list-ordered.mjs';
import SquarePlus from 'lucide/dist/esm/icons/square-plus.mjs';
import MessageSquarePlus from 'lucide/dist/esm/icons/message-square-plus.mjs';
import BookPlus from 'lucide/dist/esm/icons/book-plus.mjs';
import Bell from 'lucide/dist/esm/icons/bell.mjs';

/**
 * One icon as Lucide draws it: its SVG elements, each a tag and attributes. This is Lucide's own
 * `IconNode`, written out so that the kit's published declarations never import `lucide`, which
 * is bundled into the kit rather than installed beside it.
 */
type IconNode = [tag: string, attrs: Record<string, string | number | undefined>][];

/** Every icon an element may show, by what it means. */
export const ICONS = {
  undo: Undo2,
  redo: Redo2,
  bold: LetterB,
  italic: Italic,
  link: Link,
  heading: Heading3,
  paragraph: Pilcrow,
  bulletList: List,
  orderedList: ListOrdered,
  addSection: SquarePlus,
  comment: MessageSquarePlus,
  confirmPair: BookPlus,
  notifications: Bell,
} as const satisfies Record<string, IconNode>;

export type IconName = keyof typeof ICONS;

type Attrs = IconNode[number][1];
const attr = (attrs: Attrs, name: string) => (attrs[name] === undefined ? nothing : String(attrs[name]));

/**
 * One shape of an icon. Lit cannot bind a tag name or spread attributes, so each SVG element
 * Lucide draws with is written out; an icon using another one fails loudly rather than drawing
 * half an icon.
 */
function shape([tag, attrs]: IconNode[number]): SVGTemplateResult {
  const a = (name: string) => attr(attrs, name);
  switch (tag) {
    case 'path':
      return svg`<path d=${a('d')}></path>`;
    case 'circle':
      return svg`<circle cx=${a('cx')} cy=${a('cy')} r=${a('r')}></circle>`;
    case 'ellipse':
      return svg`<ellipse cx=${a('cx')} cy=${a('cy')} rx=${a('rx')} ry=${a('ry')}></ellipse>`;
    case 'line':
      return svg`<line x1=${a('x1')} y1=${a('y1')} x2=${a('x2')} y2=${a('y2')}></line>`;
    case 'rect':
      return svg`<rect x=${a('x')} y=${a('y')} width=${a('width')} height=${a('height')} rx=${a('rx')} ry=${a('ry')}></rect>`;
    case 'polyline':
      return svg`<polyline points=${a('points')}></polyline>`;
    case 'polygon':
      return svg`<polygon points=${a('points')}></polygon>`;
    default:
      throw new Error(`icons.ts cannot draw the SVG element <${tag}>: add it to shape()`);
  }
}

/** The icon as inline SVG, hidden from assistive technology, sized by the `.jd-icon` rule (1.25em by default). */
export function icon(name: IconName): TemplateResult {
  return html`<svg
    class="jd-icon"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    stroke-width="2"
    stroke-linecap="round"
    stroke-linejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    ${ICONS[name].map(shape)}
  </svg>`;
}
