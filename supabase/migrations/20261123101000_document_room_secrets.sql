-- Per-document secret for y-webrtc rooms. Peers in a room encrypt everything they exchange with
-- this password, so the signaling server (which only relays) never sees document content. Only
-- members of the document's organization may read it; it lives in `private`, which PostgREST
-- does not expose, and is created on first use.

create table private.document_room_secrets (
  document_id uuid primary key references public.job_descriptions (id) on delete cascade,
  -- Two v4 UUIDs: 244 bits from the server's strong random source, without needing pgcrypto.
  secret text not null default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
  created_at timestamptz not null default now()
);
alter table private.document_room_secrets enable row level security;
-- No policies: nobody reads the table directly; document_room_secret() is the only way in.
revoke all on private.document_room_secrets from public, anon, authenticated;

-- Runs as its owner to reach the private table, so it checks membership itself: calling it
-- directly gives nothing more than the public function does.
create function private.document_room_secret(doc uuid) returns text
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  room_secret text;
begin
  perform private.check_not_null('doc', doc);
  -- my_document_role reads the caller's claims (auth.uid()), so membership is the caller's even
  -- though this function runs as its owner; a missing document and a foreign one look the same.
  if private.my_document_role(doc) is null then
    raise exception 'permission denied for document %', doc
      using errcode = '42501', hint = 'Only members of the document''s organization may join its peer-to-peer room.';
  end if;
  insert into private.document_room_secrets (document_id) values (doc) on conflict (document_id) do nothing;
  select s.secret into room_secret from private.document_room_secrets s where s.document_id = doc;
  return room_secret;
end
$$;
revoke all on function private.document_room_secret(uuid) from public, anon;
grant execute on function private.document_room_secret(uuid) to authenticated, service_role;

create function public.document_room_secret(doc uuid) returns text
language sql volatile
set search_path = ''
as $$ select private.document_room_secret(doc) $$;
comment on function public.document_room_secret(uuid) is
  'The y-webrtc room password of a document, for members of its organization only.';
revoke all on function public.document_room_secret(uuid) from public, anon;
grant execute on function public.document_room_secret(uuid) to authenticated, service_role;
