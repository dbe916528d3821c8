/** Fields Postgres sends with an error (PGlite's DatabaseError carries them as strings). */
interface PostgresErrorFields {
  message: string;
  code?: string;
  position?: string;
  detail?: string;
  hint?: string;
  where?: string;
}

/** Line and column (1-based) of a Postgres error position, which counts characters from 1. */
export function lineAndColumn(sql: string, position: number): { line: number; column: number } {
  // Postgres counts characters (code points), JavaScript strings count UTF-16 units.
  const before = Array.from(sql).slice(0, Math.max(0, position - 1)).join('');
  const lines = before.split('\n');
  return { line: lines.length, column: Array.from(lines.at(-1) ?? '').length + 1 };
}

/**
 * One line that says what Postgres reported and where: message, SQLSTATE, line/column inside
 * `sql` (the text that was sent), then detail, hint and the PL/pgSQL context when present.
 */
export function describeSqlError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const fields = error as Error & Partial<PostgresErrorFields>;
  const parts = [fields.message];
  const where: string[] = [];
  if (fields.code) where.push(`SQLSTATE ${fields.code}`);
  const position = Number(fields.position);
  if (Number.isInteger(position) && position > 0) {
    const { line, column } = lineAndColumn(sql, position);
    where.push(`line ${line}, column ${column}`);
  }
  if (where.length > 0) parts[0] += ` (${where.join(', ')})`;
  if (fields.detail) parts.push(`detail: ${fields.detail}`);
  if (fields.hint) parts.push(`hint: ${fields.hint}`);
  // PL/pgSQL context is one line per frame; keep the whole description on one line.
  if (fields.where) parts.push(`context: ${fields.where.replaceAll('\n', ' / ')}`);
  return parts.join('; ');
}
