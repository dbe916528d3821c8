import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentLink, notificationEmail, type NotificationForEmail } from './notification-email.ts';

const LINK = 'https://hr.example/#/{lang}/documents/{id}';
const mention: NotificationForEmail = {
  id: 'n1',
  kind: 'mention',
  document_id: 'd0c00000-0000-4000-a000-000000000001',
  recipient_email: 'reviewer@esdc.example',
  recipient_name: 'Rita Reviewer',
  preferred_language: 'fr',
  document_title_en: 'Policy Analyst',
  document_title_fr: 'Analyste des politiques',
  actor_name: 'Eddie Editor',
  comment_excerpt: 'Please check this\nsection.',
  decision: null,
};

describe('notificationEmail', () => {
  it('writes the preferred language first, then the other, each with its link to the document', () => {
    const email = notificationEmail(mention, LINK);
    assert.equal(email.to, 'reviewer@esdc.example');
    assert.equal(email.subject, 'Eddie Editor vous mentionne dans « Analyste des politiques » / Eddie Editor mentioned you in “Policy Analyst”');
    const fr = email.text.indexOf('Bonjour Rita Reviewer,');
    const en = email.text.indexOf('Hello Rita Reviewer,');
    assert.ok(fr >= 0 && en > fr, 'French first, then English');
    assert.ok(email.text.includes(`https://hr.example/#/fr/documents/${mention.document_id}`));
    assert.ok(email.text.includes(`https://hr.example/#/en/documents/${mention.document_id}`));
    assert.ok(email.text.indexOf('/#/fr/') < email.text.indexOf('/#/en/'));
    assert.ok(email.text.includes('> Please check this\n> section.'), 'the comment is quoted line by line');
  });

  it('English first for an English (or unknown) preference; decisions name the outcome', () => {
    const email = notificationEmail({ ...mention, kind: 'decision', decision: 'changes_requested', preferred_language: 'en', comment_excerpt: null }, LINK);
    assert.equal(email.subject, 'Eddie Editor requested changes to “Policy Analyst” / Eddie Editor demande des modifications à « Analyste des politiques »');
    assert.ok(email.text.indexOf('Hello') < email.text.indexOf('Bonjour'));
    assert.ok(!email.text.includes('Comment:'));
  });

  it('keeps names and titles on one line, and falls back when they are missing', () => {
    const email = notificationEmail({
      ...mention, kind: 'submission', actor_name: 'Eve\nSubject: forged', document_title_en: null, document_title_fr: null, recipient_name: null,
    }, LINK);
    assert.equal(email.subject, 'Eve Subject: forged a soumis une description de travail sans titre pour examen / Eve Subject: forged submitted an untitled job description for review');
    assert.ok(email.text.startsWith('Bonjour,\n'));
    assert.ok(!/^Subject:/m.test(email.text));
  });

  it('refuses an unknown kind by name', () => {
    assert.throws(() => notificationEmail({ ...mention, kind: 'party' }, LINK), /unknown notification kind "party"/);
  });
});

describe('documentLink', () => {
  it('fills {lang} and {id} and accepts only http(s)', () => {
    assert.equal(documentLink(LINK, 'en', 'abc'), 'https://hr.example/#/en/documents/abc');
    assert.throws(() => documentLink('javascript:alert({id})', 'en', 'abc'), /must give an http\(s\) URL/);
    assert.throws(() => documentLink('not a url {id}', 'en', 'abc'), /does not give a URL/);
  });
});
