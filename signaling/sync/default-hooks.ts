// The hooks every room runs, in order: a new projection (compliance findings, TM capture) is one
// more entry here, with its own error kind.
import { commentChangesBy } from '../comments/comment-guard.js';
import { commentNoticeHook } from '../comments/comment-notice-hook.js';
import { projectComments, writeComments } from '../comments/comment-projection.js';
import { seedComments } from '../db/comment-seed.js';
import { seedDocument } from '../db/document-seed.js';
import { projectSections, writeSections } from '../db/section-projection.js';
import { projectIdentification, writeIdentification } from '../db/identification-projection.js';
import { compactionHook } from './compaction-hook.js';
import { complianceHook } from './compliance-hook.js';
import type { RoomHook, RoomHookContext, RoomHookFactory } from './room-hook.js';

/** A document first opened with an empty log gets its first content from its stored sections, and its identification fields from its row. */
export function seedHook(room: RoomHookContext): RoomHook {
  return {
    name: 'seed',
    async beforeLoad() {
      const seeded = await seedDocument(room.db, room.documentId);
      if (seeded.content) room.log.info('first content from the stored sections');
      if (seeded.meta) room.log.info('identification fields from the document row');
    },
  };
}

/**
 * Comment rows that never were in the Y.Doc (add_comment, imports, the seed) become threads of
 * it on load, after the first content so their anchors find the text. Rows added while the
 * document is loaded wait for its next load. A failure is counted and logged: the document still
 * opens, without those threads.
 */
export function commentSeedHook(room: RoomHookContext): RoomHook {
  return {
    name: 'comment-seed',
    async beforeLoad() {
      try {
        const threads = await seedComments(room.db, room.documentId);
        if (threads.length > 0) room.log.info({ threads: threads.length }, 'comment threads from public.comments rows');
      } catch (error) {
        room.metrics.errors.inc({ kind: 'comment-seed' });
        room.log.error({ error }, 'seeding comment threads from public.comments failed');
      }
    },
  };
}

async function documentExists(room: RoomHookContext): Promise<boolean> {
  return room.db.asService(async (tx) => {
    const { rows } = await tx.query('select 1 from public.job_descriptions where id = $1::uuid', [room.documentId]);
    return rows.length > 0;
  });
}

/** Runs `write` as a projection, counting and logging its failure under `kind` instead of throwing. */
function projection(room: RoomHookContext, name: string, kind: string, failure: string, write: () => Promise<void>): RoomHook {
  return {
    name,
    async onProject() {
      if (room.destroyed) return;
      try {
        await write();
      } catch (error) {
        // A document deleted while loaded (its connections are closed on the notification) has
        // nowhere left to project to: that is the end of its life, not a failure.
        if (!(await documentExists(room).catch(() => true))) {
          room.log.info('the document was deleted; nothing projected');
          return;
        }
        room.metrics.errors.inc({ kind });
        room.log.error({ error }, failure);
      }
    },
  };
}

/** The plain-text sections of both languages, to document_sections. */
export const sectionProjectionHook = (room: RoomHookContext): RoomHook =>
  projection(room, 'sections', 'projection', 'writing document_sections failed', () =>
    writeSections(room.db, room.documentId, [...projectSections(room.doc, 'en'), ...projectSections(room.doc, 'fr')]),
  );

/** Comment threads, to public.comments for audit and queries, on the same debounce. */
export const commentProjectionHook = (room: RoomHookContext): RoomHook =>
  projection(room, 'comments', 'comment-projection', 'writing comments failed', () =>
    writeComments(room.db, room.documentId, projectComments(room.doc), commentChangesBy(room.doc)),
  );

/** The identification fields (titles, classification, NOC, position number, language profile), to job_descriptions; refused values are logged, not written. */
export const identificationProjectionHook = (room: RoomHookContext): RoomHook =>
  projection(room, 'identification', 'identification-projection', 'writing the identification fields failed', async () => {
    const update = projectIdentification(room.doc);
    if (Object.keys(update.refused).length > 0) room.log.info({ refused: update.refused }, 'identification values the rules refuse were not stored');
    await writeIdentification(room.db, room.documentId, update);
  });

export const defaultRoomHooks: readonly RoomHookFactory[] = [seedHook, commentSeedHook, sectionProjectionHook, identificationProjectionHook, complianceHook, commentProjectionHook, commentNoticeHook, compactionHook];
