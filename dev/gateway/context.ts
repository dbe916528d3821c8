// Per-request values the gateway's middleware resolves once and every route reads.
import type { ApiRole } from '../db/serial-database.js';

/** Who is calling, from the Authorization bearer (or the apikey when there is none). */
export interface Caller {
  role: ApiRole;
  /** The verified JWT payload; becomes `request.jwt.claims`. */
  claims: Record<string, unknown>;
  /** The raw bearer token, when one was sent. */
  token: string | null;
}

/** Hono `Variables` for every gateway route. */
export interface GatewayEnv {
  Variables: {
    caller: Caller;
    /** The Access-Control-Expose-Headers a function's own response named (see cors.ts). */
    functionExposedHeaders?: string;
  };
}
