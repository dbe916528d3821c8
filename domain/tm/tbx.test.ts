// The TBX-Basic reader (issue 13, item 6): English–French pairs per concept entry, statuses
// from administrativeStatus, skipped entries counted by reason, errors with their line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTbx, tbxEnd, tbxEntry, tbxStart } from './tbx.ts';

function martif(entries: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en">\n<martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader>\n<text><body>\n${entries}</body></text>\n</martif>\n`;
}

const ENTRY = `<termEntry id="c1">
<descrip type="subjectField">human resources</descrip>
<descrip type="definition">A person employed by the department.</descrip>
<langSet xml:lang="en"><tig><term>employee</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
<tig><term>staffer</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
<langSet xml:lang="fr-CA"><tig><term>employé</term></tig>
<tig><term>staff</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry>
`;

describe('readTbx', () => {
  it('pairs each English term with each French term; a deprecated French term is forbidden', () => {
    const result = readTbx(martif(ENTRY));
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.entries.map((e) => [e.termEn, e.termFr, e.status, e.domain, e.notes]),
      [
        ['employee', 'employé', 'approved', 'human resources', 'A person employed by the department.'],
        ['employee', 'staff', 'forbidden', 'human resources', 'A person employed by the department.'],
      ],
    );
    assert.deepEqual(result.skipped, { 'deprecated English term': 1 });
  });

  it('reads TBX 2019 (conceptEntry, langSec, termSec) the same way', () => {
    const tbx = `<tbx type="TBX-Basic" xml:lang="en"><text><body><conceptEntry id="1">
<langSec xml:lang="en"><termSec><term>position</term></termSec></langSec>
<langSec xml:lang="fr"><termSec><term>poste</term></termSec></langSec></conceptEntry></body></text></tbx>`;
    assert.deepEqual(readTbx(tbx).entries.map((e) => [e.termEn, e.termFr, e.status]), [['position', 'poste', 'approved']]);
  });

  it('skips entries without English and French', () => {
    const entry = '<termEntry><langSet xml:lang="en"><tig><term>alpha</term></tig></langSet><langSet xml:lang="hu"><tig><term>a</term></tig></langSet></termEntry>\n';
    assert.deepEqual(readTbx(martif(entry)), { entries: [], skipped: { 'no French term': 1 }, errors: [] });
  });

  it('refuses malformed XML, another root and unknown languages, naming the line', () => {
    assert.equal(readTbx(martif('<termEntry>\n')).errors[0]?.line, 6);
    assert.match(readTbx('<tmx version="1.4"/>').errors[0]!.message, /not a TBX document/);
    const unknown = readTbx(martif('<termEntry>\n<langSet xml:lang="qq"><tig><term>x</term></tig></langSet></termEntry>\n'));
    assert.deepEqual(unknown.errors, [{ line: 6, message: 'unknown language code "qq"' }]);
    assert.deepEqual(unknown.entries, []);
  });
});

describe('the TBX writer', () => {
  it('writes entries that read back to the same pairs', () => {
    const entries = [
      { termEn: 'employee', termFr: 'employé', status: 'approved' as const, domain: 'HR & pay', notes: 'Use <this>.' },
      { termEn: 'employee', termFr: 'staff', status: 'forbidden' as const, domain: null, notes: null },
    ];
    const written = tbxStart() + entries.map(tbxEntry).join('') + tbxEnd();
    const result = readTbx(written);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.entries.map(({ line: _line, ...rest }) => rest), entries);
  });
});
