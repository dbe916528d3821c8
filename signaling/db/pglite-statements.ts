// One statement on PGlite in a transaction of its own, sent as a single wire message to a named
// prepared statement. `pg.query()` costs six calls into PostgreSQL per statement (parse,
// describe, bind, describe, execute, sync), parses and plans the text every time, and inside
// `pg.transaction()` two more statements for BEGIN and COMMIT: for the sync server's append, a
// few rows, that was over a third of its cost (measured: 830 µs per append of 12 rows through
// transaction + query, 520 µs this way). A single extended-protocol statement is a transaction of
// its own in Postgres (the implicit transaction ends at Sync), as atomic as BEGIN … COMMIT.
import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import type { SqlResult } from './sql-access.js';

interface Prepared {
  name: string;
  /** The parameters' type oids, as Postgres inferred them: what picks each value's serializer. */
  paramTypes: number[];
}

/** SQLSTATE invalid_sql_statement_name: the statement was deallocated behind our back. */
const UNKNOWN_STATEMENT = '26000';

let instances = 0;

export class PGliteStatements {
  private readonly prepared = new Map<string, Prepared>();
  private readonly prefix = `jd_statement_${++instances}_`;
  private count = 0;

  constructor(private readonly pg: PGlite) {}

  /**
   * Runs `sql` with `params` as the session's user (the database owner), alone, in a
   * transaction of its own. It takes PGlite's transaction mutex, as `pg.query()` does, so it
   * never runs between the statements of someone else's transaction.
   */
  run(sql: string, params: unknown[] = []): Promise<SqlResult> {
    return this.pg._runExclusiveTransaction(() =>
      this.pg.runExclusive(async () => {
        try {
          return await this.execute(sql, params);
        } catch (error) {
          // A wire client on the same session (`DEALLOCATE ALL`, a session reset) dropped it.
          if ((error as { code?: unknown }).code !== UNKNOWN_STATEMENT) throw error;
          this.prepared.clear();
          return this.execute(sql, params);
        }
      }),
    );
  }

  private async execute(sql: string, params: unknown[]): Promise<SqlResult> {
    const statement = this.prepared.get(sql) ?? (await this.prepare(sql));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = this.pg.serializers[statement.paramTypes[i]!];
      return serialize ? serialize(value) : String(value);
    });
    const { serialize } = protocol;
    // execProtocolStream, not execProtocol: it installs its own output callback (see
    // dev/db/wire-session-queue.ts on the one a wire client leaves behind).
    const messages = await this.pg.execProtocolStream(
      Buffer.concat([serialize.bind({ statement: statement.name, values }), serialize.describe({ type: 'P' }), serialize.execute({}), serialize.sync()]),
    );
    const [result] = parse.parseResults(messages, this.pg.parsers);
    return { rows: (result?.rows ?? []) as Record<string, unknown>[] };
  }

  private async prepare(sql: string): Promise<Prepared> {
    const name = `${this.prefix}${++this.count}`;
    const { serialize } = protocol;
    const messages = await this.pg.execProtocolStream(
      Buffer.concat([serialize.parse({ name, text: sql }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const prepared = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    this.prepared.set(sql, prepared);
    return prepared;
  }
}
