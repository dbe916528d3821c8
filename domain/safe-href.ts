// Which link addresses may reach the DOM: the editor's link marks and the links in comment
// bodies both go through here. Runtime-neutral (the WHATWG URL parser every runtime has).

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * The href as written when it is an absolute http(s), mailto or tel URL, otherwise null.
 * Document content arrives from other people, so `javascript:` and friends never reach the DOM.
 */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > 2048) return null;
  try {
    const url = new URL(trimmed);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
