-- document_room_secret: members of the document's organization get one stable secret; anyone
-- else, and anon, gets nothing.
begin;
select plan(7);

create temporary table ids as
select (select id from public.job_descriptions where organization_id = 'e5dc0000-0000-4000-a000-000000000001' limit 1) as esdc_doc;
grant select on ids to authenticated, anon;

set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"e5dc0000-0000-4000-a000-000000000101","role":"authenticated"}', true);
select ok(length(public.document_room_secret((select esdc_doc from ids))) >= 60, 'a viewer of the organization gets a long secret');
select is(public.document_room_secret((select esdc_doc from ids)), public.document_room_secret((select esdc_doc from ids)), 'the secret is stable');

select set_config('request.jwt.claims', '{"sub":"e5dc0000-0000-4000-a000-000000000103","role":"authenticated"}', true);
select ok(public.document_room_secret((select esdc_doc from ids)) is not null, 'a translator of the organization gets it too');

select set_config('request.jwt.claims', '{"sub":"7c000000-0000-4000-a000-000000000102","role":"authenticated"}', true);
select throws_ok(format('select public.document_room_secret(%L)', (select esdc_doc from ids)), '42501', null, 'another organization''s editor is refused');
select throws_ok($$select public.document_room_secret(null)$$, '22023', null, 'a null document is refused');
select throws_ok($$select * from private.document_room_secrets$$, '42501', null, 'the table cannot be read directly');

reset role;
set local role anon;
select throws_ok(format('select public.document_room_secret(%L)', (select esdc_doc from ids)), '42501', null, 'anon may not call it');

select * from finish();
rollback;
