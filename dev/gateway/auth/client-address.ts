// The address of the connection a request came over. X-Forwarded-For is not trusted: the local
// stack is reached directly, and a client could name any address in it.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Served without Node's request (app.fetch called directly): no socket to read.
    return 'unknown';
  }
}
