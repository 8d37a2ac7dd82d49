import type { RedisConnections } from '../../cluster/redis.ts';
import type { CounterCheck, RateLimitCounters } from './counters.ts';
import { WINDOW_MS } from './sliding-window.ts';

// Each counter is one hash (w: window, r/t: this window's requests and tokens, pr/pt: the previous
// window's), rolled forward on use. Time is Redis's own (TIME), so every instance agrees on the window.
const ROLL = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local W = tonumber(ARGV[1])
local win = math.floor(now / W)
local weight = (W - (now - win * W)) / W
local function counts(key)
  local h = redis.call('HMGET', key, 'w', 'r', 't', 'pr', 'pt')
  local w = tonumber(h[1])
  if w == win then return tonumber(h[2]), tonumber(h[3]), tonumber(h[4]), tonumber(h[5]) end
  if w == win - 1 then return 0, 0, tonumber(h[2]), tonumber(h[3]) end
  return 0, 0, 0, 0
end
local function store(key, r, t, pr, pt)
  redis.call('HSET', key, 'w', win, 'r', r, 't', t, 'pr', pr, 'pt', pt)
  redis.call('PEXPIRE', key, 2 * W)
end
`;

/**
 * ARGV: window ms, tokens, then per key its requests and tokens limits (-1: none).
 * Checks every counter, and counts on all of them only if all have room.
 * Answers { admitted, now, then r, t, pr, pt per key as they were }.
 */
const TAKE = `${ROLL}
local cost = tonumber(ARGV[2])
local out = {1, now}
local state = {}
for i = 1, #KEYS do
  local r, t, pr, pt = counts(KEYS[i])
  state[i] = {r, t, pr, pt}
  local rl, tl = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  if rl >= 0 and pr * weight + r + 1 > rl then out[1] = 0 end
  if tl >= 0 and pt * weight + t + cost > tl then out[1] = 0 end
  out[#out + 1] = r
  out[#out + 1] = t
  out[#out + 1] = pr
  out[#out + 1] = pt
end
if out[1] == 1 then
  for i = 1, #KEYS do
    local s = state[i]
    store(KEYS[i], s[1] + 1, s[2] + cost, s[3], s[4])
  end
end
return out`;

/** ARGV: window ms, tokens. Adds the tokens to every counter. */
const ADD = `${ROLL}
local tokens = tonumber(ARGV[2])
for i = 1, #KEYS do
  local r, t, pr, pt = counts(KEYS[i])
  store(KEYS[i], r, t + tokens, pr, pt)
end
return 1`;

type ScriptCall = (numberOfKeys: number, ...args: (string | number)[]) => Promise<unknown>;

/**
 * Counters in Redis: one Lua script checks and counts every limit that applies
 * to a chat atomically, so no number of instances admits more than a limit.
 * A user's counters share a hash tag, so the script also runs on Redis Cluster.
 */
export function createRedisCounters(redis: RedisConnections): RateLimitCounters {
  const client = redis.commands;
  // defineCommand sends EVALSHA and falls back to EVAL once when the script is not loaded yet.
  client.defineCommand('zeroRateLimitTake', { lua: TAKE });
  client.defineCommand('zeroRateLimitAdd', { lua: ADD });
  const commands = client as unknown as { zeroRateLimitTake: ScriptCall; zeroRateLimitAdd: ScriptCall };
  const keyOf = (c: Pick<CounterCheck, 'key' | 'userId'>) => `${redis.prefix}rl:{${c.userId}}:${c.key}`;
  return {
    kind: 'redis',
    async take(checks, tokens) {
      const args: (string | number)[] = [...checks.map(keyOf), WINDOW_MS, tokens];
      for (const c of checks) args.push(c.requestsPerMinute ?? -1, c.tokensPerMinute ?? -1);
      const out = (await commands.zeroRateLimitTake(checks.length, ...args)) as number[];
      return {
        admitted: out[0] === 1,
        nowMs: out[1],
        counts: checks.map((_c, i) => ({ requests: out[2 + 4 * i], tokens: out[3 + 4 * i], prevRequests: out[4 + 4 * i], prevTokens: out[5 + 4 * i] })),
      };
    },
    async add(checks, tokens) {
      if (checks.length === 0 || tokens <= 0) return;
      await commands.zeroRateLimitAdd(checks.length, ...checks.map(keyOf), WINDOW_MS, tokens);
    },
    async close() {},
  };
}
