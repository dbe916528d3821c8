// <jd-concordance>'s "Memory and glossary files" (issue 13 item 6) against the real stack: the
// buttons call the real tm-import / tm-export / glossary-export Edge Functions as the signed-in
// demo user. An admin imports a TMX and then finds its segment by concordance search; a
// translator sees no import; a malformed TMX shows its line and imports nothing; an export
// downloads a TMX holding a seeded segment; axe in English and French.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdConcordance } from './concordance.js';
import type { ExchangeKind, ExchangeState } from './exchange-controller.js';
import type { Lang } from '../../domain/sections.js';
import { signedInSession, uniqueCache } from '../core/test-helpers.js';

// A seeded segment of ESDC's memory (seed.sql's template families).
const SEEDED = 'Provides advice and guidance to managers on procurement.';

const root = (el: JdConcordance) => el.shadowRoot!;
const part = (el: JdConcordance, name: string) => root(el).querySelector<HTMLElement>(`[part~=${name}]`);
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A word no seeded segment has, so the imported sentence matches nothing else in the shared stack. */
const uniqueWord = () => `zq${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

function tmx(units: { en: string; fr: string }[], bodyExtra = ''): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    '<header creationtool="jd-kit test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="en" datatype="plaintext"/>',
    '<body>',
    ...units.map((u) => `<tu><tuv xml:lang="en"><seg>${escape(u.en)}</seg></tuv><tuv xml:lang="fr"><seg>${escape(u.fr)}</seg></tuv></tu>`),
    bodyExtra,
    '</body>',
    '</tmx>',
  ].join('\n');
}

async function panelFor(email: string, lang: Lang = 'en') {
  const session = await signedInSession(email, { cacheName: uniqueCache('exchange'), lang });
  const el = document.createElement('jd-concordance');
  session.append(el);
  await waitUntil(() => part(el, 'exchange'), 'the files disclosure shown (memberships loaded)', { timeout: 8000 });
  const details = part(el, 'exchange') as HTMLDetailsElement;
  details.querySelector('summary')!.click();
  await waitUntil(() => details.open, 'the disclosure opened');
  return { session, el };
}

/** Chooses a file in the import picker of `kind`, as a person would (the input's change event). */
function choose(el: JdConcordance, kind: ExchangeKind, file: File): void {
  const input = root(el).querySelector<HTMLInputElement>(`input[type=file][data-kind=${kind}]`);
  expect(input, `the ${kind} file input`).to.not.equal(null);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input!.files = transfer.files;
  input!.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Every state the exchange is given from now on, in order (its `state` field observed). */
function recordStates(el: JdConcordance): ExchangeState[] {
  const states: ExchangeState[] = [];
  const exchange = el.exchange;
  let current = exchange.state;
  Object.defineProperty(exchange, 'state', {
    configurable: true,
    get: () => current,
    set: (next: ExchangeState) => {
      current = next;
      states.push(next);
    },
  });
  return states;
}
const phasesOf = (states: ExchangeState[]) => states.map((s) => s.phase).filter((p, i, all) => all[i - 1] !== p);

async function concordanceSources(el: JdConcordance, phrase: string): Promise<string[]> {
  await el.search(phrase, { mode: 'phrase', sourceLang: 'en' });
  const state = el.searchState;
  if (state.phase !== 'done') throw new Error(JSON.stringify(state));
  return state.segments.map((s) => s.source);
}

describe('<jd-concordance> memory and glossary files', () => {
  it('lets an admin import a TMX with progress, then finds its segment by concordance search', async () => {
    const { session, el } = await panelFor('admin@esdc.example');
    try {
      const word = uniqueWord();
      const en = `Calibrates the ${word} seismograph arrays every quarter.`;
      const fr = `Étalonne les réseaux de sismographes ${word} chaque trimestre.`;
      expect(await concordanceSources(el, word)).to.deep.equal([]);

      // Other units with a word of their own: concordance on `word` finds the one sentence.
      const other = uniqueWord();
      const filler = Array.from({ length: 200 }, (_, i) => ({ en: `Filler sentence ${other} number ${i}.`, fr: `Phrase de remplissage ${other} numéro ${i}.` }));
      const file = new File([tmx([{ en, fr }, ...filler])], 'memory.tmx', { type: 'application/x-tmx+xml' });
      const states = recordStates(el);
      choose(el, 'tmx', file);
      await waitUntil(() => el.exchange.state.phase === 'imported' || el.exchange.state.phase === 'refused' || el.exchange.state.phase === 'failed', 'the import answered', { timeout: 30000 });
      await el.updateComplete;
      expect(el.exchange.state.phase, JSON.stringify(el.exchange.state)).to.equal('imported');
      expect(phasesOf(states)).to.deep.equal(['uploading', 'processing', 'imported']);
      // The upload's progress events reached the state, up to every byte of the file.
      const sent = states.flatMap((s) => (s.phase === 'uploading' ? [s.loaded] : []));
      expect(sent[0]).to.equal(0);
      expect(sent.at(-1)).to.equal(file.size);
      expect(text(part(el, 'exchange-status'))).to.equal('memory.tmx: 201 imported, 0 updated, 0 skipped.');
      expect(part(el, 'exchange-status')!.closest('[role]')!.getAttribute('role')).to.equal('status');

      const found = await concordanceSources(el, word);
      expect(found).to.include(en);
    } finally {
      session.remove();
    }
  });

  it('shows a non-admin the exports and no import, and says why', async () => {
    const { session, el } = await panelFor('translator@esdc.example');
    try {
      expect(root(el).querySelectorAll('[part~=exchange-import]')).to.have.length(0);
      expect(root(el).querySelectorAll('input[type=file]')).to.have.length(0);
      expect(root(el).querySelectorAll('[part~=exchange-export]')).to.have.length(2);
      expect(text(part(el, 'exchange-note'))).to.equal('Only your department’s administrators can import files.');
      expect(el.exchange.canImport).to.equal(false);
    } finally {
      session.remove();
    }
  });

  it('shows the line of a malformed TMX and imports nothing of it', async () => {
    const { session, el } = await panelFor('admin@esdc.example');
    try {
      const word = uniqueWord();
      // A valid unit on line 5, then an element left open: the parser fails further down.
      const file = tmx([{ en: `Maintains the ${word} register.`, fr: `Tient le registre ${word}.` }], '<tu><tuv xml:lang="en"><seg>Broken</tuv></tu>');
      choose(el, 'tmx', new File([file], 'broken.tmx', { type: 'application/x-tmx+xml' }));
      await waitUntil(() => el.exchange.state.phase === 'refused' || el.exchange.state.phase === 'imported' || el.exchange.state.phase === 'failed', 'the import answered', { timeout: 15000 });
      await el.updateComplete;
      expect(el.exchange.state.phase, JSON.stringify(el.exchange.state)).to.equal('refused');
      const status = part(el, 'exchange-status')!;
      expect(status.closest('[role]')!.getAttribute('role')).to.equal('alert');
      expect(text(status)).to.contain('broken.tmx was refused: nothing was changed.');
      const issues = Array.from(root(el).querySelectorAll('[part~=exchange-errors] li')).map(text);
      expect(issues.length).to.be.greaterThan(0);
      expect(issues[0]).to.match(/^Line 6: /);
      expect(await concordanceSources(el, word)).to.deep.equal([]);
    } finally {
      session.remove();
    }
  });

  it('downloads the department’s memory as a TMX holding a seeded segment, busy while it is prepared', async () => {
    const { session, el } = await panelFor('translator@esdc.example');
    const clicked: HTMLAnchorElement[] = [];
    const realClick = HTMLAnchorElement.prototype.click;
    // The test page must not really download: the anchor's click is recorded instead.
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      const states = recordStates(el);
      const button = root(el).querySelector<HTMLButtonElement>('[part~=exchange-export][data-kind=tmx]')!;
      button.click();
      await el.updateComplete;
      expect(button.disabled).to.equal(true);
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(text(button)).to.equal('Exporting…');
      await waitUntil(() => el.exchange.state.phase === 'exported' || el.exchange.state.phase === 'failed', 'the export answered', { timeout: 30000 });
      await el.updateComplete;
      expect(el.exchange.state.phase, JSON.stringify(el.exchange.state)).to.equal('exported');
      expect(phasesOf(states)).to.deep.equal(['exporting', 'exported']);
      expect(clicked).to.have.length(1);
      const link = clicked[0]!;
      expect(link.download).to.match(/^tm-e5dc0000-0000-4000-a000-000000000001\.tmx$/);
      expect(link.href).to.match(/^blob:/);
      const file = await (await fetch(link.href)).text();
      expect(file).to.contain('<tmx version="1.4">');
      expect(file).to.contain(`<seg>${SEEDED}</seg>`);
      expect(text(part(el, 'exchange-status'))).to.equal(`${link.download} downloaded.`);
      expect(button.disabled).to.equal(false);
    } finally {
      HTMLAnchorElement.prototype.click = realClick;
      session.remove();
    }
  });

  it('downloads the department’s glossary as TBX', async () => {
    const { session, el } = await panelFor('viewer@esdc.example');
    const clicked: HTMLAnchorElement[] = [];
    const realClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push(this);
    };
    try {
      await el.exchange.exportFile('tbx');
      expect(el.exchange.state.phase, JSON.stringify(el.exchange.state)).to.equal('exported');
      expect(clicked[0]!.download).to.match(/^glossary-.*\.tbx$/);
      expect(await (await fetch(clicked[0]!.href)).text()).to.contain('<termEntry');
    } finally {
      HTMLAnchorElement.prototype.click = realClick;
      session.remove();
    }
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`is accessible with the files open, after a refused import (${lang.toUpperCase()})`, async () => {
      const { session, el } = await panelFor('admin@esdc.example', lang);
      try {
        await expect(el).to.be.accessible();
        if (lang === 'fr') expect(text(root(el).querySelector('[part~=exchange] summary'))).to.equal('Fichiers de mémoire et de lexique');
        choose(el, 'tmx', new File(['<tmx version="2.0"></tmx>'], 'v2.tmx', { type: 'application/x-tmx+xml' }));
        await waitUntil(() => el.exchange.state.phase === 'refused', 'the file refused', { timeout: 15000 });
        await el.updateComplete;
        if (lang === 'fr') expect(text(part(el, 'exchange-status'))).to.contain('v2.tmx a été refusé : rien n’a été modifié.');
        if (lang === 'fr') expect(text(root(el).querySelector('[part~=exchange-errors] li'))).to.match(/^Ligne 1 : /);
        await expect(el).to.be.accessible();
      } finally {
        session.remove();
      }
    });
  }
});
