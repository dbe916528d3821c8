// Counts in both catalogs read right in both languages: English singular for 1 only, French for
// 0 and 1 (Intl.PluralRules), and one locale per language for Intl and lang attributes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatMessage, localeOf, msg } from './i18n.js';
import { commentMsg } from './comment-i18n.js';

describe('plural messages', () => {
  it('names open comment threads in the singular and the plural, in English', () => {
    assert.equal(commentMsg('en', 'comments.countLabel', { count: 0 }), '0 open comment threads');
    assert.equal(commentMsg('en', 'comments.countLabel', { count: 1 }), '1 open comment thread');
    assert.equal(commentMsg('en', 'comments.countLabel', { count: 2 }), '2 open comment threads');
  });

  it('names open comment threads in the singular for 0 and 1, in French', () => {
    assert.equal(commentMsg('fr', 'comments.countLabel', { count: 0 }), '0 fil de commentaires ouvert');
    assert.equal(commentMsg('fr', 'comments.countLabel', { count: 1 }), '1 fil de commentaires ouvert');
    assert.equal(commentMsg('fr', 'comments.countLabel', { count: 2 }), '2 fils de commentaires ouverts');
    assert.equal(commentMsg('fr', 'comments.count', { count: 1 }), '1 ouvert');
    assert.equal(commentMsg('fr', 'comments.count', { count: 3 }), '3 ouverts');
  });

  it('counts the people in a document in both languages (issue 12: who is here)', () => {
    assert.equal(msg('en', 'presence.summary', { count: 1 }), '1 person here');
    assert.equal(msg('en', 'presence.summary', { count: 3 }), '3 people here');
    assert.equal(msg('fr', 'presence.summary', { count: 1 }), '1 personne présente');
    assert.equal(msg('fr', 'presence.summary', { count: 2 }), '2 personnes présentes');
    assert.equal(msg('fr', 'presence.listLabel', { summary: '2 personnes présentes', names: 'A, B' }), '2 personnes présentes : A, B');
  });

  it('uses the other form without a count, and leaves plain templates as they are', () => {
    assert.equal(formatMessage('en', { one: '{count} file', other: '{count} files' }), '{count} files');
    assert.equal(formatMessage('fr', 'Version {name}', { name: 'A', count: 1 }), 'Version A');
  });

  it('maps each language to its Canadian locale', () => {
    assert.equal(localeOf('en'), 'en-CA');
    assert.equal(localeOf('fr'), 'fr-CA');
  });
});
