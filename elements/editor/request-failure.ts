// What the interface says when a request to the server fails: what happened and what to do next,
// in the interface language. Shared by the review and versions panels.
import { msg, type MessageId } from '../core/i18n.js';
import type { Lang } from '../../domain/sections.js';
import type { RequestFailure } from '../core/data-access.js';

/** A failed action, kept so the panel can show it and offer to run it again. */
export interface FailedAction<A extends string> {
  action: A;
  text: string;
  retry: () => void;
}

/** "Could not submit: you are offline. Try again when you are back online." and the like. */
export function describeFailure(lang: Lang, action: MessageId, failure: RequestFailure): string {
  const values = { action: msg(lang, action), message: failure.message };
  if (failure.status === 0 || globalThis.navigator?.onLine === false) return msg(lang, 'failure.offline', values);
  if (failure.status === 401 || /jwt expired/i.test(failure.message)) return msg(lang, 'failure.session', values);
  if (failure.code === '42501' || failure.status === 403) return msg(lang, 'failure.forbidden', values);
  if (failure.code === 'P0001') return msg(lang, 'failure.state', values);
  return msg(lang, 'failure.other', values);
}
