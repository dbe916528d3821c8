// Issue 17 item 6 in <jd-editor>: the export panel, on the real stack (gateway, function host).
// A viewer chooses Word and French, presses Download: the browser is handed the DOCX the export
// function made, under the name it gave; in French the panel speaks French and downloads the
// PDF side by side. The panel is reachable by keyboard and passes the accessibility audit.
import { expect, waitUntil } from '@open-wc/testing';
import './define.js';
import type { JdEditor } from './editor.js';
import { ESDC_DOC } from '../core/test-helpers.js';
import { personOn } from './test-support.js';

const panel = (el: JdEditor) => el.shadowRoot!.querySelector<HTMLElement>('[part=export]')!;
const notice = (el: JdEditor) => el.shadowRoot!.querySelector('[data-export-notice]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function choose(el: JdEditor, which: 'format' | 'languages', value: string): void {
  const select = panel(el).querySelector<HTMLSelectElement>(`select[data-export=${which}]`)!;
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

/** Presses Download and catches what the browser is asked to save: the file and its name. */
async function downloadThroughPanel(el: JdEditor, done: string): Promise<{ file: Blob; name: string }> {
  const realCreate = URL.createObjectURL;
  const realClick = HTMLAnchorElement.prototype.click;
  let file: Blob | null = null;
  let name = '';
  URL.createObjectURL = (object: Blob | MediaSource) => {
    if (object instanceof Blob) file = object;
    return realCreate.call(URL, object);
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    name = this.download;
  };
  try {
    panel(el).querySelector<HTMLButtonElement>('button[data-export=download]')!.click();
    await waitUntil(() => notice(el).includes(done), `the panel says "${done}": ${notice(el)}`, { timeout: 20_000 });
  } finally {
    URL.createObjectURL = realCreate;
    HTMLAnchorElement.prototype.click = realClick;
  }
  return { file: file!, name };
}

const firstBytes = async (file: Blob, count: number) => new TextDecoder('latin1').decode(new Uint8Array(await file.slice(0, count).arrayBuffer()));

describe('<jd-editor> export panel (issue 17, item 6)', () => {
  afterEach(() => document.querySelectorAll('jd-session').forEach((s) => s.remove()));

  it('a viewer downloads the French job description as Word', async function () {
    this.timeout(40_000);
    const { editor: el } = await personOn('viewer@esdc.example', ESDC_DOC);
    choose(el, 'format', 'docx');
    choose(el, 'languages', 'fr');
    const { file, name } = await downloadThroughPanel(el, 'Downloaded PM-04-Agent-de-programme-subventions-et-contributions-fr.docx.');
    expect(name).to.equal('PM-04-Agent-de-programme-subventions-et-contributions-fr.docx');
    expect(file.type).to.equal('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await firstBytes(file, 2), 'a ZIP package').to.equal('PK');
    expect(panel(el).querySelector('[role=status]')!.textContent).to.include('Downloaded');
    await expect(el).to.be.accessible();
  });

  it('in French: the panel speaks French and downloads both languages side by side as PDF', async function () {
    this.timeout(40_000);
    const { editor: el } = await personOn('reviewer@esdc.example', ESDC_DOC, { lang: 'fr' });
    expect(panel(el).querySelector('h2')!.textContent).to.equal('Exporter');
    expect(panel(el).querySelector('button[data-export=download]')!.textContent!.trim()).to.equal('Télécharger');
    const { file, name } = await downloadThroughPanel(el, 'téléchargé.');
    expect(name).to.equal('PM-04-Program-Officer-Grants-and-Contributions-both.pdf');
    expect(file.type).to.equal('application/pdf');
    expect(await firstBytes(file, 5)).to.equal('%PDF-');
    await expect(el).to.be.accessible();
  });
});
