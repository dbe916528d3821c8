// What the published package (`npm run build` → dist/) contains: one entry per element, the
// dependencies host pages share with the kit (peer dependencies, left out of every bundle but the
// CDN one), and the `exports` map. scripts/build.ts writes it, scripts/size.ts measures it.

/** An element folder of elements/ and what it publishes. */
export interface ElementPackage {
  /** Subpath: `jd-kit/<name>` defines the element(s), `jd-kit/<name>/element` exports the classes only. */
  name: string;
  /** The tags its define.ts registers. */
  tags: string[];
  /** The module exporting the element class(es) without registering them. */
  classes: string;
}

export const ELEMENTS: ElementPackage[] = [
  { name: 'session', tags: ['jd-session'], classes: 'elements/session/session.ts' },
  { name: 'editor', tags: ['jd-editor'], classes: 'elements/editor/editor.ts' },
  { name: 'comments', tags: ['jd-comments'], classes: 'elements/comments/comments.ts' },
  { name: 'compliance', tags: ['jd-compliance'], classes: 'elements/compliance/compliance.ts' },
  { name: 'concordance', tags: ['jd-concordance', 'jd-alignment-workbench'], classes: 'elements/concordance/classes.ts' },
  { name: 'documents', tags: ['jd-documents'], classes: 'elements/documents/documents.ts' },
  { name: 'notifications', tags: ['jd-notifications'], classes: 'elements/notifications/notifications.ts' },
];

export const defineModule = (element: ElementPackage) => `elements/${element.name}/define.ts`;
export const eventsModule = (element: ElementPackage) => `elements/${element.name}/events.ts`;

/**
 * Packages a portal shares with the kit: one copy of Lit (one custom-element registry per
 * class), of Yjs (two copies break `instanceof` checks and warn "Yjs was already imported"), of
 * supabase-js, of the y-* providers and of ProseMirror (y-prosemirror needs the same instance
 * the editor uses).
 */
export const SHARED = [
  'lit',
  '@supabase/supabase-js',
  'yjs',
  'y-protocols',
  'y-indexeddb',
  'y-websocket',
  'y-webrtc',
  'y-prosemirror',
  'lib0',
  'prosemirror-model',
  'prosemirror-state',
  'prosemirror-view',
  'prosemirror-transform',
  'prosemirror-commands',
  'prosemirror-keymap',
  'prosemirror-schema-list',
] as const;

/** esbuild `external` patterns for the shared packages (their subpaths too). */
export const sharedExternals = (names: readonly string[] = SHARED) => names.flatMap((name) => [name, `${name}/*`]);

/** Output file names in dist/ (flat, so the compliance worker's relative URL holds from every chunk). */
export const outputs = {
  define: (element: ElementPackage) => `${element.name}.js`,
  classes: (element: ElementPackage) => `${element.name}-element.js`,
  events: (element: ElementPackage) => `${element.name}-events.js`,
  all: 'index.js',
  worker: 'findings-worker.js',
  cdn: 'cdn/jd-kit.js',
  theme: 'theme.css',
};

/** Declaration file of a source module, under dist/types/ (tsc keeps the source tree). */
const typesOf = (source: string) => `./types/${source.replace(/\.ts$/, '.d.ts')}`;

export const ALL_ENTRY = 'elements/all.ts';

/** package.json `exports`: every entry with its types, the CDN bundle, the theme and the manifest. */
export function exportsMap(): Record<string, unknown> {
  const map: Record<string, unknown> = { '.': { types: typesOf(ALL_ENTRY), default: `./${outputs.all}` } };
  for (const element of ELEMENTS) {
    map[`./${element.name}`] = { types: typesOf(defineModule(element)), default: `./${outputs.define(element)}` };
    map[`./${element.name}/element`] = { types: typesOf(element.classes), default: `./${outputs.classes(element)}` };
    map[`./${element.name}/events`] = { types: typesOf(eventsModule(element)), default: `./${outputs.events(element)}` };
  }
  map['./cdn'] = `./${outputs.cdn}`;
  map['./theme.css'] = `./${outputs.theme}`;
  map['./custom-elements.json'] = './custom-elements.json';
  map['./package.json'] = './package.json';
  return map;
}
