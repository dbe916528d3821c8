// The custom-elements manifest (`npm run manifest`) declares each element's public API as its
// JSDoc and Lit decorators describe it: a dropped @fires, @csspart, @cssproperty, @cssstate or
// @slot line, or an attribute that stops being one, fails here before it silently vanishes from
// Storybook and IDEs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { projectRoot } from './run-command.js';
import { THEME_TOKENS } from '../elements/core/tokens.js';

interface Named {
  name: string;
  description?: string;
  type?: { text: string };
}
interface Member extends Named {
  kind: 'field' | 'method';
  privacy?: string;
  static?: boolean;
}
interface Attribute extends Named {
  fieldName?: string;
}
interface ElementDeclaration extends Named {
  tagName: string;
  customElement: true;
  attributes?: Attribute[];
  members?: Member[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Named[];
  cssStates?: Named[];
}
interface Manifest {
  modules: { path: string; declarations?: (ElementDeclaration | Named)[] }[];
}

/** What each element must keep declaring (more may be added without touching this test). */
const EXPECTED: Record<string, Record<'attributes' | 'events' | 'slots' | 'cssParts' | 'cssProperties' | 'cssStates', string[]>> = {
  'jd-session': {
    attributes: ['supabase-url', 'anon-key', 'sync-url', 'signaling-url', 'lang', 'allow-anonymous', 'cache-name', 'persist-session'],
    events: ['jd-session-change', 'jd-sign-in-error'],
    slots: [''],
    cssParts: ['form', 'error', 'account', 'sign-out'],
    cssProperties: ['--jd-color-primary', '--jd-color-text', '--jd-color-border', '--jd-color-focus', '--jd-color-danger', '--jd-font-family'],
    cssStates: ['signed-in'],
  },
  'jd-editor': {
    attributes: ['document-id', 'readonly'],
    events: ['jd-status-change', 'jd-access-change', 'jd-section-focus', 'jd-version', 'jd-workflow', 'jd-comment-request'],
    slots: ['panel'],
    cssParts: ['notice', 'identification', 'field', 'toolbar', 'link-form', 'status', 'presence', 'avatar', 'pane', 'versions', 'version-view', 'workflow', 'comment-button'],
    cssProperties: ['--jd-color-paired', '--jd-color-range', '--jd-color-comment', '--jd-color-link', '--jd-pane-min-height', '--jd-panel-width', '--jd-color-primary', '--jd-color-focus'],
    cssStates: ['loading', 'no-access', 'signed-out', 'read-only', 'offline', 'syncing', 'connected', 'saved'],
  },
  'jd-comments': {
    attributes: ['document-id', 'filter', 'lang-filter', 'author-filter', 'mentions-only'],
    events: ['jd-comment-add', 'jd-comment-resolve', 'jd-comment-select'],
    slots: [],
    cssParts: ['base', 'header', 'badge', 'filters', 'notice', 'message', 'compose', 'list', 'thread', 'quote', 'removed', 'comment', 'meta', 'body', 'replies', 'resolution', 'reply-form', 'mentions'],
    cssProperties: ['--jd-color-comment-active', '--jd-comments-gap', '--jd-color-link', '--jd-color-primary', '--jd-color-focus'],
    cssStates: ['loading', 'signed-out', 'no-access', 'read-only', 'empty', 'composing'],
  },
  'jd-concordance': {
    attributes: ['document-id', 'live', 'source-lang', 'mode'],
    events: ['jd-tm-results', 'jd-tm-insert'],
    slots: [],
    cssParts: ['base', 'form', 'live', 'status', 'message', 'glossary', 'term', 'term-status', 'term-instead', 'results', 'result', 'score', 'band', 'source', 'target', 'provenance', 'insert'],
    cssProperties: ['--jd-mark', '--jd-color-range', '--jd-color-primary', '--jd-color-focus'],
    cssStates: ['signed-out', 'searching', 'empty', 'error', 'live'],
  },
  'jd-alignment-workbench': {
    attributes: [],
    events: [],
    slots: [],
    cssParts: ['base', 'help', 'open', 'new', 'toolbar', 'message', 'pairs', 'pair', 'confidence', 'en', 'fr', 'actions'],
    cssProperties: ['--jd-color-primary', '--jd-color-focus'],
    cssStates: [],
  },
  'jd-compliance': {
    attributes: ['document-id', 'show-dismissed'],
    events: ['jd-compliance-checked'],
    slots: [],
    cssParts: ['base', 'summary', 'count', 'show-dismissed', 'status', 'group', 'finding', 'message', 'excerpt', 'source', 'reveal', 'apply', 'dismiss', 'dismiss-form', 'dismissed-reason', 'more'],
    cssProperties: ['--jd-color-primary', '--jd-color-focus'],
    cssStates: ['signed-out', 'loading', 'checking', 'errors'],
  },
  'jd-documents': {
    attributes: ['organization-id', 'hide-queue'],
    events: ['jd-document-open', 'jd-document-created'],
    slots: [],
    cssParts: ['base', 'search', 'status', 'results', 'result', 'title', 'meta', 'date', 'snippet', 'waiting', 'waiting-item', 'new'],
    cssProperties: ['--jd-mark', '--jd-color-primary', '--jd-color-focus'],
    cssStates: [],
  },
  'jd-notifications': {
    attributes: ['poll-interval', 'link-template', 'open'],
    events: ['jd-notification-open'],
    slots: [],
    cssParts: ['bell', 'count', 'panel', 'item', 'mark-read', 'mark-all', 'error'],
    cssProperties: ['--jd-color-primary', '--jd-color-focus'],
    cssStates: [],
  },
};

/** Properties that are deliberately not attributes (`attribute: false`): objects, functions, tokens. */
const PROPERTY_ONLY: Record<string, string[]> = {
  'jd-session': ['accessToken', 'roomPassword', 'broadcastChannel'],
  'jd-editor': ['commenting'],
  'jd-comments': ['editor'],
  'jd-concordance': ['editor'],
  'jd-compliance': ['editor'],
};

let outDir = '';
let elements = new Map<string, ElementDeclaration>();

before(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'jd-manifest-'));
  // The analyzer joins --outdir to the working directory, so it must be relative.
  const cli = join(projectRoot, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
  await promisify(execFile)(process.execPath, [cli, 'analyze', '--quiet', '--outdir', relative(projectRoot, outDir)], { cwd: projectRoot });
  const manifest = JSON.parse(await readFile(join(outDir, 'custom-elements.json'), 'utf8')) as Manifest;
  const declarations = manifest.modules.flatMap((mod) => mod.declarations ?? []);
  // A base class (JdThemedElement) is a custom-element class too, but defines no tag.
  elements = new Map(declarations.filter((d): d is ElementDeclaration => 'customElement' in d && 'tagName' in d).map((d) => [d.tagName, d]));
});

