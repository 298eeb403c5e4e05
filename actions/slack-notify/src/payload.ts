import { stat } from 'node:fs/promises';
import { LineCounter, isCollection, parseDocument, visit } from 'yaml';
import { ConfigurationError } from '../../../packages/shared/src/index.js';
import { readSmallFile, resolveInWorkspace } from '../../../packages/shared/src/paths.js';
import { PAYLOAD_FILE_FORM } from './inputs.js';

/** A custom message: the JSON object Slack receives, before placeholders are filled. */
export type Payload = Record<string, unknown>;

/** A Slack message is at most a few tens of kilobytes (50 blocks of 3000 characters). */
const MAX_PAYLOAD_FILE_BYTES = 512 * 1024;

/**
 * Parses a payload written as JSON or YAML. Returns the problem in a few words (with the line)
 * instead of throwing, so each input can word its own error.
 */
export function parsePayload(text: string): { payload: Payload } | { problem: string } {
  if (!/^\s*[{[]/.test(text)) return parseYaml(text);
  const json = parseJson(text);
  if ('payload' in json) return json;
  // YAML's flow style ({text: hi}) is not JSON; what neither reads is broken JSON, and JSON's message says why.
  const yaml = parseYaml(text);
  return 'payload' in yaml ? yaml : json;
}

function parseJson(text: string): { payload: Payload } | { problem: string } {
  try {
    return asObject(JSON.parse(text));
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    if (!at) return { problem: `is not valid JSON (${reason})` };
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = Number(at[1]) - before.lastIndexOf('\n');
    return { problem: `is not valid JSON (line ${line}, column ${column}: ${reason})` };
  }
}

function parseYaml(text: string): { payload: Payload } | { problem: string } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { problem: `is not valid JSON or YAML (line ${line}, column ${col}: ${error.message.split('\n')[0]})` };
  }
  const unquoted = unquotedPlaceholderLine(doc, lineCounter);
  if (unquoted) {
    return { problem: `has an unquoted {{ placeholder }} on line ${unquoted}, which YAML reads as a mapping; quote the value, e.g. text: "{{ github.sha }}"` };
  }
  return asObject(doc.toJS());
}

function asObject(value: unknown): { payload: Payload } | { problem: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { problem: `is ${Array.isArray(value) ? 'a list' : value === null || value === undefined ? 'empty' : `a ${typeof value}`}, not an object` };
  }
  return { payload: value as Payload };
}

/** `text: {{ github.sha }}` parses as a mapping inside a mapping: the mistake every YAML payload makes once. */
function unquotedPlaceholderLine(doc: ReturnType<typeof parseDocument>, lines: LineCounter): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_key, pair) {
      if (isCollection(pair.key) && pair.key.range) {
        found = lines.linePos(pair.key.range[0]).line;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Reads `payload-file` from the workspace; every failure names the input and what to do. */
export async function readPayloadFile(path: string, workspace: string): Promise<Payload> {
  const full = resolveInWorkspace(workspace, path, { input: 'payload-file', expected: PAYLOAD_FILE_FORM });
  const shown = JSON.stringify(path);
  const fail = (problem: string) => new ConfigurationError(`Input 'payload-file' ${shown} ${problem}: expected ${PAYLOAD_FILE_FORM}.`, 'payload-file');
  const info = await stat(full).catch(() => undefined);
  if (!info) throw fail(`does not exist (looked for ${full}; did the job check out the repository?)`);
  if (!info.isFile()) throw fail('is not a file');
  const text = await readSmallFile(full, MAX_PAYLOAD_FILE_BYTES).catch((error: Error) => {
    throw fail(`cannot be read: ${error.message}`);
  });
  const parsed = parsePayload(text);
  if ('problem' in parsed) throw fail(parsed.problem);
  return parsed.payload;
}
