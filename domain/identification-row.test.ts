import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identificationRowUpdate } from './identification-row.ts';

describe('identificationRowUpdate', () => {
  it('writes trimmed valid values, null for emptied fields, and refuses what the rules call an error', () => {
    const update = identificationRowUpdate({
      title_en: '  Policy Analyst ',
      title_fr: '',
      classification: 'ZZ-99',
      noc_code: '41400 – Economists',
      position_number: '!!',
      language_profile: 'CBC/CBC',
      department: 'ESDC',
      status: 'approved',
    });
    assert.deepEqual(update.values, { title_en: 'Policy Analyst', title_fr: null, noc_code: '41400', language_profile: 'CBC/CBC' });
    assert.deepEqual(update.refused, { classification: 'ZZ-99', position_number: '!!' });
  });

  it('stores a NOC 2016 code (a warning) but not a malformed one, nor a profile the column cannot hold', () => {
    assert.deepEqual(identificationRowUpdate({ noc_code: '4164' }).values, { noc_code: '4164' });
    assert.deepEqual(identificationRowUpdate({ noc_code: '4I400', language_profile: 'English essential', classification: 'as-2' }).refused, {
      noc_code: '4I400',
      language_profile: 'English essential',
      classification: 'as-2',
    });
  });

  it('leaves out keys the map does not hold, so an unseeded document never wipes its row', () => {
    assert.deepEqual(identificationRowUpdate({}), { values: {}, refused: {} });
  });
});
