import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as Y from 'yjs';
import { anchoredText, anchorInText, plainText, resolveAnchor } from './comment-anchors.ts';
import { commentSeedUpdate, knownThreadIds, type CommentSeedRow } from './comment-seed.ts';
import { deleteComment, readThreads, REPLY_FIELDS, THREAD_FIELDS } from './comment-model.ts';
import { initialContentUpdate } from './document-init.ts';
import type { SectionSeed } from './sections.ts';

const SECTIONS: Record<'en' | 'fr', SectionSeed[]> = {
  en: [
    { sectionId: 'key-activities', kind: 'key_activities', heading: 'Key Activities', paragraphs: ['Identifies risks to programs.', 'Applies the Policy on Transfer Payments.'] },
    { sectionId: 'skill', kind: 'skill', heading: 'Skill', paragraphs: ['Knowledge of the Policy on Transfer Payments is required.'] },
  ],
  fr: [
    { sectionId: 'key-activities', kind: 'key_activities', heading: 'Activités principales', paragraphs: ['Cerne les risques pour les programmes.'] },
    { sectionId: 'skill', kind: 'skill', heading: 'Compétences', paragraphs: ['Connaissance de la Politique sur les paiements de transfert.'] },
  ],
};

const THREAD = 'e5dc0000-0000-4000-a000-00000000c001';
const REPLY = 'e5dc0000-0000-4000-a000-00000000c003';
const OTHER = 'e5dc0000-0000-4000-a000-00000000c002';
const AUTHOR = 'e5dc0000-0000-4000-a000-000000000103';
const REPLIER = 'e5dc0000-0000-4000-a000-000000000102';

const row = (fields: Partial<CommentSeedRow> & Pick<CommentSeedRow, 'id'>): CommentSeedRow => ({
  parentId: null,
  lang: 'en',
  sectionId: null,
  anchorText: null,
  anchor: null,
  body: 'A comment',
  authorId: AUTHOR,
  authorName: 'Rachel Reviewer',
  createdAt: 1_700_000_000_000,
  resolvedBy: null,
  resolvedByName: null,
  resolvedAt: null,
  ...fields,
});

const SEEDED = [
  row({ id: THREAD, lang: 'fr', sectionId: 'key-activities', anchorText: 'Cerne les risques', body: 'On uniformise?' }),
  row({ id: REPLY, parentId: THREAD, lang: 'fr', sectionId: 'key-activities', body: 'D’accord.', authorId: REPLIER, authorName: 'Eddie Editor', createdAt: 1_700_000_100_000 }),
  row({ id: OTHER, sectionId: 'skill', anchorText: 'Policy on Transfer Payments', body: 'Still current?', createdAt: 1_700_000_050_000 }),
];

function documentWithText(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialContentUpdate(SECTIONS));
  return doc;
}

const applied = (doc: Y.Doc, rows: readonly CommentSeedRow[]) => {
  const seed = commentSeedUpdate(doc, rows);
  if (seed.update) Y.applyUpdate(doc, seed.update);
  return seed;
};

const thread = (doc: Y.Doc, id: string) => readThreads(doc).find((t) => t.id === id)!;

