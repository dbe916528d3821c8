// Limits on the shape of JSON request bodies. The body text goes to Postgres as sent, and
// Postgres parses JSON recursively on PGlite's small WebAssembly stack: a value nested a few
// thousand levels deep exhausted it (issue #20). What the kit sends is shallow (a row, a
// comment, an array of rows for a bulk insert), so these limits are far above legitimate use.
import { RestError } from './rest-error.js';

/** Deepest nesting of arrays/objects accepted (the kit's deepest body nests under 10). */
export const MAX_JSON_DEPTH = 64;
/** Most items in one array or members in one object (a bulk insert of this many rows is fine). */
export const MAX_JSON_ITEMS = 50_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

function tooDeep(): RestError {
  return new RestError(400, {
    code: 'PGRST102',
    message: `JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
    details: `Arrays and objects may be nested at most ${MAX_JSON_DEPTH} levels deep.`,
    hint: null,
  });
}

function tooWide(items: number): RestError {
  return new RestError(400, {
    code: 'PGRST102',
    message: `JSON body has an array or object with more than ${MAX_JSON_ITEMS} items`,
    details: `One array or object holds ${items} items; the limit is ${MAX_JSON_ITEMS}.`,
    hint: null,
  });
}

/**
 * Checks already-valid JSON text against the limits in one pass over the characters (no
 * recursion, so the check itself cannot overflow a stack). Throws a 400 PGRST102 naming the limit.
 */
export function checkJsonLimits(text: string): void {
  // Commas seen in each open container; a container with n commas holds n + 1 items.
  const commas: number[] = [];
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (escaped) escaped = false;
      else if (char === BACKSLASH) escaped = true;
      else if (char === QUOTE) inString = false;
      continue;
    }
    if (char === QUOTE) {
      inString = true;
    } else if (char === OPEN_ARRAY || char === OPEN_OBJECT) {
      commas.push(0);
      if (commas.length > MAX_JSON_DEPTH) throw tooDeep();
    } else if (char === CLOSE_ARRAY || char === CLOSE_OBJECT) {
      commas.pop();
    } else if (char === COMMA && commas.length > 0) {
      const top = commas.length - 1;
      const count = (commas[top] ?? 0) + 1;
      commas[top] = count;
      if (count + 1 > MAX_JSON_ITEMS) throw tooWide(count + 1);
    }
  }
}
