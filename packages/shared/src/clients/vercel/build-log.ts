/**
 * Turns the events of GET /v3/deployments/{id}/events into plain log lines. An event carries its
 * text at the top (`{ type, created, text }`) or inside `payload` (`{ type, payload: { text,
 * date } }`) — both shapes are in GetDeploymentEventsResponse (@vercel/sdk
 * models/getdeploymenteventsop.ts). Order is by time, whatever order the API answered in.
 */
const LOG_TYPES = new Set(['stdout', 'stderr', 'command', 'fatal', 'exit']);

interface LogLine {
  at: number;
  index: number;
  text: string;
}

export function buildLogLines(events: unknown[], count: number): string[] {
  const lines: LogLine[] = [];
  events.forEach((event, index) => {
    if (!event || typeof event !== 'object') return;
    const e = event as { type?: unknown; text?: unknown; created?: unknown; date?: unknown; payload?: { text?: unknown; date?: unknown; created?: unknown } };
    if (typeof e.type === 'string' && !LOG_TYPES.has(e.type)) return;
    const text = typeof e.text === 'string' ? e.text : typeof e.payload?.text === 'string' ? e.payload.text : undefined;
    if (text === undefined) return;
    const at = firstNumber(e.date, e.created, e.payload?.date, e.payload?.created) ?? 0;
    lines.push({ at, index, text });
  });
  lines.sort((a, b) => a.at - b.at || a.index - b.index);
  return lines
    .flatMap((l) => l.text.split(/\r?\n/))
    .map((l) => stripAnsi(l).trimEnd())
    .filter((l) => l.trim() !== '')
    .slice(-count);
}

function firstNumber(...values: unknown[]): number | undefined {
  return values.find((v): v is number => typeof v === 'number');
}

// Build output is coloured for terminals; a summary shows the escape codes as noise.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}
