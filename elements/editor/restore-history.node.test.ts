// RestoreHistory with real Yjs: two texts stand for the panes, each with an UndoManager of the
// user's typing (as y-prosemirror gives each pane), and a restore changes both at once. The
// restore is undone where it is the latest step, and only there.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { RestoreHistory, type UndoDepths } from './restore-history.js';

const TYPING = Symbol('typing');

function setUp() {
  const doc = new Y.Doc();
  const en = doc.getText('en');
  const fr = doc.getText('fr');
  const panes = { en: new Y.UndoManager(en, { trackedOrigins: new Set([TYPING]), captureTimeout: 0 }), fr: new Y.UndoManager(fr, { trackedOrigins: new Set([TYPING]), captureTimeout: 0 }) };
  const history = new RestoreHistory(doc, [en, fr]);
  const type = (text: Y.Text, words: string) => doc.transact(() => text.insert(text.length, words), TYPING);
  const depths = (): UndoDepths => ({ en: panes.en.undoStack.length, fr: panes.fr.undoStack.length });
  const restore = (name: string, words: { en: string; fr: string }) =>
    history.restore(name, depths(), () => {
      en.delete(0, en.length);
      en.insert(0, words.en);
      fr.delete(0, fr.length);
      fr.insert(0, words.fr);
    });
  const texts = () => `${en.toString()} | ${fr.toString()}`;
  return { en, fr, panes, history, type, depths, restore, texts };
}

describe('RestoreHistory', () => {
  it("undoes a restore in both languages when it is the pane's latest step, and redoes it", () => {
    const { en, fr, history, type, depths, restore, texts } = setUp();
    type(en, 'old en');
    type(fr, 'vieux fr');
    restore('Version 1', { en: 'v1 en', fr: 'v1 fr' });
    assert.equal(texts(), 'v1 en | v1 fr');
    assert.equal(history.latest, 'Version 1');
    assert.equal(history.isNextIn('undo', 'en', depths().en), true);
    assert.equal(history.isNextIn('redo', 'en', depths().en), false, 'nothing undone yet');
    assert.equal(history.undo(depths()), 'Version 1');
    assert.equal(texts(), 'old en | vieux fr', 'one step reverts both languages');
    assert.equal(history.latest, null);
    assert.equal(history.isNextIn('undo', 'fr', depths().fr), false);
    assert.equal(history.isNextIn('redo', 'fr', depths().fr), true);
    assert.equal(history.redo(depths()), 'Version 1');
    assert.equal(texts(), 'v1 en | v1 fr');
    assert.equal(history.undo(depths()), 'Version 1');
    assert.equal(history.undo(depths()), null, 'one restore, undone once');
  });

  it("puts typing after a restore before it in that pane's order, and only in that pane", () => {
    const { en, fr, panes, history, type, depths, restore, texts } = setUp();
    type(en, 'old en');
    restore('Version 1', { en: 'v1 en', fr: 'v1 fr' });
    type(en, ' typed');
    assert.equal(history.isNextIn('undo', 'en', depths().en), false, 'the typing comes first in English');
    assert.equal(history.isNextIn('undo', 'fr', depths().fr), true, 'nothing typed in French since');
    panes.en.undo();
    assert.equal(texts(), 'v1 en | v1 fr');
    assert.equal(history.isNextIn('undo', 'en', depths().en), true, 'the typing undone, the restore is next');
    history.undo(depths());
    assert.equal(texts(), 'old en | ', 'French had nothing before the restore');
    // Typing after the undo: the pane's new step comes first, so Ctrl+Y redoes nothing of the restore.
    type(fr, 'nouveau');
    assert.equal(history.isNextIn('redo', 'fr', depths().fr), false);
    assert.equal(history.isNextIn('redo', 'en', depths().en), true);
  });

  it('notes the depths of the moment it is undone ("Undo restoring" after typing), for the redo', () => {
    const { en, history, type, depths, restore, texts } = setUp();
    restore('Version 1', { en: 'v1 en', fr: 'v1 fr' });
    type(en, ' typed');
    assert.equal(history.undo(depths()), 'Version 1', 'the button reverts it whatever came since');
    assert.equal(texts(), ' typed | ');
    assert.equal(history.isNextIn('redo', 'en', depths().en), true, 'nothing typed since the undo');
  });

  it('keeps several restores in order, and a new restore ends what could be redone', () => {
    const { history, depths, restore, texts } = setUp();
    restore('Version 1', { en: 'v1 en', fr: 'v1 fr' });
    restore('Version 2', { en: 'v2 en', fr: 'v2 fr' });
    assert.equal(history.latest, 'Version 2');
    assert.equal(history.undo(depths()), 'Version 2');
    assert.equal(texts(), 'v1 en | v1 fr');
    assert.equal(history.latest, 'Version 1');
    assert.equal(history.isNextIn('undo', 'en', depths().en), true, 'back to back: the earlier restore is next');
    restore('Version 3', { en: 'v3 en', fr: 'v3 fr' });
    assert.equal(history.isNextIn('redo', 'en', depths().en), false, 'Version 2 can no longer be redone');
    assert.equal(history.redo(depths()), null);
    assert.equal(history.undo(depths()), 'Version 3');
    assert.equal(history.undo(depths()), 'Version 1');
    assert.equal(texts(), ' | ');
  });
});
