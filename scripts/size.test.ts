// A budget for what a page downloads per element (`npm run size`): each element's entry, with the
// shared libraries left to the host page, stays under ENTRY_BUDGET gzipped. It caught zod's
// classic API (`import { z } from 'zod'`, which does not tree-shake) doubling <jd-editor>,
// <jd-compliance> and <jd-concordance> (170, 122 and 139 kB; 85, 37 and 53 kB with `zod/mini`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ELEMENTS, defineModule, sharedExternals } from './package-layout.js';
import { bundle } from './size-measure.js';

const ENTRY_BUDGET = 110 * 1024;

test(`every element's entry is under ${ENTRY_BUDGET / 1024} kB gzipped, shared libraries apart`, async () => {
  for (const element of ELEMENTS) {
    const { gzip } = await bundle({ entry: defineModule(element), external: sharedExternals() });
    assert.ok(gzip <= ENTRY_BUDGET, `jd-kit/${element.name} is ${(gzip / 1024).toFixed(1)} kB gzipped, over the ${ENTRY_BUDGET / 1024} kB budget`);
  }
});
