-- The demo's admin page (issue 19 item 1): this month's AI usage of an organization per provider
-- (requests, tokens, estimated cost), for its admins. SECURITY INVOKER: row-level security on
-- ai_requests already shows an admin every row of the organization (and others only their own),
-- so the function adds only the admin check, to say plainly why a non-admin gets nothing rather
-- than a total of their own requests that would read as the organization's.

create function public.ai_usage_by_provider(organization uuid)
returns table (provider text, requests bigint, tokens_in bigint, tokens_out bigint, cost_usd numeric, month_start timestamptz)
language plpgsql
stable
set search_path = ''
as $$
declare
  since timestamptz := date_trunc('month', now() at time zone 'UTC') at time zone 'UTC';
begin
  perform private.check_not_null('organization', organization);
  if not private.has_org_role(organization, '{admin}') then
    raise exception using errcode = '42501',
      message = format('only admins of organization %s see its AI usage', organization);
  end if;
  return query
    select r.provider, count(*), coalesce(sum(r.tokens_in), 0)::bigint, coalesce(sum(r.tokens_out), 0)::bigint,
           coalesce(sum(r.estimated_cost), 0)::numeric, since
      from public.ai_requests r
     where r.organization_id = organization and r.created_at >= since
     group by r.provider
     order by r.provider;
end
$$;
revoke all on function public.ai_usage_by_provider(uuid) from public, anon;
grant execute on function public.ai_usage_by_provider(uuid) to authenticated;
comment on function public.ai_usage_by_provider(uuid) is
  'This calendar month''s (UTC) AI usage of the organization per provider: requests, tokens in and out, estimated cost in US dollars. For the organization''s admins only.';
