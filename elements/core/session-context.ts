// What <jd-session> hands to every nested jd-* element through @lit/context. A new object is
// provided on every change (sign-in, sign-out, token refresh, language), so consumers that
// subscribe re-render and reconnect.
import { decodeJwt as joseDecodeJwt } from 'jose';
import { createContext } from '@lit/context';
import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '../../supabase/database.types.js';
import type { Lang } from '../../domain/sections.js';
import type { DocumentRegistry } from './document-registry.js';

export interface JdUser {
  id: string;
  email: string | null;
  /** Shown to other people (presence avatars, cursor labels). */
  name: string;
  /** Presence colour, `#rrggbb`, dark enough for white text. */
  color: string;
  anonymous: boolean;
}

export interface JdSessionState {
  /** null until supabase-url and anon-key are set. */
  client: SupabaseClient<Database> | null;
  /** null when nobody is signed in. */
  user: JdUser | null;
  /** The JWT the sync and signaling servers check; null when signed out. */
  accessToken: string | null;
  syncUrl: string | null;
  signalingUrl: string | null;
  /** Where the Edge Functions are (`<supabase-url>/functions/v1`), for requests supabase-js cannot make (upload progress); null until supabase-url is set. */
  functionsUrl?: string | null;
  lang: Lang;
  /** The session's documents (one Y.Doc and one set of providers per document id). */
  documents: DocumentRegistry;
}

export const sessionContext = createContext<JdSessionState | undefined>(Symbol('jd-session'));

/** Colours with at least 4.5:1 contrast against white (cursor labels and avatars use white text). */
export const PRESENCE_COLORS = ['#1a5a96', '#8a1c7c', '#0b6e4f', '#a4301c', '#5b3f8c', '#7a4a00', '#005f73', '#9b2242'] as const;

/** A stable presence colour for a user id. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}

/** The claims of a JWT (no verification: the servers verify; this only reads who it names). */
export function decodeJwt(token: string): Record<string, unknown> | null {
  try {
    return joseDecodeJwt(token);
  } catch {
    return null;
  }
}

/** A JdUser from Supabase user fields or JWT claims. */
export function toJdUser(source: { id?: unknown; sub?: unknown; email?: unknown; is_anonymous?: unknown; user_metadata?: unknown }): JdUser | null {
  const id = typeof source.id === 'string' ? source.id : typeof source.sub === 'string' ? source.sub : null;
  if (!id) return null;
  const meta = (source.user_metadata ?? {}) as Record<string, unknown>;
  const email = typeof source.email === 'string' && source.email !== '' ? source.email : null;
  const declared = [meta['display_name'], meta['full_name'], meta['name']].find((v) => typeof v === 'string' && v.trim() !== '') as string | undefined;
  const anonymous = source.is_anonymous === true;
  return { id, email, name: declared?.trim() ?? email ?? (anonymous ? 'Guest' : id.slice(0, 8)), color: colorFor(id), anonymous };
}
