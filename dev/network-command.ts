// The Web Test Runner server command `jd-network`: a browser test cuts its own page off the
// stack's servers for real and back. Chromium blocks the requests at its network layer (DevTools
// `Network.setBlockedURLs`), so a fetch fails exactly as it does with the cable out (supabase-js
// reports status 0). Chromium's whole-page offline emulation would also cut the page off the test
// runner, which talks to it over the network, so only the listed addresses are blocked.
// web-test-runner.config.mjs runs the server half; the browser half is `cutOff()` in
// elements/core/test-helpers.ts. No runtime imports.
//
// Only the calling test session's page is affected: Web Test Runner gives each test file a page
// of its own, and the stack's servers keep serving every other page.

export const NETWORK_COMMAND = 'jd-network';

export interface NetworkCommandPayload {
  /** Address prefixes whose requests fail from now on (http(s) or ws(s)); [] lets everything through again. */
  blocked: string[];
}

/** The payload, checked: a clear error names what was wrong. */
export function networkPayload(payload: unknown): NetworkCommandPayload {
  const blocked = (payload as Partial<NetworkCommandPayload> | undefined)?.blocked;
  if (!Array.isArray(blocked) || !blocked.every((url) => typeof url === 'string' && /^(https?|wss?):\/\/[^*]+$/.test(url))) {
    throw new Error(`${NETWORK_COMMAND}: payload must be { blocked: string[] } of http(s):// or ws(s):// address prefixes, got ${JSON.stringify(payload)}`);
  }
  return { blocked };
}

/** DevTools URL patterns for the address prefixes (everything under each). */
export function blockedPatterns(blocked: readonly string[]): string[] {
  return blocked.map((url) => `${url.replace(/\/+$/, '')}/*`);
}