describe('comment rows as Y.Doc threads (comment-seed)', () => {
  it('adds a thread per row, anchored to the first occurrence of anchor_text in its section and language, with its replies', () => {
    const doc = documentWithText();
    const seed = applied(doc, SEEDED);
    assert.deepEqual(seed.threadIds, [THREAD, OTHER]);
    const fr = thread(doc, THREAD);
    assert.equal(fr.lang, 'fr');
    assert.equal(anchoredText(doc, fr.anchor!, 'fr'), 'Cerne les risques');
    assert.equal(fr.quote, 'Cerne les risques');
    assert.deepEqual([fr.authorId, fr.authorName, fr.body, fr.createdAt, fr.resolved], [AUTHOR, 'Rachel Reviewer', 'On uniformise?', 1_700_000_000_000, false]);
    assert.deepEqual(
      fr.replies.map((r) => [r.id, r.authorId, r.authorName, r.body]),
      [[REPLY, REPLIER, 'Eddie Editor', 'D’accord.']],
    );
    // In the skill section, not the first occurrence in the document (Key Activities).
    const en = thread(doc, OTHER);
    assert.match(plainText(resolveAnchor(doc, en.anchor!, 'en')!.startType as Y.XmlText), /^Knowledge of the/);
    assert.equal(anchoredText(doc, en.anchor!, 'en'), 'Policy on Transfer Payments');
  });

  it('writes exactly the fields a client writes, so the guard judges later changes of these threads like any other', () => {
    const doc = documentWithText();
    applied(doc, SEEDED);
    const map = doc.getMap('comments').get(THREAD) as Y.Map<unknown>;
    assert.deepEqual([...map.keys()].sort(), [...THREAD_FIELDS].sort());
    const reply = (map.get('replies') as Y.Array<Y.Map<unknown>>).get(0);
    assert.deepEqual([...reply.keys()].sort(), [...REPLY_FIELDS].sort());
    assert.deepEqual(reply.get('mentions'), []);
    assert.equal(map.get('editedAt'), null);
  });

  it('adds nothing twice, and never brings back a thread deleted from the document (also after a snapshot)', () => {
    const doc = documentWithText();
    applied(doc, SEEDED);
    assert.deepEqual(commentSeedUpdate(doc, SEEDED), { update: null, threadIds: [] });
    deleteComment(doc, THREAD, null);
    // What a compaction writes and a later load reads: a fresh garbage-collecting document.
    const reloaded = new Y.Doc({ gc: true });
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
    assert.equal(knownThreadIds(reloaded).has(THREAD), true);
    assert.deepEqual(commentSeedUpdate(reloaded, SEEDED), { update: null, threadIds: [] });
    assert.deepEqual(readThreads(reloaded).map((t) => t.id), [OTHER]);
  });

  it('two seeders of the same state who both apply their updates end with one thread per row', () => {
    const a = documentWithText();
    const b = documentWithText();
    Y.applyUpdate(a, commentSeedUpdate(a, SEEDED).update!);
    Y.applyUpdate(b, commentSeedUpdate(b, SEEDED).update!);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    assert.deepEqual(readThreads(a).map((t) => t.id), [THREAD, OTHER]);
    assert.equal(thread(a, THREAD).replies.length, 1);
  });

  it('falls back to the section heading, then to the first text of the language, when anchor_text is not found', () => {
    const doc = documentWithText();
    const missing = row({ id: THREAD, sectionId: 'skill', anchorText: 'Words that were edited away' });
    const noSection = row({ id: OTHER, sectionId: 'gone-section', anchorText: 'Nowhere' });
    applied(doc, [missing, noSection]);
    assert.equal(anchoredText(doc, thread(doc, THREAD).anchor!, 'en'), 'Skill');
    assert.equal(thread(doc, THREAD).quote, 'Words that were edited away');
    assert.equal(anchoredText(doc, thread(doc, OTHER).anchor!, 'en'), 'Key Activities');
  });

  it('uses the row’s own encoded anchor when it still resolves in its language', () => {
    const doc = documentWithText();
    const text = (((doc.getXmlFragment('en').get(1) as Y.XmlElement).get(1) as Y.XmlElement).get(0)) as Y.XmlText;
    const anchor = anchorInText(text, 0, 9);
    applied(doc, [row({ id: THREAD, anchor: JSON.stringify(anchor), anchorText: 'Knowledge', sectionId: 'key-activities' })]);
    assert.deepEqual(thread(doc, THREAD).anchor, anchor);
  });

  it('looks in both languages for a row without one, and carries the resolution', () => {
    const doc = documentWithText();
    applied(doc, [row({ id: THREAD, lang: null, anchorText: 'paiements de transfert', resolvedAt: 1_700_000_200_000, resolvedBy: REPLIER, resolvedByName: 'Eddie Editor' })]);
    const t = thread(doc, THREAD);
    assert.equal(t.lang, 'fr');
    assert.equal(anchoredText(doc, t.anchor!, 'fr'), 'paiements de transfert');
    assert.deepEqual([t.resolved, t.resolvedBy, t.resolvedByName, t.resolvedAt], [true, REPLIER, 'Eddie Editor', 1_700_000_200_000]);
  });

  it('leaves out rows the model cannot hold, and adds nothing to a document without text', () => {
    const doc = documentWithText();
    const seed = commentSeedUpdate(doc, [row({ id: 'not-a-uuid' }), row({ id: THREAD, body: '   ' }), row({ id: OTHER, createdAt: Number.NaN })]);
    assert.deepEqual(seed, { update: null, threadIds: [] });
    assert.deepEqual(commentSeedUpdate(new Y.Doc(), SEEDED), { update: null, threadIds: [] });
  });
});
