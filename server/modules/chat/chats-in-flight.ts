import { AppError } from '../../errors.ts';
import { estimateTokens } from '../metering/token-estimate.ts';
import type { DeliveryCheckpoint } from '../metering/chat-ledger.ts';

interface Running {
  chatId: string | null;
  abort: AbortController;
  /** Text delivered so far. */
  delivered: () => string;
  /** Set when the gateway itself cut the chat (shutdown deadline). */
  cutByGateway: boolean;
  settled: Promise<void>;
  finish: () => void;
}

/**
 * The chats this instance is running: the admission limit (a coded OVERLOADED
 * at once instead of an unbounded queue), the drain at shutdown (new chats
 * refused, running ones finished or cut at the deadline) and the delivered
 * output the ledger checkpoints.
 */
export class ChatsInFlight {
  private readonly running = new Set<Running>();
  private accepting = true;

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.running.size;
  }

  get draining(): boolean {
    return !this.accepting;
  }

  /** Takes a slot for a new chat, or refuses it with a retryable coded error. */
  enter(abort: AbortController, delivered: () => string): Running {
    if (!this.accepting) {
      throw new AppError('SERVICE_UNAVAILABLE', 'This gateway instance is shutting down; retry the chat', { retryAfterSeconds: 1 });
    }
    if (this.running.size >= this.limit) {
      throw new AppError('OVERLOADED', `The gateway is at its limit of ${this.limit} concurrent chats; retry shortly`, { retryAfterSeconds: 1, limit: this.limit });
    }
    let finish!: () => void;
    const settled = new Promise<void>((resolve) => (finish = resolve));
    const entry: Running = { chatId: null, abort, delivered, cutByGateway: false, settled, finish };
    this.running.add(entry);
    return entry;
  }

  /** Releases the slot once the chat is settled (or was never admitted). */
  leave(entry: Running): void {
    this.running.delete(entry);
    entry.finish();
  }

  /** Output delivered by admitted chats, for the ledger's checkpoint. */
  deliveries(): DeliveryCheckpoint[] {
    const out: DeliveryCheckpoint[] = [];
    for (const r of this.running) {
      const text = r.delivered();
      if (r.chatId && text) out.push({ chatId: r.chatId, outputTokens: estimateTokens(text) });
    }
    return out;
  }

  /**
   * Stops admitting chats, waits for the running ones up to `graceMs`, then cuts
   * what is left (each is still settled for what it delivered) and waits for
   * their settlement. Resolves with how many finished and how many were cut.
   */
  async drain(graceMs: number): Promise<{ finished: number; cut: number }> {
    this.accepting = false;
    const started = this.running.size;
    const all = () => Promise.all([...this.running].map((r) => r.settled));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => (timer = setTimeout(resolve, graceMs, 'deadline')));
    const first = await Promise.race([all().then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    let cut = 0;
    if (first === 'deadline') cut = this.cutAll();
    await all();
    return { finished: started - cut, cut };
  }

  /** Cuts every running chat now (a second signal, or the drain deadline). */
  cutAll(): number {
    this.accepting = false;
    let cut = 0;
    for (const r of this.running) {
      if (r.abort.signal.aborted) continue;
      r.cutByGateway = true;
      r.abort.abort(new DOMException('the gateway is shutting down', 'AbortError'));
      cut++;
    }
    return cut;
  }
}

export type InFlightChat = Running;
