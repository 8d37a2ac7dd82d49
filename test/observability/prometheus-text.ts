/** A small reader of the Prometheus text format, enough for tests: samples by name with their labels. */
export type Samples = Map<string, { labels: Record<string, string>; value: number }[]>;

export function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, k, v] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    const list = samples.get(match[1]) ?? [];
    list.push({ labels, value: Number(match[3]) });
    samples.set(match[1], list);
  }
  return samples;
}

const matches = (labels: Record<string, string>, want: Record<string, string>) => Object.entries(want).every(([k, v]) => labels[k] === v);

/** The one sample with exactly these labels (0 when the series does not exist yet, as Prometheus would read it). */
export function sample(samples: Samples, name: string, labels: Record<string, string>): number {
  const found = (samples.get(name) ?? []).filter((s) => Object.keys(s.labels).length === Object.keys(labels).length && matches(s.labels, labels));
  if (found.length > 1) throw new Error(`${name}: ${found.length} samples match`);
  return found[0]?.value ?? 0;
}

/** The sum over every sample of `name` whose labels include `labels`. */
export function sum(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  return (samples.get(name) ?? []).filter((s) => matches(s.labels, labels)).reduce((n, s) => n + s.value, 0);
}
