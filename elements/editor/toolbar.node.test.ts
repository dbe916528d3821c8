import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EditorState, TextSelection, type Transaction } from 'prosemirror-state';
import { jdSchema } from '../core/schema.js';
import { nextToolbarIndex, removeLink, setLink, toolbarStateOf } from './toolbar.js';
import { ariaKeyShortcut, isApplePlatform, parseBinding, shortcutLabel, withShortcut } from '../core/shortcuts.js';
import { EDITOR_SHORTCUTS } from './shortcuts.js';

const { nodes, marks } = jdSchema;
const link = (href: string) => marks['link']!.create({ href });

/** One section whose paragraph reads "Advises [managers] on staffing." with "managers" linked. */
function stateWithLink(): EditorState {
  const paragraph = nodes['paragraph']!.create(null, [
    jdSchema.text('Advises '),
    jdSchema.text('managers', [link('https://a.example/')]),
    jdSchema.text(' on '),
    jdSchema.text('staffing', [link('https://b.example/')]),
    jdSchema.text('.'),
  ]);
  const section = nodes['section']!.create({ sectionId: 's1', kind: 'custom' }, [nodes['heading']!.create({ level: 2 }, jdSchema.text('Heading')), paragraph]);
  return EditorState.create({ schema: jdSchema, doc: nodes['doc']!.create(null, [section]) });
}

/** The position just after the first occurrence of `text` starts, plus `offset`. */
function at(state: EditorState, text: string, offset = 0): number {
  let found = -1;
  state.doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text) + offset;
    return found < 0;
  });
  assert.ok(found >= 0, `"${text}" not found`);
  return found;
}

function run(state: EditorState, command: (s: EditorState, d: (tr: Transaction) => void) => boolean): EditorState {
  let next = state;
  const done = command(state, (tr) => (next = state.apply(tr)));
  assert.equal(done, true, 'the command applied');
  return next;
}

const hrefsIn = (state: EditorState) => {
  const out: string[] = [];
  state.doc.descendants((node) => {
    if (node.isText) out.push(`${node.text}=${marks['link']!.isInSet(node.marks)?.attrs['href'] ?? '-'}`);
  });
  return out;
};

describe('toolbar commands', () => {
  it('changes the whole link around the caret, and only that link', () => {
    let state = stateWithLink();
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at(state, 'managers', 3))));
    assert.equal(toolbarStateOf(state).link, 'https://a.example/');
    state = run(state, setLink('https://c.example/x'));
    assert.deepEqual(hrefsIn(state), ['Heading=-', 'Advises =-', 'managers=https://c.example/x', ' on =-', 'staffing=https://b.example/', '.=-']);
    state = run(state, removeLink);
    assert.deepEqual(hrefsIn(state), ['Heading=-', 'Advises managers on =-', 'staffing=https://b.example/', '.=-']);
  });

  it('links a selection, refuses unsafe addresses, and inserts the address when nothing is selected', () => {
    let state = stateWithLink();
    const from = at(state, 'Advises');
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, from, from + 'Advises'.length)));
    assert.equal(setLink('javascript:alert(1)')(state, () => assert.fail('must not dispatch')), false);
    assert.equal(setLink('  ')(state), false);
    state = run(state, setLink('mailto:hr@example.gc.ca'));
    assert.equal(hrefsIn(state)[1], 'Advises=mailto:hr@example.gc.ca');
    const end = at(state, '.', 1);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, end)));
    assert.equal(removeLink(state), false, 'no link at the caret');
    state = run(state, setLink('https://www.canada.ca'));
    assert.equal(hrefsIn(state).at(-1), 'https://www.canada.ca/=https://www.canada.ca/');
  });

  it('reports marks and block kinds at the selection', () => {
    let state = stateWithLink();
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, at(state, 'on'))));
    assert.deepEqual(toolbarStateOf(state), { strong: false, em: false, link: null, block: 'paragraph' });
    const tr = state.tr.addMark(at(state, 'on'), at(state, 'on', 2), marks['strong']!.create());
    state = state.apply(tr.setSelection(TextSelection.create(tr.doc, at(state, 'on'), at(state, 'on', 2))));
    assert.equal(toolbarStateOf(state).strong, true);
  });
});

