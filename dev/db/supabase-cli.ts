// Runs the real Supabase CLI (npm package `supabase`, 3.x) installed with the project: the
// migration-history test drives `db push` with it, the types generator `gen types`.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// The package's bin is a Node shim that starts the platform binary from @supabase/cli-<os>-<arch>.
const cliEntry = join(dirname(createRequire(import.meta.url).resolve('supabase/package.json')), 'dist', 'supabase.js');

export interface SupabaseCliOutput {
  stdout: string;
  stderr: string;
}

/** Runs `supabase <args>`; a non-zero exit rejects with the command and both outputs. */
export function runSupabaseCli(args: readonly string[], timeoutMs = 60_000): Promise<SupabaseCliOutput> {
  // DO_NOT_TRACK: the CLI would otherwise send usage telemetry.
  const options = { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, DO_NOT_TRACK: '1' } };
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [cliEntry, ...args], options, (error, stdout, stderr) => {
      if (error) reject(new Error(`supabase ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    }),
  );
}
