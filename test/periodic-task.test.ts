import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { PeriodicTask, type PassReason, type PeriodicTaskOptions, type TaskClock } from '../server/util/periodic-task.ts';

/** A clock whose timers fire only when the test moves time on. */
function fakeClock() {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const clock: TaskClock & { advance(ms: number): Promise<void>; pending(): number } = {
    now: () => now,
    setTimeout(callback, ms) {
      timers.set(++nextId, { at: now + ms, callback });
      return nextId;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    /** Moves time on by `ms`, firing each timer due on the way at its own time and letting its pass settle. */
    async advance(ms) {
      const until = now + ms;
      await settle();
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= until).sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await settle();
      }
      now = until;
      await settle();
    },
    pending: () => timers.size,
  };
  return clock;
}

/** A pass the test finishes by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function logged() {
  const lines: { msg: string; task?: string }[] = [];
  const logger = pino({ level: 'error' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

function task<T>(clock: TaskClock, run: (reason: PassReason) => Promise<T>, options: Partial<PeriodicTaskOptions<T>> = {}) {
  return new PeriodicTask<T>({ name: 'test job', intervalMs: 100, logger: pino({ level: 'silent' }), clock, run, ...options });
}

describe('PeriodicTask', () => {
  it('runs a pass every interval, counted from the end of the previous pass', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    let current = gate();
    const t = task(clock, async () => {
      starts.push(clock.now());
      await current.opened;
    });
    t.start();
    await clock.advance(99);
    expect(starts).toEqual([]);
    await clock.advance(1);
    expect(starts).toEqual([100]);
    // The pass takes 50 ms; the next starts 100 ms after it ended, not 100 ms after it started.
    await clock.advance(50);
    current.open();
    current = gate();
    await clock.advance(99);
    expect(starts).toEqual([100]);
    await clock.advance(1);
    expect(starts).toEqual([100, 250]);
    current.open();
    await t.stop();
  });

  it('runs the first pass at start when asked to', async () => {
    const clock = fakeClock();
    const reasons: PassReason[] = [];
    const t = task(clock, async (reason) => void reasons.push(reason), { runAtStart: true });
    t.start();
    await clock.advance(0);
    expect(reasons).toEqual(['interval']);
    await t.stop();
  });

  it('backs off after failed passes, logs them, and returns to the interval after a success', async () => {
    const clock = fakeClock();
    const { logger, lines } = logged();
    const starts: number[] = [];
    let failing = true;
    const t = task(
      clock,
      async () => {
        starts.push(clock.now());
        if (failing) throw new Error('database unreachable');
      },
      { logger, maxBackoffMs: 500 },
    );
    t.start();
    await clock.advance(100 + 200 + 400 + 500 + 500);
    // Failures at 100, 300 (after 200), 700 (after 400), then capped at 500: 1200, 1700.
    expect(starts).toEqual([100, 300, 700, 1200, 1700]);
    expect(t.stats()).toMatchObject({ failures: 5, consecutiveFailures: 5, lastError: 'database unreachable', lastSuccessAt: null });
    expect(lines.map((l) => l.msg)).toEqual(Array(5).fill('test job failed'));
    failing = false;
    await clock.advance(500);
    expect(t.stats()).toMatchObject({ consecutiveFailures: 0, lastError: null, lastSuccessAt: 2200 });
    await clock.advance(100);
    expect(starts.slice(-2)).toEqual([2200, 2300]);
    await t.stop();
  });

  it('runNow waits for the pass in progress, then runs its own and hands back its result or error', async () => {
    const clock = fakeClock();
    const first = gate();
    let calls = 0;
    const t = task(clock, async () => {
      calls++;
      if (calls === 1) await first.opened;
      return calls;
    });
    const running = t.runNow();
    const queued = t.runNow(async () => 42);
    await clock.advance(0);
    expect(calls).toBe(1);
    first.open();
    expect(await running).toBe(1);
    expect(await queued).toBe(42);
    await expect(t.runNow(async () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(t.stats()).toMatchObject({ passes: 3, failures: 1 });
  });

  it('coalesces triggers: one more pass after the running one, at most one start per minimum gap', async () => {
    const clock = fakeClock();
    const starts: [PassReason, number][] = [];
    let current = gate();
    const t = task(
      clock,
      async (reason) => {
        starts.push([reason, clock.now()]);
        await current.opened;
      },
      { intervalMs: 10_000, minGapMs: 250 },
    );
    t.trigger();
    t.trigger();
    t.trigger();
    await clock.advance(10);
    expect(starts).toEqual([['trigger', 0]]);
    // The three calls while it ran add one pass, which waits for the gap since the last start.
    const finished = current;
    current = gate();
    finished.open();
    await clock.advance(239);
    expect(starts).toHaveLength(1);
    await clock.advance(1);
    expect(starts).toEqual([['trigger', 0], ['trigger', 250]]);
    current.open();
    await clock.advance(1000);
    expect(starts).toHaveLength(2);
    await t.stop();
  });

  it('idle() runs a trigger waiting for its gap at once', async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const t = task(clock, async () => void starts.push(clock.now()), { minGapMs: 250 });
    await t.runNow();
    t.trigger();
    expect(starts).toEqual([0]);
    await t.idle();
    expect(starts).toEqual([0, 0]);
    expect(clock.pending()).toBe(0);
  });

  it('stops at a safe point: the running pass finishes, no other starts, triggers are ignored', async () => {
    const clock = fakeClock();
    const pass = gate();
    let passes = 0;
    let finished = false;
    const t = task(clock, async () => {
      passes++;
      await pass.opened;
      finished = true;
    });
    t.start();
    await clock.advance(100);
    expect(passes).toBe(1);
    const stopping = t.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await clock.advance(0);
    expect(stopped).toBe(false);
    pass.open();
    await stopping;
    expect(finished).toBe(true);
    t.trigger();
    await clock.advance(1000);
    expect(passes).toBe(1);
    expect(clock.pending()).toBe(0);
  });

  it('reports how late an interval pass started, for metrics', async () => {
    const clock = fakeClock();
    const manual = gate();
    const t = task(clock, async (reason) => {
      if (reason === 'manual') await manual.opened;
    });
    t.start();
    void t.runNow();
    // The interval pass was due at 100 but waits for the manual pass, which ends at 130.
    await clock.advance(130);
    manual.open();
    await clock.advance(0);
    expect(t.stats()).toMatchObject({ name: 'test job', lagMs: 30, passes: 2, running: false });
    await t.stop();
  });
});
