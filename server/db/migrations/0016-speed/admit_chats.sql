-- admit_chats as migration 0016-speed installed it. Frozen: never edit; the current definition is server/db/functions/admit_chats.sql.
CREATE OR REPLACE FUNCTION public.admit_chats(p_user_ids uuid[], p_days date[], p_inputs bigint[], p_outputs bigint[], p_chat_ids uuid[], p_request_ids text[], p_instance_id text, p_api_key_ids uuid[], p_models text[], p_prompt_hashes text[], p_vias text[])
 RETURNS TABLE(ord integer, status text, output_limit bigint)
 LANGUAGE plpgsql
AS $function$
declare
  r record;
begin
  for r in
    select * from unnest(p_user_ids, p_days, p_inputs, p_outputs, p_chat_ids, p_request_ids, p_api_key_ids, p_models, p_prompt_hashes, p_vias) with ordinality
      as t(user_id, day, input, output, chat_id, request_id, api_key_id, model, prompt_hash, via, i)
    order by t.user_id, t.day, t.i
  loop
    return query select r.i::integer, a.status, a.output_limit
      from admit_chat(r.user_id, r.day, r.input, r.output, r.chat_id, r.request_id, p_instance_id, r.api_key_id, r.model, r.prompt_hash, r.via, '{}'::uuid[], null, null, null) a;
  end loop;
end
$function$