describe('toolbar keyboard movement', () => {
  const enabled = [true, false, true, true];
  it('moves with arrows (wrapping), Home and End, skipping disabled items', () => {
    assert.equal(nextToolbarIndex('ArrowRight', 0, enabled), 2);
    assert.equal(nextToolbarIndex('ArrowRight', 3, enabled), 0);
    assert.equal(nextToolbarIndex('ArrowLeft', 0, enabled), 3);
    assert.equal(nextToolbarIndex('ArrowLeft', 2, enabled), 0);
    assert.equal(nextToolbarIndex('Home', 3, [false, true, true]), 1);
    assert.equal(nextToolbarIndex('End', 0, [true, true, false]), 1);
  });
  it('ignores other keys and toolbars with nothing enabled', () => {
    assert.equal(nextToolbarIndex('a', 0, enabled), null);
    assert.equal(nextToolbarIndex('ArrowDown', 0, enabled), null);
    assert.equal(nextToolbarIndex('ArrowRight', 0, [false, false]), null);
  });
});

describe('toolbar tooltips name the shortcuts the keymap binds', () => {
  it('writes each binding as people read it: Ctrl elsewhere, Cmd and Option on Apple devices, Maj in French', () => {
    assert.equal(withShortcut('Bold', EDITOR_SHORTCUTS.bold, 'en', false), 'Bold (Ctrl+B)');
    assert.equal(withShortcut('Gras', EDITOR_SHORTCUTS.bold, 'fr', false), 'Gras (Ctrl+B)');
    assert.equal(withShortcut('Bold', EDITOR_SHORTCUTS.bold, 'en', true), 'Bold (Cmd+B)');
    assert.equal(shortcutLabel(EDITOR_SHORTCUTS.heading, 'en', false), 'Ctrl+Alt+3');
    assert.equal(shortcutLabel(EDITOR_SHORTCUTS.heading, 'en', true), 'Cmd+Option+3');
    // Ctrl-8 is Ctrl on a Mac too (ProseMirror's Ctrl is the Control key; only Mod follows the platform).
    assert.equal(shortcutLabel(EDITOR_SHORTCUTS.bulletList, 'en', true), 'Ctrl+Shift+8');
    assert.equal(shortcutLabel(EDITOR_SHORTCUTS.bulletList, 'fr', false), 'Ctrl+Maj+8');
    assert.equal(shortcutLabel(EDITOR_SHORTCUTS.comment, 'fr', false), 'Ctrl+Alt+M');
    assert.equal(withShortcut('Link', undefined, 'en', false), 'Link', 'no shortcut, no brackets');
  });

  it('gives assistive technology the same keys (aria-keyshortcuts)', () => {
    assert.equal(ariaKeyShortcut(EDITOR_SHORTCUTS.bold, false), 'Control+B');
    assert.equal(ariaKeyShortcut(EDITOR_SHORTCUTS.bold, true), 'Meta+B');
    assert.equal(ariaKeyShortcut(EDITOR_SHORTCUTS.orderedList, false), 'Control+Shift+9');
    assert.equal(ariaKeyShortcut(EDITOR_SHORTCUTS.paragraph, false), 'Control+Alt+0');
  });

  it('decides Cmd the way ProseMirror does, and refuses bindings it would not understand', () => {
    assert.equal(isApplePlatform('MacIntel'), true);
    assert.equal(isApplePlatform('iPad'), true);
    assert.equal(isApplePlatform('Win32'), false);
    assert.equal(isApplePlatform('Linux x86_64'), false);
    assert.deepEqual(parseBinding('Mod--'), { modifiers: ['mod'], key: '-' });
    assert.throws(() => parseBinding('Hyper-b'), /Unknown modifier "Hyper" in the key binding "Hyper-b"/);
  });
});
