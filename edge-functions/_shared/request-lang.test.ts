import assert from 'node:assert/strict';
import { requestLang } from './request-lang.ts';

const withLanguages = (value: string | null) =>
  new Request('http://localhost/fn', { headers: value === null ? {} : { 'accept-language': value } });

Deno.test('a French Canadian caller gets French', () => {
  assert.equal(requestLang(withLanguages('fr-CA,fr;q=0.9,en;q=0.5')), 'fr');
});

Deno.test('weights decide, not the order written', () => {
  assert.equal(requestLang(withLanguages('en;q=0.4, fr-CA;q=0.8')), 'fr');
  assert.equal(requestLang(withLanguages('fr;q=0.3, en-CA')), 'en');
});

Deno.test('languages the kit does not have are passed over', () => {
  assert.equal(requestLang(withLanguages('de-DE, fr;q=0.2')), 'fr');
});

Deno.test('no usable preference means English', () => {
  for (const value of [null, '', '*', 'de', 'fr;q=0', 'fr;q=abc']) assert.equal(requestLang(withLanguages(value)), 'en', String(value));
});
