// Issue 15, criterion 5 (Chromium ↔ Node): the compliance rules imported in the browser, on the
// well-written sample pair and on every labelled pair (the fixture files fetched as the page
// would), give exactly the findings the CLI prints for the same files in Node (the
// `jd-compliance-cli` server command runs scripts/check.ts). The Deno side is
// edge-functions/compliance/handler.test.ts and dev/tests/compliance-function.test.ts.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { checkTexts } from '../../domain/compliance/check.ts';

const FIXTURES = '/domain/compliance/fixtures/';

async function text(path: string): Promise<string> {
  const response = await fetch(`${FIXTURES}${path}`);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.text();
}

describe('compliance check in Chromium', () => {
  it('finds on every sample pair exactly what the CLI prints in Node', async () => {
    const { documents } = JSON.parse(await text('expected.json')) as { documents: Record<string, unknown> };
    const names = Object.keys(documents);
    expect(names).to.include('00-program-officer-clean');
    expect(names.length).to.be.at.least(11);
    for (const name of names) {
      const [en, fr] = await Promise.all([text(`${name}.en.txt`), text(`${name}.fr.txt`)]);
      const inBrowser = JSON.parse(JSON.stringify(checkTexts(en, fr))) as unknown;
      const cli = await executeServerCommand<{ stdout: string; stderr: string; exitCode: number }, { name: string }>('jd-compliance-cli', { name });
      expect(cli.exitCode, cli.stderr).to.equal(0);
      expect(inBrowser, name).to.deep.equal(JSON.parse(cli.stdout));
      if (name === '00-program-officer-clean') expect((inBrowser as { severity: string }[]).filter((f) => f.severity !== 'info'), name).to.deep.equal([]);
    }
  });
});
