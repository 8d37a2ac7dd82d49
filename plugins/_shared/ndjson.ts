/** Incremental newline-delimited JSON parser (Ollama's stream format). */
import { streamError } from './errors.ts';

/** Yields one parsed value per non-blank line; a malformed line is a `stream` error. */
export async function* parseNdjson(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl = buffer.indexOf('\n');
    let pos = 0;
    while (nl !== -1) {
      const line = buffer.slice(pos, nl).trim();
      pos = nl + 1;
      if (line) yield parseLine(line);
      nl = buffer.indexOf('\n', pos);
    }
    buffer = buffer.slice(pos);
  }
  const rest = (buffer + decoder.decode()).trim();
  if (rest) yield parseLine(rest);
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    throw streamError(`malformed NDJSON line: ${line.slice(0, 80)}`, false, err);
  }
}
