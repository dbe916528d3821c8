// Which edge functions exist and how each is configured, read the way the Supabase CLI reads
// them: every folder of the functions directory with an index.ts is a function, and
// `[functions.<name>]` in supabase/config.toml can point elsewhere, switch verify_jwt off or
// disable it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { z } from 'zod';

/**
 * The Supabase CLI's rule for function names. It keeps a name from escaping the functions
 * folder, and leaves out `_shared` and other `_` folders, which hold code functions import.
 */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

const FunctionSettings = z.object({
  enabled: z.boolean().default(true),
  /** Relative to the config file's folder, as in the Supabase CLI. */
  entrypoint: z.string().min(1).optional(),
  verify_jwt: z.boolean().default(true),
});

const FunctionsConfig = z.object({
  functions: z.record(z.string(), FunctionSettings).default({}),
});

export interface FunctionDefinition {
  name: string;
  /** Absolute path of the module that calls `Deno.serve`. */
  entrypoint: string;
  verifyJwt: boolean;
}

export interface FunctionCatalog {
  /** The function called `name`, or null when there is none (or it is disabled). */
  find(name: string): FunctionDefinition | null;
}

function readFunctionsConfig(configFile: string): z.infer<typeof FunctionsConfig> {
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch (error) {
    // A project without a config file simply has no per-function settings.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { functions: {} };
    throw error;
  }
  const result = FunctionsConfig.safeParse(parse(text));
  if (!result.success) throw new Error(`${configFile}: ${z.prettifyError(result.error)}`);
  return result.data;
}

/**
 * Reads the config once; folders are looked up on every call so a function added while the
 * stack runs is served without a restart.
 */
export function loadFunctionCatalog(options: { functionsDir: string; configFile: string }): FunctionCatalog {
  const configured = readFunctionsConfig(options.configFile).functions;
  const configDir = dirname(resolve(options.configFile));
  const functionsDir = resolve(options.functionsDir);

  return {
    find(name) {
      if (!FUNCTION_NAME.test(name)) return null;
      const settings = Object.hasOwn(configured, name) ? configured[name] : undefined;
      if (settings?.enabled === false) return null;
      const entrypoint = settings?.entrypoint
        ? resolve(configDir, settings.entrypoint)
        : join(functionsDir, name, 'index.ts');
      if (!existsSync(entrypoint)) return null;
      return { name, entrypoint, verifyJwt: settings?.verify_jwt ?? true };
    },
  };
}
