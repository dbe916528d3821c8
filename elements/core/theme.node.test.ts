// The theme's defaults come from the GC Design System package, and every `--jd-*` property the
// elements read is documented where the custom-elements manifest finds it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import * as gcds from '@gcds-core/tokens/build/web/js/tokens.js';
import { THEME_TOKENS, themeDeclarations } from './tokens.js';

describe('theme tokens', () => {
  it('default every property to a value of @gcds-core/tokens', () => {
    const values = new Set<string>(Object.values(gcds).filter((v): v is string => typeof v === 'string'));
    for (const [alias, { property, value }] of Object.entries(THEME_TOKENS)) {
      assert.ok(values.has(value), `${property} (${alias}) defaults to ${value}, which is no GCDS token`);
    }
    assert.equal(THEME_TOKENS['--_text'].value, gcds.GcdsTextPrimary);
    assert.equal(THEME_TOKENS['--_primary'].value, gcds.GcdsButtonPrimaryDefaultBackground);
    assert.equal(THEME_TOKENS['--_focus'].value, gcds.GcdsFocusBorder);
    assert.equal(THEME_TOKENS['--_font'].value, gcds.GcdsFontFamiliesBody);
    assert.equal(THEME_TOKENS['--_font-heading'].value, gcds.GcdsFontFamiliesHeading);
  });

  it('write one declaration per property, each falling back to its default', () => {
    assert.match(themeDeclarations(), new RegExp(`--_primary: var\\(--jd-color-primary, ${gcds.GcdsButtonPrimaryDefaultBackground}\\);`));
    assert.equal(themeDeclarations({ '--_x': { property: '--jd-x', value: '1px' } }), '--_x: var(--jd-x, 1px);');
  });

  it('are all documented (@cssproperty) on the base class every element extends, and nothing else is', async () => {
    const source = await readFile(new URL('./themed-element.ts', import.meta.url), 'utf8');
    const documented = [...source.matchAll(/@cssproperty (--jd-[a-z-]+)/g)].map((m) => m[1]);
    assert.deepEqual(documented.sort(), Object.values(THEME_TOKENS).map((t) => t.property).sort());
  });
});
