-- What a budget's scope spent between two days, from the settled daily usage
-- (the users holding a role now, for a role budget). Starts a month's
-- budget_spend row for the hard-stop holds (admit_chat).
CREATE OR REPLACE FUNCTION public.budget_spent(p_budget_id uuid, p_from date, p_until date)
 RETURNS numeric
 LANGUAGE sql
 STABLE
AS $function$
  select case b.scope
    when 'USER' then (select coalesce(sum(u.cost), 0) from daily_usage u where u.user_id = b.user_id and u.day >= p_from and u.day < p_until)
    when 'ROLE' then (select coalesce(sum(u.cost), 0) from daily_usage u join user_role r on r.user_id = u.user_id where r.role_id = b.role_id and u.day >= p_from and u.day < p_until)
    else (select coalesce(sum(u.cost), 0) from daily_usage u where u.day >= p_from and u.day < p_until) end
  from budget b where b.id = p_budget_id
$function$
