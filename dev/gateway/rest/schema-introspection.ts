// What the gateway needs to know about a table or a function, read from the catalogs inside
// the request's own transaction (the catalogs are readable by every API role). Tables are read
// per request (about a millisecond on PGlite), so DDL is visible at once with no reload step;
// functions' descriptions are kept by routine-cache.ts, PostgREST's schema cache for them.
import type { Transaction } from '../../db/serial-database.js';

export interface ColumnInfo {
  readonly name: string;
  /** `format_type` output, e.g. `integer`, `text[]`, `character varying(20)`. */
  readonly type: string;
}

export interface RelationInfo {
  readonly schema: string;
  readonly name: string;
  /** `pg_class.relkind`: r table, p partitioned table, v view, m materialized view, f foreign table. */
  readonly kind: string;
  readonly columns: readonly ColumnInfo[];
  /** Primary-key column names in key order; empty for views and key-less tables. */
  readonly primaryKey: readonly string[];
}

export type ParameterMode = 'in' | 'out' | 'inout' | 'variadic' | 'table';

export interface RoutineParameter {
  /** Empty for an unnamed parameter. */
  readonly name: string;
  readonly type: string;
  readonly mode: ParameterMode;
}

export interface RoutineInfo {
  readonly schema: string;
  readonly name: string;
  /** Every parameter in declaration order, outputs included. */
  readonly parameters: readonly RoutineParameter[];
  /** How many trailing input parameters have defaults. */
  readonly defaultCount: number;
  readonly returnsSet: boolean;
  /** `format_type` of the return type (`void`, `integer`, `record`, `public.todo`…). */
  readonly returnType: string;
  /** `pg_type.typtype` of the return type: b base, c composite, d domain, e enum, p pseudo, r range, m multirange. */
  readonly returnTypeKind: string;
  /** Columns of a composite return type. */
  readonly compositeColumns: readonly ColumnInfo[];
  /** `pg_proc.provolatile`: i immutable, s stable, v volatile. */
  readonly volatility: 'i' | 's' | 'v';
}

const relationKinds = `('r', 'p', 'v', 'm', 'f')`;

const relationQuery = `
SELECT c.relkind::text AS kind,
  coalesce((
    SELECT json_agg(json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  ), '[]') AS columns,
  coalesce((
    SELECT json_agg(a.attname ORDER BY k.ord)
    FROM pg_catalog.pg_index i
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = c.oid AND i.indisprimary
  ), '[]') AS primary_key
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ${relationKinds}`;

const relationNamesQuery = `
SELECT c.relname AS name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ${relationKinds}`;

const routinesQuery = `
SELECT p.proname AS name,
  p.provolatile::text AS volatility,
  p.proretset AS returns_set,
  p.pronargdefaults AS default_count,
  pg_catalog.format_type(p.prorettype, NULL) AS return_type,
  rt.typtype::text AS return_type_kind,
  coalesce((
    SELECT json_agg(json_build_object(
      'name', coalesce(arg.name, ''),
      'mode', coalesce(arg.mode, 'i'),
      'type', pg_catalog.format_type(arg.type, NULL)) ORDER BY arg.ord)
    FROM unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes::text[], p.proargnames)
      WITH ORDINALITY AS arg(type, mode, name, ord)
    WHERE arg.type IS NOT NULL
  ), '[]') AS parameters,
  coalesce((
    SELECT json_agg(json_build_object('name', a.attname, 'type', pg_catalog.format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
    FROM pg_catalog.pg_attribute a
    WHERE rt.typrelid <> 0 AND a.attrelid = rt.typrelid AND a.attnum > 0 AND NOT a.attisdropped
  ), '[]') AS composite_columns
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
JOIN pg_catalog.pg_type rt ON rt.oid = p.prorettype
WHERE n.nspname = $1 AND p.proname = $2 AND p.prokind = 'f'
ORDER BY p.oid`;

const routineNamesQuery = `
SELECT DISTINCT p.proname AS name
FROM pg_catalog.pg_proc p
JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = $1 AND p.prokind = 'f'`;

const modeNames: Record<string, ParameterMode> = { i: 'in', o: 'out', b: 'inout', v: 'variadic', t: 'table' };

export async function findRelation(tx: Transaction, schema: string, name: string): Promise<RelationInfo | null> {
  const result = await tx.query<{ kind: string; columns: ColumnInfo[]; primary_key: string[] }>(relationQuery, [
    schema,
    name,
  ]);
  const row = result.rows[0];
  if (row === undefined) return null;
  return { schema, name, kind: row.kind, columns: row.columns, primaryKey: row.primary_key };
}

export async function listRelationNames(tx: Transaction, schema: string): Promise<string[]> {
  const result = await tx.query<{ name: string }>(relationNamesQuery, [schema]);
  return result.rows.map((row) => row.name);
}

/** Every overload of `schema.name` (plain functions only: no procedures or aggregates). */
export async function findRoutines(tx: Transaction, schema: string, name: string): Promise<RoutineInfo[]> {
  const result = await tx.query<{
    name: string;
    volatility: 'i' | 's' | 'v';
    returns_set: boolean;
    default_count: number;
    return_type: string;
    return_type_kind: string;
    parameters: { name: string; mode: string; type: string }[];
    composite_columns: ColumnInfo[];
  }>(routinesQuery, [schema, name]);
  return result.rows.map((row) => ({
    schema,
    name: row.name,
    parameters: row.parameters.map((p) => ({ name: p.name, type: p.type, mode: modeNames[p.mode] ?? 'in' })),
    defaultCount: row.default_count,
    returnsSet: row.returns_set,
    returnType: row.return_type,
    returnTypeKind: row.return_type_kind,
    compositeColumns: row.composite_columns,
    volatility: row.volatility,
  }));
}

export async function listRoutineNames(tx: Transaction, schema: string): Promise<string[]> {
  const result = await tx.query<{ name: string }>(routineNamesQuery, [schema]);
  return result.rows.map((row) => row.name);
}

export function isInputParameter(parameter: RoutineParameter): boolean {
  return parameter.mode === 'in' || parameter.mode === 'inout' || parameter.mode === 'variadic';
}

export function isOutputParameter(parameter: RoutineParameter): boolean {
  return parameter.mode === 'out' || parameter.mode === 'inout' || parameter.mode === 'table';
}
