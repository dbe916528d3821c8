// The sync server's comment guard on real Yjs updates, made the way the clients make them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { anchorInText } from '../../domain/comment-anchors.js';
import { addReply, commentsMap, createThread, deleteComment, editComment, setResolved, type MemberRole } from '../../domain/comment-model.js';
import { checkUpdate, CommentGuard, guardCounters, guardFor, touchedRoots, type GuardActor } from './comment-guard.js';

const USERS = {
  viewer: 'e5dc0000-0000-4000-a000-000000000101',
  editor: 'e5dc0000-0000-4000-a000-000000000102',
  translator: 'e5dc0000-0000-4000-a000-000000000103',
  reviewer: 'e5dc0000-0000-4000-a000-000000000104',
  admin: 'e5dc0000-0000-4000-a000-000000000105',
} as const;
type Who = keyof typeof USERS;
const actor = (who: Who): GuardActor => ({ userId: USERS[who], name: who, role: who as MemberRole, access: who === 'viewer' || who === 'reviewer' ? 'view' : 'edit' });
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

  it("holds names to the sender's profile name, and refuses Yjs types where values are expected", () => {
    const { doc, id } = withThread();
    const newThread = (d: Y.Doc, name: string) => createThread(d, { lang: 'fr', anchor: anchorInText(textOf(d), 0, 3), quote: 'l', author: { id: USERS.editor, name }, body: 'x' });
    assert.equal(ok(doc, 'editor', (d) => newThread(d, 'editor')).ok, true);
    const forged = ok(doc, 'editor', (d) => newThread(d, 'admin'));
    assert.equal(forged.ok, false);
    assert.match((forged as { reason: string }).reason, /authorName must be the author's profile name/);
    assert.equal(ok(doc, 'editor', (d) => addReply(d, id, { author: { id: USERS.editor, name: 'reviewer' }, body: 'x' })).ok, false);
    assert.equal(ok(doc, 'reviewer', (d) => setResolved(d, id, true, { id: USERS.reviewer, name: 'admin' })).ok, false);
    // No profile name: no name is right.
    assert.equal(checkUpdate(doc, updateFrom(doc, (d) => newThread(d, '')), { ...actor('editor'), name: null }).decision.ok, false);
    // A Y.Text holding the right name is not a name (the clients read it as '').
    const typed = (field: string, value: () => unknown, reply = false) =>
      ok(doc, 'editor', (d) =>
        d.transact(() => {
          if (reply) {
            addReply(d, id, { author: person('editor'), body: 'x' });
            const replies = (commentsMap(d).get(id) as Y.Map<unknown>).get('replies') as Y.Array<Y.Map<unknown>>;
            replies.get(replies.length - 1).set(field, value());
          } else {
            (commentsMap(d).get(newThread(d, 'editor')) as Y.Map<unknown>).set(field, value());
          }
        }),
      ).ok;
    assert.equal(typed('authorName', () => new Y.Text('editor')), false);
    assert.equal(typed('body', () => new Y.Text('x')), false);
    assert.equal(typed('quote', () => new Y.Text('l')), false);
    assert.equal(typed('authorName', () => new Y.Text('editor'), true), false);
    assert.equal(typed('authorName', () => new Y.Map(), true), false);
    assert.equal(typed('body', () => new Y.Text('x'), true), false);
    assert.equal(typed('replies', () => new Y.Text('')), false);
  });

  it('records who last added, changed or deleted each thread and reply', () => {
    const room = serverDoc();
    const guard = new CommentGuard(room);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room));
    const send = (who: Who, change: () => void) => {
      const sv = Y.encodeStateVector(client);
      change();
      assert.equal(guard.admit(Y.encodeStateAsUpdate(client, sv), actor(who)).ok, true, who);
    };
    let thread = '';
    let reply = '';
    send('translator', () => (thread = createThread(client, { lang: 'fr', anchor: anchorInText(textOf(client), 0, 3), quote: 'l', author: person('translator'), body: 'x' })));
    send('editor', () => (reply = addReply(client, thread, { author: person('editor'), body: 'y' })));
    assert.deepEqual(Object.fromEntries(guard.changedBy), { [thread]: USERS.translator, [reply]: USERS.editor });
    send('reviewer', () => setResolved(client, thread, true, person('reviewer')));
    assert.equal(guard.changedBy.get(thread), USERS.reviewer);
    assert.equal(guard.changedBy.get(reply), USERS.editor, 'resolving the thread leaves its replies alone');
    send('admin', () => deleteComment(client, thread, null));
    assert.deepEqual(Object.fromEntries(guard.changedBy), { [thread]: USERS.admin, [reply]: USERS.admin });
    send('editor', () => textOf(client).insert(0, 'X'));
    assert.equal(guard.changedBy.get(thread), USERS.admin, 'text changes are not comment changes');
    guard.destroy();
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

  describe('fast path (text without a copy of the document)', () => {
    /** Counts of copies (full checks) and fast judgements while `run` runs. */
    const counting = <T>(run: () => T) => {
      const before = { ...guardCounters };
      const result = run();
      return { result, fast: guardCounters.fast - before.fast, full: guardCounters.full - before.full };
    };
    /** A client following `room`, whose updates are collected as it makes them. */
    const clientOf = (room: Y.Doc) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
      const sent: Uint8Array[] = [];
      doc.on('update', (u: Uint8Array) => sent.push(u));
      return { doc, next: (change: (d: Y.Doc) => void) => (change(doc), sent.pop()!) };
    };

    it('accepts an editor’s text updates without copying the document, and keeps following them', () => {
      const room = serverDoc();
      const guard = new CommentGuard(room);
      const client = clientOf(room);
      // Each keystroke builds on the previous one, which the room does not have yet: accepted
      // only because the guard's document took the previous one in (else: "depends on changes").
      const keys = counting(() => [...'Bonjour'].map((c, i) => guard.admit(client.next((d) => textOf(d).insert(i, c)), actor('editor'))));
      assert.deepEqual(keys.result, Array(7).fill({ ok: true, text: true, comments: false }));
      assert.deepEqual([keys.fast, keys.full], [7, 0]);
      const more = counting(() => [
        guard.admit(client.next((d) => textOf(d).delete(0, 3)), actor('editor')), // deletion only
        guard.admit(client.next((d) => textOf(d).format(0, 2, { bold: true })), actor('editor')),
        guard.admit(client.next((d) => d.getMap('meta').set('title_fr', 'Agente')), actor('editor')),
        guard.admit(client.next((d) => d.getXmlFragment('en').insert(0, [new Y.XmlElement('paragraph')])), actor('translator')),
        guard.admit(client.next((d) => d.getXmlFragment('fr').delete(0, 1)), actor('editor')), // a whole paragraph
      ]);
      assert.ok(more.result.every((d) => d.ok && d.text && !d.comments), JSON.stringify(more.result));
      assert.deepEqual([more.fast, more.full], [5, 0]);
      // A comment on top of the accepted text is judged (fully) against it.
      const thread = counting(() => guard.admit(client.next((d) => d.getXmlFragment('fr').insert(0, [new Y.XmlText('neuf')])), actor('editor')));
      assert.equal(thread.result.ok, true);
      const c = counting(() =>
        guard.admit(
          client.next((d) => createThread(d, { lang: 'fr', anchor: anchorInText(d.getXmlFragment('fr').get(0) as Y.XmlText, 0, 4), quote: 'neuf', author: person('editor'), body: 'Ici' })),
          actor('editor'),
        ),
      );
      assert.deepEqual([c.result, c.fast, c.full], [{ ok: true, text: false, comments: true }, 0, 1]);
      guard.destroy();
    });

    it('refuses text updates from viewers and reviewers without copying, and accepts empty ones', () => {
      const { doc: room } = withThread();
      const guard = new CommentGuard(room);
      // Each from a client that has exactly what the server has (a refused update stays with its client).
      const refused = counting(() => [
        guard.admit(updateFrom(room, (d) => textOf(d).insert(0, 'X')), actor('viewer')),
        guard.admit(updateFrom(room, (d) => textOf(d).delete(0, 1)), actor('reviewer')),
        guard.admit(updateFrom(room, (d) => d.getMap('meta').set('title_en', 'x')), actor('reviewer')),
      ]);
      for (const decision of refused.result) {
        assert.equal(decision.ok, false);
        assert.match((decision as { reason: string }).reason, /read-only/);
      }
      assert.deepEqual([refused.fast, refused.full], [3, 0]);
      // Sync step 2 of a client with nothing new (and a duplicate of what the server has).
      const empty = counting(() => [guard.admit(Y.encodeStateAsUpdate(room, Y.encodeStateVector(room)), actor('viewer')), guard.admit(Y.encodeStateAsUpdate(room), actor('viewer'))]);
      assert.deepEqual(empty.result, Array(2).fill({ ok: true, text: false, comments: false }));
      assert.deepEqual([...touchedRoots(room, new Uint8Array([0, 0]))!], []);
      assert.deepEqual([empty.fast, empty.full], [2, 0]);
      guard.destroy();
    });

    it('judges an update mixing text and comments in full', () => {
      const { doc: room, id } = withThread('translator');
      const guard = new CommentGuard(room);
      // Text an editor may change, with a resolve only reviewers may do, in one transaction.
      const forbidden = counting(() =>
        guard.admit(
          updateFrom(room, (d) => d.transact(() => (textOf(d).insert(0, 'X'), setResolved(d, id, true, person('editor'))))),
          actor('editor'),
        ),
      );
      assert.equal(forbidden.result.ok, false);
      assert.match((forbidden.result as { reason: string }).reason, /only reviewers and admins resolve/);
      assert.deepEqual([forbidden.fast, forbidden.full], [0, 1]);
      const allowed = counting(() => guard.admit(updateFrom(room, (d) => d.transact(() => (textOf(d).insert(0, 'Y'), addReply(d, id, { author: person('editor'), body: 'Oui' })))), actor('editor')));
      assert.deepEqual([allowed.result, allowed.fast, allowed.full], [{ ok: true, text: true, comments: true }, 0, 1]);
      guard.destroy();
    });

    it('judges the deletion of a thread in full', () => {
      const { doc: room, id } = withThread('translator');
      const guard = new CommentGuard(room);
      const deletion = updateFrom(room, (d) => deleteComment(d, id, null));
      assert.equal(Y.decodeUpdate(deletion).structs.length, 0, 'a deletion only');
      const byEditor = counting(() => guard.admit(deletion, actor('editor')));
      assert.equal(byEditor.result.ok, false);
      assert.match((byEditor.result as { reason: string }).reason, /only its author/);
      assert.deepEqual([byEditor.fast, byEditor.full], [0, 1]);
      const byAuthor = counting(() => guard.admit(deletion, actor('translator')));
      assert.deepEqual([byAuthor.result, byAuthor.fast, byAuthor.full], [{ ok: true, text: false, comments: true }, 0, 1]);
      guard.destroy();
    });

    it('leaves to the full check what it cannot place: unknown parents and origins, garbage', () => {
      const room = serverDoc();
      const guard = new CommentGuard(room);
      const client = clientOf(room);
      // A paragraph the server never got, then text typed into it: the parent is unknown.
      client.next((d) => d.getXmlFragment('fr').insert(1, [new Y.XmlText()]));
      const orphan = client.next((d) => (d.getXmlFragment('fr').get(1) as Y.XmlText).insert(0, 'a'));
      assert.ok(Y.decodeUpdate(orphan).structs.some((s) => s instanceof Y.Item && s.parent instanceof Y.ID), 'parent given as an id');
      assert.equal(touchedRoots(room, orphan), null);
      const unknownParent = counting(() => guard.admit(orphan, actor('editor')));
      assert.equal(unknownParent.result.ok, false);
      assert.match((unknownParent.result as { reason: string }).reason, /depends on changes/);
      assert.deepEqual([unknownParent.fast, unknownParent.full], [0, 1]);
      // More text after it: the origin (parent left out) is unknown too.
      const unknownOrigin = client.next((d) => (d.getXmlFragment('fr').get(1) as Y.XmlText).insert(1, 'b'));
      assert.ok(Y.decodeUpdate(unknownOrigin).structs.every((s) => s instanceof Y.Item && s.parent === null && s.origin !== null), 'parent left out');
      assert.equal(touchedRoots(room, unknownOrigin), null);
      const second = counting(() => guard.admit(unknownOrigin, actor('editor')));
      assert.deepEqual([second.result.ok, second.fast, second.full], [false, 0, 1]);
      // Deleting what the server does not have.
      const unknownDeletion = client.next((d) => (d.getXmlFragment('fr').get(1) as Y.XmlText).delete(0, 1));
      assert.equal(Y.decodeUpdate(unknownDeletion).structs.length, 0);
      assert.equal(touchedRoots(room, unknownDeletion), null);
      assert.equal(counting(() => guard.admit(unknownDeletion, actor('editor'))).full, 1);
      // Refused as soon as it cannot be decoded: no copy needed.
      const garbage = counting(() => guard.admit(new Uint8Array([1, 2, 3, 4, 5]), actor('editor')));
      assert.deepEqual([garbage.result, garbage.full], [{ ok: false, reason: 'malformed update' }, 0]);
      // Once the paragraph arrives, the text typed into it passes the fast way.
      const guard2 = new CommentGuard(room);
      const all = Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(room));
      assert.deepEqual(counting(() => guard2.admit(all, actor('editor'))), { result: { ok: true, text: true, comments: false }, fast: 1, full: 0 });
      guard.destroy();
      guard2.destroy();
    });

    it('keeps no copy of the document: what it admitted is held until the room has it, then dropped', () => {
      const room = serverDoc();
      const guard = new CommentGuard(room);
      const client = clientOf(room);
      const typed = ['l', 'la', 'la '].map((s, i) => client.next((d) => textOf(d).insert(i, s.slice(-1))));
      const start = { ...guardCounters };
      // Pipelined: each keystroke builds on the one before, none of them in the room yet.
      for (const u of typed) assert.deepEqual(guard.admit(u, actor('editor'), undefined, { decoded: Y.decodeUpdate(u) }), { ok: true, text: true, comments: false });
      assert.equal(guard.pendingUpdates, 3);
      // Stored, then applied by the room: the next judgement forgets them.
      Y.transact(room, () => typed.forEach((u) => Y.applyUpdate(room, u)));
      // What reaches the room another way (Postgres, another instance) is judged against too.
      const other = clientOf(room);
      Y.applyUpdate(room, other.next((d) => textOf(d).insert(0, 'X')), Symbol('from-store'));
      const next = client.next((d) => (Y.applyUpdate(d, Y.encodeStateAsUpdate(room)), textOf(d).insert(0, 'Y')));
      assert.deepEqual(guard.admit(next, actor('editor')), { ok: true, text: true, comments: false });
      assert.equal(guard.pendingUpdates, 1, 'the three the room holds are dropped');
      assert.equal(guardCounters.full - start.full, 0, 'no copy made');
      // A viewer's keystroke on top of an admitted one is still refused.
      assert.equal(guard.admit(client.next((d) => textOf(d).insert(0, 'Z')), actor('viewer')).ok, false);
      // An update that cannot be stored is forgotten: what builds on it is no longer judged the fast way.
      const writer = clientOf(room);
      const lost = writer.next((d) => textOf(d).insert(0, 'W'));
      assert.equal(guard.admit(lost, actor('editor')).ok, true);
      guard.abandon(lost);
      const afterLost = writer.next((d) => textOf(d).insert(1, 'V'));
      const judged = guardCounters.full;
      assert.equal(guard.admit(afterLost, actor('editor')).ok, false, 'it depends on what the room will never get');
      assert.equal(guardCounters.full - judged, 1);
      guard.destroy();
    });

    it('decides as the full check does, on random edits by several clients', () => {
      const room = serverDoc();
      const id = createThread(room, { lang: 'fr', anchor: anchorInText(textOf(room), 0, 3), quote: 'l’a', author: person('translator'), body: 'x' });
      const guard = new CommentGuard(room);
      let reference = new Y.Doc({ gc: false });
      Y.applyUpdate(reference, Y.encodeStateAsUpdate(room));
      const clients = [clientOf(room), clientOf(room), clientOf(room)];
      let seed = 42;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const start = { ...guardCounters };
      for (let step = 0; step < 300; step++) {
        const client = clients[random(clients.length)]!;
        const text = textOf(client.doc);
        const kind = random(10);
        const update = client.next((d) => {
          if (kind < 4 || text.length < 2) textOf(d).insert(random(text.length + 1), 'abc'.slice(random(3)) || 'z');
          else if (kind < 6) textOf(d).delete(random(text.length - 1), 1 + random(2));
          else if (kind === 6) textOf(d).format(random(text.length - 1), 1, { bold: random(2) === 1 });
          else if (kind === 7) d.getMap('meta').set(`k${random(3)}`, step);
          else if (kind === 8) d.transact(() => (textOf(d).insert(0, 'm'), editComment(d, id, null, `v${step}`)));
          else addReply(d, id, { author: person('translator'), body: `r${step}` });
        });
        const who = random(4) === 0 ? 'reviewer' : 'translator';
        const expected = checkUpdate(reference, update, actor(who));
        assert.deepEqual(guard.admit(update, actor(who)), expected.decision, `step ${step}`);
        if (expected.next) {
          reference.destroy();
          reference = expected.next;
        }
        if (expected.decision.ok) {
          // Every client gets what the server accepted.
          for (const other of clients) if (other !== client) Y.applyUpdate(other.doc, update);
        } else {
          // The refused change stays with its client: it starts again from the server's state.
          client.doc.destroy();
          clients[clients.indexOf(client)] = clientOf(reference);
        }
      }
      assert.ok(guardCounters.fast - start.fast > 100, 'most of it the fast way');
      guard.destroy();
    });

    it('times one keystroke on a ~1 MB document (printed, not asserted)', (t) => {
      const room = new Y.Doc({ gc: true });
      const fr = room.getXmlFragment('fr');
      room.transact(() => {
        for (let i = 0; i < 5000; i++) {
          const p = new Y.XmlElement('paragraph');
          p.insert(0, [new Y.XmlText(`Paragraphe ${i} : `.padEnd(200, 'l’agente ou l’agent '))]);
          fr.insert(fr.length, [p]);
        }
      });
      // Some history too: a few thousand separate edits, as typing leaves them.
      const history = clientOf(room);
      for (let i = 0; i < 2000; i++) Y.applyUpdate(room, history.next((d) => ((d.getXmlFragment('fr').get(i) as Y.XmlElement).get(0) as Y.XmlText).insert(5, 'x')));
      const size = Y.encodeStateAsUpdate(room).byteLength;
      const client = clientOf(room);
      const keystroke = (i: number) => client.next((d) => ((d.getXmlFragment('fr').get(2500) as Y.XmlElement).get(0) as Y.XmlText).insert(i, 'é'));
      // The updates are made first: only the judging is timed.
      const fastRuns = 300;
      const slowRuns = 10;
      const fastUpdates = Array.from({ length: fastRuns }, (_, i) => keystroke(i));
      const afterFast = Y.encodeStateAsUpdate(client.doc);
      const slowUpdates = Array.from({ length: slowRuns }, (_, i) => keystroke(fastRuns + i));
      const guard = new CommentGuard(room);
      let t0 = performance.now();
      for (const update of fastUpdates) assert.equal(guard.admit(update, actor('editor')).ok, true);
      const fast = (performance.now() - t0) / fastRuns;
      // The old path: copy, compare, keep the copy (what admit did for every update).
      let shadow = new Y.Doc({ gc: false });
      Y.applyUpdate(shadow, afterFast);
      t0 = performance.now();
      for (const update of slowUpdates) {
        const { decision, next } = checkUpdate(shadow, update, actor('editor'));
        assert.equal(decision.ok, true);
        shadow.destroy();
        shadow = next!;
      }
      const slow = (performance.now() - t0) / slowRuns;
      shadow.destroy();
      t.diagnostic(`admit of a one-character insert on a ${(size / 1e6).toFixed(2)} MB document: fast path ${(fast * 1000).toFixed(0)} µs, full copy ${slow.toFixed(1)} ms (×${Math.round(slow / fast)})`);
      guard.destroy();
    });
  });
});
