-- chat_fell_back as migration 0005-executive installed it. Frozen: never edit; the current definition is server/db/functions/chat_fell_back.sql.
CREATE OR REPLACE FUNCTION public.chat_fell_back(provider text, metadata jsonb)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select case when coalesce(jsonb_typeof(metadata->'attempts'), '') <> 'array' then false
        when jsonb_array_length(metadata->'attempts') = 0 then false
        else (provider is not null and provider <> '' and provider is distinct from metadata->'attempts'->0->>'provider')
          or (select count(distinct a->>'provider') > 1 from jsonb_array_elements(metadata->'attempts') a) end
    $function$

