/**
 * Incremental Server-Sent Events parser (WHATWG rules): chunks may split lines,
 * CRLF pairs and multi-byte characters anywhere; `data:` lines accumulate until a
 * blank line; comment lines (`: keep-alive`) are skipped.
 */

/** One dispatched event. `event` defaults to `message` as in the spec. */
export interface SseEvent {
  event: string;
  data: string;
}

const LINE_END = /\r\n|\r|\n/;

/** Yields events as soon as their terminating blank line arrives. */
export async function* parseSse(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  // Per call: a shared /g regex would carry lastIndex across streams interleaved at each yield.
  const lineEnd = new RegExp(LINE_END.source, 'g');
  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let pos = 0;
    lineEnd.lastIndex = 0;
    for (let m = lineEnd.exec(buffer); m; m = lineEnd.exec(buffer)) {
      // A trailing CR may be the first half of a CRLF split across chunks.
      if (m[0] === '\r' && m.index === buffer.length - 1) break;
      const line = buffer.slice(pos, m.index);
      pos = m.index + m[0].length;
      if (line === '') {
        if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
        event = '';
        data = [];
        continue;
      }
      if (line.charCodeAt(0) === 58 /* : */) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
    }
    buffer = buffer.slice(pos);
  }
  buffer += decoder.decode();
  // Be lenient about a missing final blank line; vendors' terminal checks catch real cuts.
  for (const line of buffer.split(LINE_END)) {
    if (line.startsWith('data:')) data.push(line.slice(line.charCodeAt(5) === 32 ? 6 : 5));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
  }
  if (data.length > 0) yield { event: event || 'message', data: data.join('\n') };
}

/** How long a stream may stay open after its last event before it is cut (its connection then closes). */
const AFTER_LAST_MS = 250;

/**
 * The events of a vendor's stream up to the one `isLast` names (yielded too);
 * then the body is read on to its end, which follows at once, rather than
 * left unfinished: Node would destroy it with an AbortError whose stack it
 * formats (on every streamed chat) and its connection would not be reused.
 * An upstream that holds the stream open past its last event gets 250 ms.
 */
export async function* vendorEvents(chunks: AsyncIterable<Uint8Array | string>, isLast: (event: SseEvent) => boolean): AsyncGenerator<SseEvent> {
  const events = parseSse(chunks);
  for (;;) {
    const step = await events.next();
    if (step.done) return;
    yield step.value;
    if (isLast(step.value)) break;
  }
  for (;;) {
    const step = await nextWithin(events, AFTER_LAST_MS);
    if (!step || step.done) return;
  }
}

/** The iterator's next step, or undefined when none comes within `ms` (the abandoned step may still fail: handled). */
async function nextWithin<T>(events: AsyncIterator<T>, ms: number): Promise<IteratorResult<T> | undefined> {
  const next = events.next();
  next.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([next, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
