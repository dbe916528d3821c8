// `npm run test:db`: the pgTAP suite in supabase/tests/database against a fresh in-memory
// PGlite with the platform files, the migrations and the seed. Exits 1 when anything failed.
import { fileURLToPath } from 'node:url';
import { runPgTap } from '../dev/db/pgtap.js';

const supabaseDir = fileURLToPath(new URL('../supabase/', import.meta.url));

const result = await runPgTap({
  testsDir: `${supabaseDir}tests/database`,
  migrationsDir: `${supabaseDir}migrations`,
  seedFile: `${supabaseDir}seed.sql`,
});
process.exitCode = result.failed > 0 ? 1 : 0;
