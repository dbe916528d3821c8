// Reads supabase/config.toml so the local stack and the Supabase CLI share one description of
// the project (auth settings, functions and their verify_jwt).
import { readFile } from 'node:fs/promises';
import { parse } from 'smol-toml';
import { z } from 'zod';
import { PASSWORD_REQUIREMENTS } from './gateway/auth/credentials.js';

const ProjectConfig = z.object({
  auth: z
    .object({
      jwt_expiry: z.number().int().positive().default(3600),
      enable_signup: z.boolean().default(true),
      enable_anonymous_sign_ins: z.boolean().default(false),
      minimum_password_length: z.number().int().min(6).default(6),
      // The Supabase CLI's values; "" (the default) requires no particular characters.
      password_requirements: z.enum(PASSWORD_REQUIREMENTS).default(''),
    })
    .prefault({}),
});

export type ProjectConfig = z.infer<typeof ProjectConfig>;

export async function readProjectConfig(file: string): Promise<ProjectConfig> {
  const text = await readFile(file, 'utf8');
  const result = ProjectConfig.safeParse(parse(text));
  if (!result.success) {
    throw new Error(`${file}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}
