import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { anchorInText } from './comment-anchors.ts';
import { addReply, commentPermissions, commentsMap, CommentError, createThread, deleteComment, editComment, mentionedIn, mentions, readThreads, setResolved } from './comment-model.ts';
import { bodySegments, cleanBody, isCleanBody, MAX_BODY_LENGTH } from './comment-text.ts';

const ALICE = { id: 'e5dc0000-0000-4000-a000-000000000102', name: 'Eddie Editor' };
const BOB = { id: 'e5dc0000-0000-4000-a000-000000000104', name: 'Rachel Reviewer' };

function pair(): [Y.Doc, Y.Doc, () => void] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return [a, b, sync];
}

function thread(doc: Y.Doc, body = '« agente ou agent » ici ?') {
  const text = doc.getText('fr-text');
  if (text.length === 0) text.insert(0, 'l’agente ou l’agent');
  return createThread(doc, { lang: 'fr', anchor: anchorInText(text, 0, 8), quote: 'l’agente', author: ALICE, body, mentions: [BOB.id, 'not-a-uuid'] });
}

describe('comment model', () => {
  it('creates a thread with every field, and reads it back', () => {
    const doc = new Y.Doc();
    const id = thread(doc);
    const [t] = readThreads(doc);
    assert.equal(t!.id, id);
    assert.equal(t!.lang, 'fr');
    assert.equal(t!.quote, 'l’agente');
    assert.equal(t!.authorId, ALICE.id);
    assert.equal(t!.resolved, false);
    assert.deepEqual(t!.mentions, [BOB.id]);
    assert.ok(t!.anchor);
    assert.equal(mentions(t!, BOB.id), true);
    assert.equal(mentions(t!, ALICE.id), false);
  });

  it('merges concurrent changes of different fields: a reply, a resolve and an edit', () => {
    const [a, b, sync] = pair();
    const id = thread(a);
    sync();
    addReply(b, id, { author: BOB, body: 'Oui, « l’agente ou l’agent ».' });
    setResolved(b, id, true, BOB, 1234);
    editComment(a, id, null, 'Edited body');
    addReply(a, id, { author: ALICE, body: 'Merci' });
    sync();
    for (const doc of [a, b]) {
      const [t] = readThreads(doc);
      assert.equal(t!.body, 'Edited body');
      assert.ok(t!.editedAt);
      assert.equal(t!.resolved, true);
      assert.equal(t!.resolvedBy, BOB.id);
      assert.equal(t!.resolvedAt, 1234);
      assert.equal(t!.replies.length, 2);
    }
    assert.deepEqual(readThreads(a), readThreads(b));
    setResolved(a, id, false, ALICE);
    const [reopened] = readThreads(a);
    assert.equal(reopened!.resolved, false);
    assert.equal(reopened!.resolvedBy, null);
  });

  it('deletes a reply or a whole thread', () => {
    const doc = new Y.Doc();
    const id = thread(doc);
    const reply = addReply(doc, id, { author: BOB, body: 'reply' });
    deleteComment(doc, id, reply);
    assert.equal(readThreads(doc)[0]!.replies.length, 0);
    deleteComment(doc, id, null);
    assert.equal(readThreads(doc).length, 0);
    assert.throws(() => deleteComment(doc, id, null), CommentError);
  });

  it('refuses empty and over-long bodies and removes bidi overrides', () => {
    const doc = new Y.Doc();
    assert.throws(() => thread(doc, '   \n '), (e: CommentError) => e.problem === 'empty');
    assert.throws(() => thread(doc, 'x'.repeat(1024 * 1024)), (e: CommentError) => e.problem === 'too-long');
    assert.deepEqual(cleanBody('a'.repeat(MAX_BODY_LENGTH)), { ok: true, body: 'a'.repeat(MAX_BODY_LENGTH) });
    assert.equal(cleanBody('a'.repeat(MAX_BODY_LENGTH + 1)).ok, false);
    assert.deepEqual(cleanBody('abc\u202Edef\u2066g\r\nh\u0000'), { ok: true, body: 'abcdefg\nh' });
    assert.equal(isCleanBody('abc\u202Edef'), false);
    assert.equal(isCleanBody('ligne 1\nligne 2'), true);
    assert.equal(readThreads(doc).length, 0);
  });

  it('ignores hostile entries in the comments map', () => {
    const doc = new Y.Doc();
    const map = commentsMap(doc);
    map.set('plain', { id: 'plain', body: 'not a Y.Map' });
    const wrongKey = new Y.Map<unknown>();
    map.set('11111111-1111-4111-8111-111111111111', wrongKey);
    wrongKey.set('id', '22222222-2222-4222-8222-222222222222');
    const good = thread(doc);
    const hostile = map.get(good) as Y.Map<unknown>;
    hostile.set('mentions', ['x', 42, BOB.id]);
    hostile.set('createdAt', 'yesterday');
    hostile.set('anchorStart', '<img onerror=alert(1)>');
    const threads = readThreads(doc);
    assert.equal(threads.length, 1);
    assert.deepEqual(threads[0]!.mentions, [BOB.id]);
    assert.equal(threads[0]!.createdAt, 0);
    assert.equal(threads[0]!.anchor, null);
  });

  it('cuts bodies into text, breaks and safe links only', () => {
    const segments = bodySegments('Voir https://www.canada.ca/fr.html.\njavascript:alert(1) <img src=x onerror=alert(1)> mailto:a@b.ca');
    assert.deepEqual(segments, [
      { kind: 'text', text: 'Voir ' },
      { kind: 'link', text: 'https://www.canada.ca/fr.html', href: 'https://www.canada.ca/fr.html' },
      { kind: 'text', text: '.' },
      { kind: 'break' },
      { kind: 'text', text: 'javascript:alert(1) <img src=x onerror=alert(1)> ' },
      { kind: 'link', text: 'mailto:a@b.ca', href: 'mailto:a@b.ca' },
    ]);
    const long = bodySegments('y'.repeat(1024 * 1024));
    assert.equal((long[0] as { text: string }).text.length, MAX_BODY_LENGTH + 1);
  });

  it('maps roles to permissions and finds mentions', () => {
    assert.deepEqual(commentPermissions('viewer'), { comment: false, resolve: false, moderate: false });
    assert.deepEqual(commentPermissions('translator'), { comment: true, resolve: false, moderate: false });
    assert.deepEqual(commentPermissions('reviewer'), { comment: true, resolve: true, moderate: false });
    assert.deepEqual(commentPermissions('admin'), { comment: true, resolve: true, moderate: true });
    assert.deepEqual(commentPermissions(null), { comment: false, resolve: false, moderate: false });
    const members = [{ ...ALICE, role: 'editor' as const }, { ...BOB, role: 'reviewer' as const }];
    assert.deepEqual(mentionedIn('Thanks @Rachel Reviewer!', members), [BOB.id]);
  });
});
