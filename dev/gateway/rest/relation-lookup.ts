// Finds the table or view a request names, or answers PGRST205 with PostgREST's
// "Perhaps you meant the table …" suggestion.
import type { Transaction } from '../../db/serial-database.js';
import { closestMatch } from './fuzzy-match.js';
import { tableNotFound } from './rest-error.js';
import { findRelation, listRelationNames, type RelationInfo } from './schema-introspection.js';

export async function requireRelation(tx: Transaction, schema: string, name: string): Promise<RelationInfo> {
  const relation = await findRelation(tx, schema, name);
  if (relation !== null) return relation;
  const names = await listRelationNames(tx, schema);
  throw tableNotFound(schema, name, closestMatch(names, name, 0.75));
}
