// A fake OpenAI-compatible upstream in its own process, so the benchmark's
// gateway and upstream do not share an event loop. Prints its URL, runs until killed.
// FAKE_CHUNKS=20 FAKE_CHUNK_INTERVAL_MS=5: streamed answers in 20 text deltas, 5 ms apart
// (default: one delta per word, all at once).
import { startFakeOpenAI } from '../test/fakes/openai.ts';

const fake = await startFakeOpenAI({
  record: false,
  reply: 'Zero Gateway routes, meters and audits every model call for the whole company, in one place.',
  usage: { inputTokens: 24, outputTokens: 16 },
  chunks: Number(process.env.FAKE_CHUNKS) || undefined,
  chunkIntervalMs: Number(process.env.FAKE_CHUNK_INTERVAL_MS) || undefined,
});
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
