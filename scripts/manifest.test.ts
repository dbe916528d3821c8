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
    cssParts: ['notice', 'identification', 'field', 'toolbar', 'status', 'presence', 'avatar', 'pane', 'versions', 'version-view', 'workflow', 'comment-button'],
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
};

/** Properties that are deliberately not attributes (`attribute: false`): objects, functions, tokens. */
const PROPERTY_ONLY: Record<string, string[]> = {
  'jd-session': ['accessToken', 'roomPassword', 'broadcastChannel'],
  'jd-editor': ['commenting'],
  'jd-comments': ['editor'],
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
  elements = new Map(declarations.filter((d): d is ElementDeclaration => 'customElement' in d).map((d) => [d.tagName, d]));
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
