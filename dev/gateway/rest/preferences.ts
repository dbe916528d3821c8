// The `Prefer` request header. supabase-js joins values with `, ` — except the HEAD-rpc
// fallback, which uses a bare `,` — so values are split on commas and trimmed.
import { RestError } from './rest-error.js';

export interface Preferences {
  readonly return: 'minimal' | 'representation' | 'headers-only' | null;
  readonly count: 'exact' | 'planned' | 'estimated' | null;
  readonly resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
  readonly missing: 'default' | 'null' | null;
  readonly tx: 'commit' | 'rollback' | null;
  readonly handling: 'strict' | 'lenient' | null;
  readonly maxAffected: number | null;
  /** Values that were not understood, verbatim (an error only with `handling=strict`). */
  readonly invalid: readonly string[];
}

const accepted = {
  return: ['minimal', 'representation', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  tx: ['commit', 'rollback'],
  handling: ['strict', 'lenient'],
} as const;

type Choice = keyof typeof accepted;

export function parsePreferences(header: string | undefined): Preferences {
  const chosen: { -readonly [K in Choice]: string | null } = {
    return: null,
    count: null,
    resolution: null,
    missing: null,
    tx: null,
    handling: null,
  };
  let maxAffected: number | null = null;
  const invalid: string[] = [];
  for (const item of (header ?? '').split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    const [name = '', value = ''] = item.split('=', 2).map((part) => part.trim());
    if (name === 'max-affected' && /^\d+$/.test(value)) {
      maxAffected = Number(value);
    } else if (name in accepted && (accepted[name as Choice] as readonly string[]).includes(value)) {
      // The first occurrence wins, as in PostgREST.
      chosen[name as Choice] ??= value;
    } else {
      invalid.push(item);
    }
  }
  return { ...(chosen as Omit<Preferences, 'maxAffected' | 'invalid'>), maxAffected, invalid };
}

/** With `handling=strict`, PostgREST refuses preferences it does not understand (PGRST122). */
export function checkStrictPreferences(preferences: Preferences): void {
  if (preferences.handling !== 'strict' || preferences.invalid.length === 0) return;
  throw new RestError(400, {
    code: 'PGRST122',
    message: 'Invalid preferences given with handling=strict',
    details: `Invalid preferences: ${preferences.invalid.join(', ')}`,
    hint: null,
  });
}

/** `max-affected=n` under `handling=strict`: a write touching more rows is refused and undone (PGRST124). */
export function checkMaxAffected(preferences: Preferences, affected: number): void {
  if (preferences.handling !== 'strict' || preferences.maxAffected === null || affected <= preferences.maxAffected) return;
  throw new RestError(400, {
    code: 'PGRST124',
    message: 'Query result exceeds max-affected preference constraint',
    details: `The query affects ${affected} rows`,
    hint: null,
  });
}

/** The `Preference-Applied` header for the preferences this gateway honoured. */
export function appliedPreferences(entries: readonly (string | null)[]): Record<string, string> {
  const applied = entries.filter((entry): entry is string => entry !== null);
  return applied.length === 0 ? {} : { 'Preference-Applied': applied.join(', ') };
}

/** `tx=…` for `Preference-Applied`, when the client chose commit or rollback. */
export function txPreference(preferences: Preferences): string | null {
  return preferences.tx === null ? null : `tx=${preferences.tx}`;
}
