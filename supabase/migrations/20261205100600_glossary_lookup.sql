-- Terminology lookup that finds a term however the sentence writes it (issue #13, item 3).
--
-- glossary_lookup compared normalize_text forms word for word, so « l'agente » or « des agents »
-- did not find « agent », « sous-ministres » did not find « sous-ministre », a missing accent
-- lost the term, and a forbidden term came back without the term to use instead. Now every term
-- and the input are compared as glossary keys (private.glossary_key, word by word):
--  * normalize_text's words (lower case, punctuation dropped, elided articles split off:
--    « l'agente » -> « l' agente »), accents folded (NFD without combining marks, œ -> oe,
--    æ -> ae), hyphens and apostrophes as word breaks (« sous-ministre » -> « sous ministre »,
--    « l' » -> « l »);
--  * in French only, each word reduced to a common form of its plural and feminine:
--    plural -aux -> -al, else a final -s or -x dropped (words of more than 3 letters);
--    feminine -trice -> -teur, -euse -> -eur, -elle -> -el, -enne -> -en, -ive -> -if;
--    then final e's dropped, keeping at least 3 letters (agente, agents, agentes -> agent;
--    employée, employé -> employ; directrice, directeurs -> directeur). Irregular forms
--    (travail/travaux, heureux/heureuse) are not matched; English words match whole (so
--    "positions" is still not "position").
-- A term is found when its keys occur as consecutive words of the input's keys. The keys of
-- every term are stored (generated columns), so a lookup computes the input's keys once and
-- scans the terms the caller may read with strpos: 10 000 characters against 5 017 terms take
-- about 55 ms on PGlite (measured, and kept under a bound, by scripts/glossary-parity.test.ts).
-- The same rules are in TypeScript in domain/tm/glossary.ts, for the editor's underlining;
-- scripts/glossary-parity.test.ts checks that both agree.
--
-- glossary_lookup's signature is unchanged; its result gains approved_equivalents: for a forbidden
-- entry (« never translate term_en as term_fr »), the approved French terms of the same English
-- term the caller may read (null for approved and pending entries).

create function private.glossary_key(t text, lang text) returns text
language sql immutable parallel safe strict
set search_path = ''
as $$
  select coalesce(string_agg(k.word, ' ' order by u.o), '')
    from unnest(string_to_array(
           translate(
             replace(replace(regexp_replace(normalize(private.normalize_text(t), nfd), '[\u0300-\u036f]', '', 'g'),
                             'œ', 'oe'), 'æ', 'ae'),
             '-''', '  '),
           ' ')) with ordinality as u (w, o)
   cross join lateral (
     select case
              when lang <> 'fr' or length(u.w) <= 3 then u.w
              when u.w like '%aux' then left(u.w, -3) || 'al'
              when u.w like '%s' or u.w like '%x' then left(u.w, -1)
              else u.w
            end as w) plural
   cross join lateral (
     select case
              when lang <> 'fr' then plural.w
              when plural.w like '%trice' and length(plural.w) > 5 then left(plural.w, -5) || 'teur'
              when plural.w like '%euse' and length(plural.w) > 4 then left(plural.w, -4) || 'eur'
              when plural.w like '%elle' and length(plural.w) > 4 then left(plural.w, -4) || 'el'
              when plural.w like '%enne' and length(plural.w) > 4 then left(plural.w, -4) || 'en'
              when plural.w like '%ive' and length(plural.w) > 3 then left(plural.w, -3) || 'if'
              else plural.w
            end as w) feminine
   cross join lateral (
     select case
              when lang <> 'fr' then feminine.w
              when length(rtrim(feminine.w, 'e')) >= 3 then rtrim(feminine.w, 'e')
              else left(feminine.w, 3)
            end as word) k
   where u.w <> ''
$$;
comment on function private.glossary_key(text, text) is
  'The words glossary matching compares (accents folded; French plurals and feminines reduced), space-separated.';

revoke all on function private.glossary_key(text, text) from public;
grant execute on function private.glossary_key(text, text) to authenticated, service_role;

alter table public.glossary_terms
  add column term_en_key text generated always as (private.glossary_key(term_en, 'en')) stored,
  add column term_fr_key text generated always as (private.glossary_key(term_fr, 'fr')) stored;

drop function public.glossary_lookup(text, text);

-- The glossary entries (approved, forbidden and pending) whose term in `lang` occurs in input_text,
-- compared as glossary keys; longest terms first, organization terms before shared ones.
create function public.glossary_lookup(input_text text, lang text)
returns table (
  term_id uuid,
  term text,
  translation text,
  status text,
  domain text,
  notes text,
  source text,
  organization_id uuid,
  shared boolean,
  approved_equivalents text[]
)
language plpgsql stable
set search_path = ''
as $$
declare
  padded text;
begin
  perform private.check_text('input_text', input_text, 10000);
  perform private.check_lang('lang', lang);
  padded := ' ' || private.glossary_key(input_text, lang) || ' ';
  return query
    select g.id,
           case when lang = 'en' then g.term_en else g.term_fr end,
           case when lang = 'en' then g.term_fr else g.term_en end,
           g.status, g.domain, g.notes, g.source, g.organization_id, g.organization_id is null,
           case when g.status = 'forbidden' then array(
             select a.term_fr
               from public.glossary_terms a
              where a.status = 'approved' and a.term_en_key = g.term_en_key
              group by a.term_fr
              order by bool_and(a.organization_id is null), a.term_fr)
           end
      from public.glossary_terms g
     where case when lang = 'en' then g.term_en_key else g.term_fr_key end <> ''
       and strpos(padded, ' ' || case when lang = 'en' then g.term_en_key else g.term_fr_key end || ' ') > 0
     order by length(case when lang = 'en' then g.term_en_normalized else g.term_fr_normalized end) desc,
              (g.organization_id is null), g.status, g.id;
end
$$;
comment on function public.glossary_lookup(text, text) is
  'Glossary terms (in lang) found in input_text, however inflected or elided, with their translation, status and, for forbidden terms, the approved equivalents.';

revoke all on function public.glossary_lookup(text, text) from public, anon;
grant execute on function public.glossary_lookup(text, text) to authenticated, service_role;
