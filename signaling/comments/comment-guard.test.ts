// The sync server's comment guard on real Yjs updates, made the way the clients make them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { anchorInText } from '../../elements/core/comment-anchors.js';
import { addReply, commentsMap, createThread, deleteComment, editComment, setResolved, type MemberRole } from '../../elements/core/comment-model.js';
import { checkUpdate, CommentGuard, guardFor, type GuardActor } from './comment-guard.js';

const USERS = {
  viewer: 'e5dc0000-0000-4000-a000-000000000101',
  editor: 'e5dc0000-0000-4000-a000-000000000102',
  translator: 'e5dc0000-0000-4000-a000-000000000103',
  reviewer: 'e5dc0000-0000-4000-a000-000000000104',
  admin: 'e5dc0000-0000-4000-a000-000000000105',
} as const;
type Who = keyof typeof USERS;
const actor = (who: Who): GuardActor => ({ userId: USERS[who], role: who as MemberRole, access: who === 'viewer' || who === 'reviewer' ? 'view' : 'edit' });
const person = (who: Who) => ({ id: USERS[who], name: who });

/** The server's document with a paragraph of French text. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, 'l’agente ou l’agent');
  p.insert(0, [t]);
  doc.getXmlFragment('fr').insert(0, [p]);
  return doc;
}
const textOf = (doc: Y.Doc) => (doc.getXmlFragment('fr').get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** What a client holding `base` sends after `change`. */
function updateFrom(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function withThread(author: Who = 'translator') {
  const doc = serverDoc();
  const id = createThread(doc, { lang: 'fr', anchor: anchorInText(textOf(doc), 0, 8), quote: 'l’agente', author: person(author), body: 'Ici ?' });
  return { doc, id };
}

const ok = (base: Y.Doc, who: Who, change: (doc: Y.Doc) => void) => checkUpdate(base, updateFrom(base, change), actor(who)).decision;

describe('comment guard', () => {
  it('lets commenters start threads and reply, including reviewers who cannot edit text', () => {
    const doc = serverDoc();
    for (const who of ['editor', 'translator', 'reviewer', 'admin'] as const) {
      const decision = ok(doc, who, (d) => createThread(d, { lang: 'fr', anchor: anchorInText(textOf(d), 0, 3), quote: 'l’a', author: person(who), body: `De ${who}` }));
      assert.deepEqual(decision, { ok: true, text: false, comments: true }, who);
    }
    const { doc: base, id } = withThread();
    assert.equal(ok(base, 'reviewer', (d) => addReply(d, id, { author: person('reviewer'), body: 'Oui' })).ok, true);
  });

  it('refuses viewers everything, and text changes from reviewers', () => {
    const { doc, id } = withThread();
    assert.equal(ok(doc, 'viewer', (d) => createThread(d, { lang: 'fr', anchor: anchorInText(textOf(d), 0, 3), quote: 'l', author: person('viewer'), body: 'x' })).ok, false);
    assert.equal(ok(doc, 'viewer', (d) => setResolved(d, id, true, person('viewer'))).ok, false);
    assert.equal(ok(doc, 'viewer', (d) => addReply(d, id, { author: person('viewer'), body: 'x' })).ok, false);
    const text = ok(doc, 'reviewer', (d) => textOf(d).insert(0, 'X'));
    assert.equal(text.ok, false);
    assert.match((text as { reason: string }).reason, /read-only/);
    assert.equal(ok(doc, 'editor', (d) => textOf(d).insert(0, 'X')).ok, true);
    assert.equal(ok(doc, 'reviewer', (d) => d.getMap('meta').set('title_en', 'x')).ok, false);
  });

  it('lets only reviewers and admins resolve and reopen, in their own name', () => {
    const { doc, id } = withThread();
    for (const who of ['editor', 'translator'] as const) assert.equal(ok(doc, who, (d) => setResolved(d, id, true, person(who))).ok, false, who);
    assert.equal(ok(doc, 'reviewer', (d) => setResolved(d, id, true, person('reviewer'))).ok, true);
    assert.equal(ok(doc, 'reviewer', (d) => setResolved(d, id, true, person('admin'))).ok, false, 'in someone else’s name');
    setResolved(doc, id, true, person('reviewer'));
    assert.equal(ok(doc, 'admin', (d) => setResolved(d, id, false, person('admin'))).ok, true);
    assert.equal(ok(doc, 'translator', (d) => setResolved(d, id, false, person('translator'))).ok, false);
  });

  it('lets only the author edit; the author or an admin delete', () => {
    const { doc, id } = withThread('translator');
    assert.equal(ok(doc, 'translator', (d) => editComment(d, id, null, 'Modifié')).ok, true);
    assert.equal(ok(doc, 'editor', (d) => editComment(d, id, null, 'Hijacked')).ok, false);
    assert.equal(ok(doc, 'editor', (d) => deleteComment(d, id, null)).ok, false);
    assert.equal(ok(doc, 'translator', (d) => deleteComment(d, id, null)).ok, true);
    assert.equal(ok(doc, 'admin', (d) => deleteComment(d, id, null)).ok, true);
    const reply = addReply(doc, id, { author: person('editor'), body: 'Réponse' });
    assert.equal(ok(doc, 'translator', (d) => deleteComment(d, id, null)).ok, false, 'not with someone else’s reply in it');
    assert.equal(ok(doc, 'translator', (d) => deleteComment(d, id, reply)).ok, false);
    assert.equal(ok(doc, 'editor', (d) => editComment(d, id, reply, 'Réponse modifiée')).ok, true);
    assert.equal(ok(doc, 'editor', (d) => deleteComment(d, id, reply)).ok, true);
    // Fields that never change, and bodies that are not clean.
    assert.equal(ok(doc, 'translator', (d) => (commentsMap(d).get(id) as Y.Map<unknown>).set('authorId', USERS.admin)).ok, false);
    assert.equal(ok(doc, 'translator', (d) => (commentsMap(d).get(id) as Y.Map<unknown>).set('quote', 'autre')).ok, false);
    assert.equal(ok(doc, 'translator', (d) => (commentsMap(d).get(id) as Y.Map<unknown>).set('body', 'x'.repeat(1024 * 1024))).ok, false);
    assert.equal(ok(doc, 'translator', (d) => (commentsMap(d).get(id) as Y.Map<unknown>).set('body', 'a\u202Eb')).ok, false);
    assert.equal(ok(doc, 'translator', (d) => (commentsMap(d).get(id) as Y.Map<unknown>).set('extra', 1)).ok, false);
  });

  it('refuses forged authors, bad shapes and updates it cannot integrate', () => {
    const doc = serverDoc();
    const forged = ok(doc, 'editor', (d) => createThread(d, { lang: 'fr', anchor: anchorInText(textOf(d), 0, 3), quote: 'l', author: person('admin'), body: 'x' }));
    assert.equal(forged.ok, false);
    assert.equal(ok(doc, 'editor', (d) => commentsMap(d).set('11111111-1111-4111-8111-111111111111', 'not a map')).ok, false);
    assert.equal(ok(doc, 'editor', (d) => createThread(d, { id: 'not-a-uuid', lang: 'fr', anchor: anchorInText(textOf(d), 0, 3), quote: 'l', author: person('editor'), body: 'x' })).ok, false);
    assert.equal(ok(doc, 'editor', (d) => createThread(d, { lang: 'fr', anchor: anchorInText(textOf(d), 0, 3), quote: 'l', author: person('editor'), body: 'x', now: Date.now() + 86_400_000 })).ok, false);
    // An update whose first half the server never got: not integrable, so not judged, so refused.
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const id = createThread(client, { lang: 'fr', anchor: anchorInText(textOf(client), 0, 3), quote: 'l', author: person('translator'), body: 'x' });
    const middle = Y.encodeStateVector(client);
    setResolved(client, id, true, person('translator'));
    const second = Y.encodeStateAsUpdate(client, middle);
    const decision = checkUpdate(doc, second, actor('translator')).decision;
    assert.equal(decision.ok, false);
    assert.match((decision as { reason: string }).reason, /depends on changes/);
    assert.equal(checkUpdate(doc, new Uint8Array([1, 2, 3, 4, 5]), actor('editor')).decision.ok, false);
  });

  it('judges pipelined updates against what it already accepted, and follows the room', () => {
    const room = serverDoc();
    const guard = new CommentGuard(room);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
    const updates: Uint8Array[] = [];
    client.on('update', (u: Uint8Array) => updates.push(u));
    const id = createThread(client, { lang: 'fr', anchor: anchorInText(textOf(client), 0, 3), quote: 'l', author: person('translator'), body: 'x' });
    editComment(client, id, null, 'y');
    // Neither is applied to the room yet (still on its way to Postgres).
    assert.deepEqual(updates.map((u) => guard.admit(u, actor('translator')).ok), [true, true]);
    // A hostile update on top of the accepted ones is still caught.
    const hostile = new Y.Doc();
    Y.applyUpdate(hostile, Y.encodeStateAsUpdate(client));
    const sv = Y.encodeStateVector(hostile);
    setResolved(hostile, id, true, person('translator'));
    assert.equal(guard.admit(Y.encodeStateAsUpdate(hostile, sv), actor('translator')).ok, false);
    // Changes that reach the room another way (Postgres, other instances) are followed.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(room));
    const otherSv = Y.encodeStateVector(other);
    const otherId = createThread(other, { lang: 'fr', anchor: anchorInText(textOf(other), 0, 3), quote: 'l', author: person('editor'), body: 'z' });
    Y.applyUpdate(room, Y.encodeStateAsUpdate(other, otherSv));
    const reply = new Y.Doc();
    Y.applyUpdate(reply, Y.encodeStateAsUpdate(room));
    const replySv = Y.encodeStateVector(reply);
    addReply(reply, otherId, { author: person('reviewer'), body: 'ok' });
    assert.equal(guard.admit(Y.encodeStateAsUpdate(reply, replySv), actor('reviewer')).ok, true);
    assert.equal(guardFor(room), guardFor(room));
    guard.destroy();
  });
});
