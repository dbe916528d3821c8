// The only ways request data reaches SQL text: quoted identifiers and numbered parameters.
// Values are always bound as text and left for Postgres to parse with the target type's
// input function, exactly as PostgREST's unknown-typed literals are.
import type { QueryOptions } from '@electric-sql/pglite';
import { RestError } from './rest-error.js';

/** `"name"`, with embedded quotes doubled. Postgres identifiers cannot contain NUL. */
export function quoteIdent(name: string): string {
  if (name.includes('\u0000')) {
    throw new RestError(400, {
      code: '22021',
      message: 'identifiers cannot contain a NUL character',
      details: null,
      hint: null,
    });
  }
  return `"${name.replaceAll('"', '""')}"`;
}

export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Collects bound values and hands out their `$n` placeholders. */
export class SqlParameters {
  readonly values: string[] = [];

  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * PGlite picks a JavaScript serializer per parameter type (bytea insists on a Uint8Array,
 * booleans reinterpret strings…). Every value bound here is already Postgres text, so each
 * type gets the identity serializer.
 */
export const bindAsText: QueryOptions = {
  serializers: new Proxy(
    {},
    {
      get: () => (value: unknown) => String(value),
    },
  ),
};

/** A Postgres array literal whose every element is quoted, so `NULL` or `a,b` stay strings. */
export function arrayLiteral(elements: readonly string[]): string {
  const quoted = elements.map((element) => `"${element.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
  return `{${quoted.join(',')}}`;
}
