// Reads a JSON request body and checks its shape, answering like GoTrue when it cannot.
import type { Context } from 'hono';
import type { z } from 'zod';
import { AuthFailure, validationFailed } from './errors.js';

export async function readJsonBody<Schema extends z.ZodType>(c: Context, schema: Schema): Promise<z.output<Schema>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AuthFailure(400, 'bad_json', 'Could not parse request body as JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw validationFailed(`Invalid request body: ${where}${issue?.message ?? 'unexpected shape'}`);
  }
  return result.data;
}
