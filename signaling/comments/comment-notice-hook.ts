// Comments reach public.comments on the projections' debounce (2 s after the last change, up to
// the max wait), and notifications are written by the triggers on public.comments: a mention
// would reach its reader seconds late. This hook writes the comment projection as soon as a
// stored update changed the comment threads (a new comment or reply, an edit, a new mention),
// not on every keystroke of the text: one write at a time, and one more if the threads changed
// meanwhile. The write is the same idempotent writeComments as the debounced projection's.
import type * as Y from 'yjs';
import { commentsMap } from '../../domain/comment-model.js';
import { commentChangesBy } from './comment-guard.js';
import { projectComments, writeComments } from './comment-projection.js';
import type { RoomHook, RoomHookContext } from '../sync/room-hook.js';

export function commentNoticeHook(room: RoomHookContext): RoomHook {
  const threads = commentsMap(room.doc);
  let changed = false;
  let writing: Promise<void> | null = null;
  const observe = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (events.length > 0) changed = true;
  };

  const write = async (): Promise<void> => {
    while (changed && !room.destroyed) {
      changed = false;
      try {
        await writeComments(room.db, room.documentId, projectComments(room.doc), commentChangesBy(room.doc));
      } catch (error) {
        // The debounced projection writes the same rows again later; count and carry on.
        room.metrics.errors.inc({ kind: 'comment-notice' });
        room.log.error({ error }, 'writing comments promptly failed');
      }
    }
  };

  return {
    name: 'comment-notice',
    // Only changes after the load: what was loaded is already in the table (or the projection's job).
    afterLoad() {
      threads.observeDeep(observe);
    },
    afterStore() {
      if (!changed || writing) return;
      writing = write().finally(() => {
        writing = null;
      });
    },
    idle() {
      return writing ?? Promise.resolve();
    },
    onUnload() {
      threads.unobserveDeep(observe);
    },
  };
}
