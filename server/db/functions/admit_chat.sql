-- Admits one chat in one call (server/modules/metering/quota-reservation.ts):
-- reserves its tokens against the user's daily quota; under hard-stop budgets,
-- holds its worst-case cost (the reservation at the model's price now) against
-- each, refusing when settled spend plus holds plus this cost would pass the
-- amount (and giving the quota back); then writes the chat ahead in
-- chat_in_flight with what it holds. Answers 'ok', 'quota' or 'budget' (with
-- the budget that refused, and the prices, so the caller can retry with the
-- output that budget can still pay for). Locks the counter, then budget rows in id order.
CREATE OR REPLACE FUNCTION public.admit_chat(p_user_id uuid, p_day date, p_input bigint, p_output bigint, p_chat_id uuid, p_request_id text, p_instance_id text, p_api_key_id uuid, p_model text, p_prompt_hash text, p_via text, p_budget_ids uuid[], p_period text, p_period_from date, p_period_until date)
 RETURNS TABLE(status text, output_limit bigint, budget_id uuid, spent numeric, held numeric, amount numeric, input_cost numeric, output_per_million numeric)
 LANGUAGE plpgsql
AS $function$
declare
  v_il bigint;
  v_ol bigint;
  v_cost numeric := 0;
  v_in_price numeric := 0;
  v_out_price numeric := 0;
  v_over record;
begin
  select q.daily_input_limit, q.daily_output_limit into v_il, v_ol from quota q where q.user_id = p_user_id;
  -- The quota: today's counter grows only while both limits still cover the request.
  insert into quota_counter as c (user_id, day, input_tokens, output_tokens)
  select p_user_id, p_day, p_input, p_output
  where (v_il is null or p_input <= v_il) and (v_ol is null or p_output <= v_ol)
  on conflict (user_id, day) do update
    set input_tokens = c.input_tokens + excluded.input_tokens, output_tokens = c.output_tokens + excluded.output_tokens
    where (v_il is null or c.input_tokens + excluded.input_tokens <= v_il)
      and (v_ol is null or c.output_tokens + excluded.output_tokens <= v_ol);
  if not found then
    return query select 'quota'::text, v_ol, null::uuid, null::numeric, null::numeric, null::numeric, null::numeric, null::numeric;
    return;
  end if;
  if cardinality(p_budget_ids) > 0 then
    -- Hard-stop budgets: hold the chat's worst-case cost (its reservation at the model's price now).
    select coalesce(min(mp.input_per_million), 0), coalesce(min(mp.output_per_million), 0)
      into v_in_price, v_out_price from model_price mp where mp.model = p_model;
    v_cost := (p_input * v_in_price + p_output * v_out_price) / 1000000;
    insert into budget_spend (budget_id, period, spent, held)
    select b.id, p_period, budget_spent(b.id, p_period_from, p_period_until), 0 from budget b
    where b.id = any(p_budget_ids) and not exists (select 1 from budget_spend s where s.budget_id = b.id and s.period = p_period)
    order by b.id
    on conflict do nothing;
    perform 1 from budget_spend s where s.budget_id = any(p_budget_ids) and s.period = p_period order by s.budget_id for update;
    select s.budget_id, s.spent, s.held, b.amount into v_over
    from budget_spend s join budget b on b.id = s.budget_id
    where s.budget_id = any(p_budget_ids) and s.period = p_period and s.spent + s.held + v_cost > b.amount
    order by s.spent + s.held - b.amount desc limit 1;
    if found then
      -- Give the quota back: this chat does not run.
      update quota_counter set input_tokens = input_tokens - p_input, output_tokens = output_tokens - p_output
      where user_id = p_user_id and day = p_day;
      return query select 'budget'::text, v_ol, v_over.budget_id, v_over.spent, v_over.held, v_over.amount, p_input * v_in_price / 1000000, v_out_price;
      return;
    end if;
    update budget_spend s set held = s.held + v_cost where s.budget_id = any(p_budget_ids) and s.period = p_period;
  end if;
  insert into chat_in_flight (id, request_id, instance_id, user_id, api_key_id, model, prompt_hash, via, day, reserved_input, reserved_output, held_cost, held_budgets, held_period)
  values (p_chat_id, p_request_id, p_instance_id, p_user_id, p_api_key_id, p_model, p_prompt_hash, p_via, p_day, p_input, p_output,
          v_cost, case when cardinality(p_budget_ids) > 0 then p_budget_ids else '{}'::uuid[] end, case when cardinality(p_budget_ids) > 0 then p_period end);
  return query select 'ok'::text, v_ol, null::uuid, null::numeric, null::numeric, null::numeric, p_input * v_in_price / 1000000, v_out_price;
end
$function$
