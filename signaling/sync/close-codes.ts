// Close codes the sync and signaling servers use. y-websocket 3 treats 4400-4499 as "reconnecting
// cannot fix this" (it stops and emits `closed`), and everything else as transient, so the codes
// are chosen by what the client should do next, not only by what went wrong.
export const CloseCode = {
  /** No token, a token that does not verify, or one that expired: get a fresh token, then connect(). */
  unauthorized: 4401,
  /**
   * The user may not open this document, or there is no such document (or the room name is not a
   * document id): one answer for all three, so nobody can tell which document ids exist. (4404 is
   * no longer sent; the elements still read it as "no access", for older servers.)
   */
  forbidden: 4403,
  /** A message that is not valid y-websocket protocol. */
  badMessage: 4400,
  /** Accepting the update would make the document larger than the configured limit. */
  documentTooLarge: 4413,
  /** The client sent messages faster than the per-connection limit, or let its queue pile up. */
  rateLimited: 4429,
  /** Standard: message larger than the maximum payload (sent by ws itself). */
  messageTooBig: 1009,
  /** Standard: internal error (e.g. the database refused a write); transient, the client reconnects and resends. */
  internalError: 1011,
  /** Standard: service restart; the client reconnects. */
  serviceRestart: 1012,
} as const;

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];
