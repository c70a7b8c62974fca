/** Reads Prometheus text exposition as a test sees it: one value per series. */
export interface Scrape {
  text: string;
  /** The value of the series with exactly these labels; 0 when the series is absent. */
  value(name: string, labels?: Record<string, string>): number;
  /** The sum over every series of `name` whose labels include these. */
  sum(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parsePrometheus(text: string): Scrape {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL))
      labels[key!] = value!.replace(/\\(.)/g, (_all, char: string) => (char === 'n' ? '\n' : char));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  const includes = (labels: Record<string, string>, wanted: Record<string, string>) => Object.entries(wanted).every(([key, value]) => labels[key] === value);
  return {
    text,
    value: (name, labels = {}) =>
      samples.find((sample) => sample.name === name && Object.keys(sample.labels).length === Object.keys(labels).length && includes(sample.labels, labels))
        ?.value ?? 0,
    sum: (name, labels = {}) =>
      samples.filter((sample) => sample.name === name && includes(sample.labels, labels)).reduce((total, sample) => total + sample.value, 0),
  };
}

/** GET <baseUrl>/metrics; throws unless it answers 200. */
export async function scrape(baseUrl: string, headers: Record<string, string> = {}): Promise<Scrape> {
  const response = await fetch(`${baseUrl}/metrics`, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`${baseUrl}/metrics answered ${response.status}: ${text}`);
  return parsePrometheus(text);
}
