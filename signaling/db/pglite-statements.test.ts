// One statement as a single wire message to a named prepared statement: the same values and
// rows as pg.query(), errors with their SQLSTATE and nothing stored, a statement deallocated
// behind its back prepared again, and never inside someone else's open transaction.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { PGliteStatements } from './pglite-statements.js';

describe('PGliteStatements', () => {
  let pg: PGlite;
  let statements: PGliteStatements;
  before(async () => {
    pg = new PGlite();
    await pg.exec(`create table items (id uuid primary key, n bigint not null, label text, tags text[], data bytea)`);
    statements = new PGliteStatements(pg);
  });
  after(() => pg.close());

  const insert = `insert into items (id, n, label, tags, data)
                  select id, n, label, string_to_array(tags, ','), decode(hex, 'hex')
                    from unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[]) as r (id, n, label, tags, hex)
                  returning id::text, n, label, tags, data`;
  const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'];

  it('binds array, number, text and null parameters and returns parsed rows', async () => {
    const { rows } = await statements.run(insert, [ids, [1, 2], ['it\'s "quoted", {braced}', null], ['a,b', null], ['00ff', '']]);
    assert.deepEqual(rows, [
      { id: ids[0], n: 1, label: 'it\'s "quoted", {braced}', tags: ['a', 'b'], data: new Uint8Array([0, 255]) },
      { id: ids[1], n: 2, label: null, tags: null, data: new Uint8Array([]) },
    ]);
    // Prepared once, run again with other values: the same statement, new rows.
    const again = await statements.run('select count(*)::int as count, sum(n)::int as total from items where n >= $1', [2]);
    assert.deepEqual(again.rows, [{ count: 1, total: 2 }]);
    assert.deepEqual((await statements.run('select count(*)::int as count, sum(n)::int as total from items where n >= $1', [1])).rows, [{ count: 2, total: 3 }]);
  });

  it('rejects with the SQLSTATE and stores none of the statement’s rows', async () => {
    const third = '00000000-0000-4000-8000-000000000003';
    await assert.rejects(statements.run(insert, [[third, ids[0]], [3, 4], ['x', 'y'], [null, null], ['', '']]), { code: '23505' });
    assert.deepEqual((await pg.query('select count(*)::int as count from items where id = $1', [third])).rows, [{ count: 0 }]);
    // The session is usable again at once.
    assert.deepEqual((await statements.run('select $1::int + 1 as next', [41])).rows, [{ next: 42 }]);
  });

  it('prepares again when a statement was deallocated on the session', async () => {
    await statements.run('select $1::text as echo', ['before']);
    await pg.exec('deallocate all');
    assert.deepEqual((await statements.run('select $1::text as echo', ['after'])).rows, [{ echo: 'after' }]);
  });

  it('waits for an open transaction instead of running inside it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const transaction = pg.transaction(async (tx) => {
      await tx.query(`insert into items (id, n) values ('00000000-0000-4000-8000-000000000009', 9)`);
      await held;
      await tx.rollback();
    });
    await new Promise((r) => setTimeout(r, 20));
    const counted = statements.run('select count(*)::int as count from items where n = 9');
    let settled = false;
    void counted.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(settled, false, 'the statement ran while the transaction was open');
    release();
    await transaction;
    // Had it run inside the transaction it would have counted the row the rollback removed.
    assert.deepEqual((await counted).rows, [{ count: 0 }]);
  });
});
