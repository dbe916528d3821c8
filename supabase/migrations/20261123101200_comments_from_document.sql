-- The sync server mirrors the Yjs comment threads into public.comments and deletes the rows of
-- threads that left the document. Comments that never were in the document (added through
-- add_comment by a portal integration, imported, or seeded) must not be deleted by that mirror:
-- the projection now marks what it writes and deletes only what it marked.
alter table public.comments
  add column from_document boolean not null default false;

comment on column public.comments.from_document is
  'True for rows the sync server projects from the Yjs comment threads; only those are deleted when their thread or reply leaves the document. Rows written any other way are never deleted by the projection.';
