-- Yjs updates reach doc_updates only through the sync server, which judges each one before
-- storing it: edit rights for the text, and for comment threads who may write, edit, delete and
-- resolve (signaling/comments/comment-guard.ts, the same rules resolve_comment enforces).
-- A member appending directly through the REST API would skip all of that (e.g. resolve a
-- thread without being a reviewer, or write as another author), so members keep reading the
-- log but may no longer append to it. The service role (the sync server) still may.
drop policy doc_updates_insert on public.doc_updates;
revoke insert on public.doc_updates from authenticated;
