// Backend message type byte of ReadyForQuery; its one-byte body is the transaction status.
const READY_FOR_QUERY = 0x5a; // 'Z'
// ErrorResponse: fields of one type byte and a NUL-terminated string; 'M' is the message.
const ERROR_RESPONSE = 0x45; // 'E'
const MAX_ERROR_BYTES = 4096;
// NotificationResponse: int32 sender pid, channel and payload as NUL-terminated strings. A NOTIFY
// payload is at most 8000 bytes and a channel name at most 63, so this holds any whole one.
const NOTIFICATION_RESPONSE = 0x41; // 'A'
const MAX_NOTIFICATION_BYTES = 8192;

/** A `NOTIFY` delivered in a response (the session listens to that channel). */
export interface WireNotification {
  readonly channel: string;
  readonly payload: string;
}

/** Transaction status carried by ReadyForQuery: idle, in a transaction block, or in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

/**
 * Follows the framing of the backend messages PGlite streams back for one frontend message
 * (type byte, int32 length, body; chunks may split them anywhere) and remembers the last
 * complete one. The wire queue needs one fact: did the response end with ReadyForQuery, and
 * in which transaction status. Looking at the framing, not at the trailing bytes, means row
 * data that happens to contain those bytes cannot be mistaken for it. It also keeps the message
 * of the first ErrorResponse, for the queue's own statements, and the notifications (a wire
 * client's NOTIFY reaches the session's listeners only in that client's own response).
 */
export class WireResponseTracker {
  #header = new Uint8Array(5);
  #headerFilled = 0;
  #bodyLeft = 0;
  #type = 0;
  #firstBodyByte: number | undefined;
  #lastType: number | undefined;
  #lastFirstBodyByte: number | undefined;
  #errorBody: number[] | undefined;
  #firstError: string | undefined;
  #notificationBody: number[] | undefined;
  readonly #notifications: WireNotification[] = [];

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#bodyLeft > 0) {
        if (this.#firstBodyByte === undefined) this.#firstBodyByte = chunk[i];
        const take = Math.min(this.#bodyLeft, chunk.length - i);
        if (this.#errorBody && this.#errorBody.length < MAX_ERROR_BYTES) {
          this.#errorBody.push(...chunk.subarray(i, i + Math.min(take, MAX_ERROR_BYTES - this.#errorBody.length)));
        }
        if (this.#notificationBody && this.#notificationBody.length < MAX_NOTIFICATION_BYTES) {
          this.#notificationBody.push(
            ...chunk.subarray(i, i + Math.min(take, MAX_NOTIFICATION_BYTES - this.#notificationBody.length)),
          );
        }
        i += take;
        this.#bodyLeft -= take;
        if (this.#bodyLeft === 0) this.#complete();
        continue;
      }
      this.#header[this.#headerFilled++] = chunk[i++]!;
      if (this.#headerFilled < 5) continue;
      this.#headerFilled = 0;
      this.#type = this.#header[0]!;
      // The length counts itself (4 bytes) but not the type byte.
      const length = new DataView(this.#header.buffer).getInt32(1);
      this.#bodyLeft = Math.max(0, length - 4);
      this.#firstBodyByte = undefined;
      this.#errorBody = this.#type === ERROR_RESPONSE && this.#firstError === undefined ? [] : undefined;
      this.#notificationBody = this.#type === NOTIFICATION_RESPONSE ? [] : undefined;
      if (this.#bodyLeft === 0) this.#complete();
    }
  }

  /** The status when the response so far ends exactly with a ReadyForQuery message. */
  get readyForQuery(): TransactionStatus | undefined {
    if (this.#headerFilled !== 0 || this.#bodyLeft !== 0) return undefined;
    if (this.#lastType !== READY_FOR_QUERY || this.#lastFirstBodyByte === undefined) return undefined;
    const status = String.fromCharCode(this.#lastFirstBodyByte);
    return status === 'I' || status === 'T' || status === 'E' ? status : undefined;
  }

  /** The message of the first ErrorResponse seen, if any. */
  get firstError(): string | undefined {
    return this.#firstError;
  }

  /** The notifications seen so far, in order. */
  get notifications(): readonly WireNotification[] {
    return this.#notifications;
  }

  #complete(): void {
    this.#lastType = this.#type;
    this.#lastFirstBodyByte = this.#firstBodyByte;
    if (this.#errorBody) {
      this.#firstError = errorMessage(Buffer.from(this.#errorBody)) ?? 'unknown error';
      this.#errorBody = undefined;
    }
    if (this.#notificationBody) {
      const notification = parseNotification(Buffer.from(this.#notificationBody));
      if (notification) this.#notifications.push(notification);
      this.#notificationBody = undefined;
    }
  }
}

/** The 'M' field of an ErrorResponse body. */
function errorMessage(body: Buffer): string | undefined {
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    if (end === -1) return undefined;
    if (body[at] === 0x4d) return body.toString('utf8', at + 1, end); // 'M'
    at = end + 1;
  }
  return undefined;
}

/** Channel and payload of a NotificationResponse body (after the sender's pid). */
function parseNotification(body: Buffer): WireNotification | undefined {
  const channelEnd = body.indexOf(0, 4);
  if (channelEnd === -1) return undefined;
  const payloadEnd = body.indexOf(0, channelEnd + 1);
  if (payloadEnd === -1) return undefined;
  return { channel: body.toString('utf8', 4, channelEnd), payload: body.toString('utf8', channelEnd + 1, payloadEnd) };
}
