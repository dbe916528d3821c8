// One PGlite shared by several server processes over the Postgres wire protocol, as a real
// deployment shares one Postgres between sync-server instances.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { freePort } from './child-process.js';
import { prepareDatabase } from './test-database.js';

export async function startSharedDatabase() {
  const pg = new PGlite();
  await prepareDatabase(pg);
  const port = await freePort();
  const server = new PGLiteSocketServer({ db: pg, port, host: '127.0.0.1', maxConnections: 50 });
  await server.start();
  return {
    pg,
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await pg.close();
    },
  };
}
