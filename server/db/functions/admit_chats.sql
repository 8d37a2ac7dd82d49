-- Admits a batch of chats under no hard-stop budget in one call
-- (server/modules/metering/admission-queue.ts): each exactly as admit_chat
-- admits one, in (user, day) order, which is the order settle_chats locks
-- counters in, so batches from several instances never deadlock with each
-- other or with settlements. Answers each chat's status and output limit with
-- its position in the arrays. One statement and one commit for the whole batch
-- instead of one per chat.
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
