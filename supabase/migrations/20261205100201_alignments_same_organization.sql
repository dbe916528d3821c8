-- An alignment's source and target documents are job descriptions of the alignment's own
-- organization. The foreign keys alone let an editor point an alignment of their department at
-- another department's document (a foreign key check ignores RLS), so the trigger checks the
-- organization whenever a document reference or the organization is set.

create function private.check_alignment_documents() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  before_row public.alignments;
  ref record;
begin
  if tg_op = 'UPDATE' then
    before_row := old;
  end if;
  for ref in
    select * from (values ('source_document_id', new.source_document_id, before_row.source_document_id),
                          ('target_document_id', new.target_document_id, before_row.target_document_id))
                  as r (column_name, document_id, old_document_id)
  loop
    if ref.document_id is not null
       and (ref.document_id is distinct from ref.old_document_id or new.organization_id is distinct from before_row.organization_id)
       and not exists (select 1 from public.job_descriptions jd
                        where jd.id = ref.document_id and jd.organization_id = new.organization_id) then
      raise exception using errcode = '42501',
        message = format('alignments.%s: %s is not a job description of organization %s', ref.column_name, ref.document_id, new.organization_id);
    end if;
  end loop;
  return new;
end
$$;
revoke all on function private.check_alignment_documents() from public;

create trigger alignments_documents_same_organization before insert or update on public.alignments
  for each row execute function private.check_alignment_documents();