after(() => rm(outDir, { recursive: true, force: true }));

const names = (items: Named[] | undefined) => (items ?? []).map((item) => item.name);

test('declares every tag that elements/*/define.ts defines, and only those, each with a description', async () => {
  const defined: string[] = [];
  for (const folder of await readdir(join(projectRoot, 'elements'), { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const source = await readFile(join(projectRoot, 'elements', folder.name, 'define.ts'), 'utf8').catch(() => '');
    for (const [, tag] of source.matchAll(/customElements\.define\('([^']+)'/g)) defined.push(tag!);
  }
  assert.deepEqual([...elements.keys()].sort(), defined.sort());
  assert.deepEqual(defined.slice().sort(), Object.keys(EXPECTED).sort());
  for (const [tag, element] of elements) assert.ok(element.description, `${tag} has no class description`);
});

for (const [tag, expected] of Object.entries(EXPECTED)) {
  test(`${tag}: attributes, events, slots, CSS parts, custom properties and states`, () => {
    const element = elements.get(tag);
    assert.ok(element, `${tag} is not in the manifest`);
    for (const [category, wanted] of Object.entries(expected) as [keyof typeof expected, string[]][]) {
      const declared = names(element[category]);
      const missing = wanted.filter((name) => !declared.includes(name));
      assert.deepEqual(missing, [], `${tag} no longer declares these ${category}: ${missing.join(', ')}`);
    }
  });

  test(`${tag}: lists every theme property (--jd-*) of the base class`, () => {
    const declared = names(elements.get(tag)!.cssProperties);
    const missing = Object.values(THEME_TOKENS)
      .map((token) => token.property)
      .filter((name) => !declared.includes(name));
    assert.deepEqual(missing, [], `${tag} does not list these theme properties`);
  });

  test(`${tag}: every declared item is described, every event is a jd- event with its class`, () => {
    const element = elements.get(tag)!;
    for (const category of ['attributes', 'events', 'slots', 'cssParts', 'cssProperties', 'cssStates'] as const) {
      for (const item of element[category] ?? []) assert.ok(item.description, `${tag}: ${category} "${item.name}" has no description`);
    }
    for (const event of element.events ?? []) {
      // The analyzer once took a constructor argument for the event name (`status`, `none`…).
      assert.match(event.name, /^jd-[a-z-]+$/, `${tag}: event "${event.name}"`);
      assert.match(event.type?.text ?? '', /^Jd\w+Event$/, `${tag}: event "${event.name}" has no event class`);
    }
  });

  test(`${tag}: properties that are not attributes stay so, internal state is not API`, () => {
    const element = elements.get(tag)!;
    const attributeFields = (element.attributes ?? []).map((attribute) => attribute.fieldName);
    for (const name of PROPERTY_ONLY[tag] ?? []) {
      assert.ok(names(element.members).includes(name), `${tag}: property ${name} missing`);
      assert.ok(!attributeFields.includes(name), `${tag}: ${name} became an attribute`);
    }
    // `session` is @state() (context plumbing): Storybook must not offer it as a control.
    const session = element.members?.find((member) => member.name === 'session');
    assert.equal(session?.privacy, 'private', `${tag}: the @state() field session is listed as public API`);
  });
}

/**
 * Every `part` an element's templates render, from its folder's sources (tests and styles aside):
 * static names as written, and for `part=${…}` the quoted names of the array it is built from
 * (`const parts = ['thread', … 'thread-resolved' …]`) or, for `pane-${l}`, the pattern `pane-*`.
 */
async function renderedParts(folder: string): Promise<{ names: Set<string>; dynamic: Set<string>; patterns: Set<string> }> {
  const names = new Set<string>();
  const dynamic = new Set<string>();
  const patterns = new Set<string>();
  const dir = join(projectRoot, 'elements', folder);
  for (const file of await readdir(dir)) {
    if (!file.endsWith('.ts') || /\.test\.ts$|\.styles\.ts$|^define\.ts$|^test-support\.ts$/.test(file)) continue;
    const source = await readFile(join(dir, file), 'utf8');
    for (const [, value] of source.matchAll(/\bpart="([^"]*)"/g)) {
      for (const token of value!.split(/\s+/).filter(Boolean)) {
        if (token.includes('${')) patterns.add(token.slice(0, token.indexOf('${')));
        else names.add(token);
      }
    }
    for (const [, variable] of source.matchAll(/\bpart=\$\{\s*(\w+)\s*\}/g)) {
      const built = new RegExp(`\\b(?:const|let)\\s+${variable}\\s*=([^;]*);`).exec(source);
      assert.ok(built, `elements/${folder}/${file}: part=\${${variable}} is not built from a const in the same file; declare its names so this test can read them`);
      for (const [, name] of built[1]!.matchAll(/'([a-z][a-z0-9-]*)'/g)) dynamic.add(name!);
    }
  }
  return { names, dynamic, patterns };
}

test('every part an element renders is declared with @csspart (other parts named in a description are allowed for dynamic names)', async () => {
  const problems: string[] = [];
  for (const folder of await readdir(join(projectRoot, 'elements'), { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    const define = await readFile(join(projectRoot, 'elements', folder.name, 'define.ts'), 'utf8').catch(() => '');
    const tags = [...define.matchAll(/customElements\.define\('([^']+)'/g)].map(([, tag]) => tag!);
    if (tags.length === 0) continue;
    const parts = tags.flatMap((tag) => elements.get(tag)?.cssParts ?? []);
    const declared = new Set(parts.map((part) => part.name));
    // `thread-resolved` in "One thread (also `thread-resolved`, `thread-removed`)".
    const mentioned = new Set(parts.flatMap((part) => [...(part.description ?? '').matchAll(/`([a-z][a-z0-9-]*)`/g)].map(([, name]) => name!)));
    const rendered = await renderedParts(folder.name);
    for (const name of rendered.names) if (!declared.has(name)) problems.push(`${tags.join('/')}: part "${name}" has no @csspart`);
    for (const name of rendered.dynamic) if (!declared.has(name) && !mentioned.has(name)) problems.push(`${tags.join('/')}: part "${name}" is neither declared nor described`);
    for (const prefix of rendered.patterns) {
      if (![...declared, ...mentioned].some((name) => name.startsWith(prefix) && name.length > prefix.length)) problems.push(`${tags.join('/')}: parts "${prefix}…" are neither declared nor described`);
    }
  }
  assert.deepEqual(problems, []);
});
