/**
 * Generates a realistic Next.js-style repository for the scan benchmark: React components,
 * library modules, API routes, tests, plain JS, JSON, Markdown, CSS and .env templates, with
 * console calls, TODOs and — in about one file in 250 — a secret. Secrets are assembled at run
 * time from pieces, so this file holds none. Deterministic for a given seed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';

const WORDS = [
  'user', 'account', 'order', 'invoice', 'payment', 'cart', 'product', 'review', 'session', 'profile', 'team',
  'project', 'deploy', 'build', 'report', 'metric', 'event', 'search', 'filter', 'upload', 'image', 'comment',
  'message', 'thread', 'channel', 'billing', 'plan', 'feature', 'flag', 'audit', 'export', 'import', 'schedule',
];
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const BASE62 = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;

export interface GeneratedTree {
  files: number;
  bytes: number;
  /** Files that hold a secret, by kind. */
  secrets: Record<string, number>;
}

class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
    return out;
  }
}

const pascal = (word: string) => word[0]!.toUpperCase() + word.slice(1);

function component(r: Random, name: string): string {
  const parts: string[] = [
    `import { useEffect, useMemo, useState } from 'react';`,
    `import { fetch${name} } from '../lib/${name.toLowerCase()}';`,
    '',
    `/** Shows the ${name.toLowerCase()} list with filters; see docs/${name.toLowerCase()}.md. */`,
    `export interface ${name}Props {\n  id: string;\n  title?: string;\n  onSelect?: (id: string) => void;\n}`,
    '',
  ];
  const blocks = 1 + r.int(5);
  for (let b = 0; b < blocks; b++) {
    const word = r.pick(WORDS);
    parts.push(
      `export function ${name}${pascal(word)}${b}({ id, title = "${pascal(word)} list", onSelect }: ${name}Props) {`,
      `  const [items, setItems] = useState<string[]>([]);`,
      `  const [query, setQuery] = useState('');`,
      `  useEffect(() => {`,
      `    fetch${name}(id).then((rows) => setItems(rows.map((row) => \`\${row.name} (\${row.count})\`)));`,
      r.int(6) === 0 ? `    console.log('loaded', id);` : `    // refresh when the id changes`,
      `  }, [id]);`,
      `  const visible = useMemo(() => items.filter((item) => item.includes(query) && !/^draft:/.test(item)), [items, query]);`,
      r.int(10) === 0 ? `  // TODO: paginate ${word} results` : `  // filtered on the client: lists are short`,
      `  return (`,
      `    <section className="${word}-list" aria-label={title}>`,
      `      <h2>{title} — don't forget the "${word}" filter</h2>`,
      `      <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Search ${word}s" />`,
      `      <ul>{visible.map((item) => <li key={item} onClick={() => onSelect?.(item)}>{item}</li>)}</ul>`,
      `    </section>`,
      `  );`,
      `}`,
      '',
    );
  }
  return parts.join('\n');
}

function library(r: Random, name: string): string {
  const parts = [`const BASE_URL = process.env.API_URL ?? 'https://api.example.com';`, ''];
  const functions = 2 + r.int(8);
  for (let f = 0; f < functions; f++) {
    const word = r.pick(WORDS);
    parts.push(
      `/**`,
      ` * Loads the ${word}s of a ${name.toLowerCase()}, retrying once on a 5xx answer.`,
      ` * @param id the ${name.toLowerCase()} id, e.g. "${r.chars('abcdef0123456789', 8)}"`,
      ` */`,
      `export async function fetch${pascal(word)}${f}(id: string, retries = 1): Promise<{ name: string; count: number }[]> {`,
      `  const response = await fetch(\`\${BASE_URL}/${word}s/\${encodeURIComponent(id)}?limit=\${50 * (retries + 1)}\`, {`,
      `    headers: { accept: 'application/json', authorization: \`Bearer \${process.env.API_TOKEN}\` },`,
      `  });`,
      `  if (response.status >= 500 && retries > 0) return fetch${pascal(word)}${f}(id, retries - 1);`,
      `  if (!response.ok) throw new Error(\`Could not load ${word}s of \${id}: HTTP \${response.status}\`);`,
      r.int(8) === 0 ? `  console.info('fetched ${word}s', id);` : `  // the API returns newest first`,
      `  const rows = (await response.json()) as { name: string; count: number }[];`,
      `  return rows.filter((row) => row.count > 0 && !/test|demo/i.test(row.name)).sort((a, b) => b.count - a.count);`,
      `}`,
      '',
    );
  }
  parts.push(`export function fetch${name}(id: string) {\n  return fetch${pascal(r.pick(WORDS))}0(id);\n}\n`);
  return parts.join('\n');
}

function apiRoute(r: Random, name: string): string {
  const word = r.pick(WORDS);
  return [
    `import type { NextApiRequest, NextApiResponse } from 'next';`,
    `import { db } from '../../lib/db';`,
    '',
    `export default async function handler(req: NextApiRequest, res: NextApiResponse) {`,
    `  if (req.method !== 'GET' && req.method !== 'POST') return res.status(405).json({ error: 'Method not allowed' });`,
    `  const id = String(req.query.id ?? '');`,
    `  if (!/^[a-z0-9-]{3,40}$/.test(id)) return res.status(400).json({ error: 'Invalid ${name.toLowerCase()} id' });`,
    `  try {`,
    `    const rows = await db.query('SELECT * FROM ${word}s WHERE ${name.toLowerCase()}_id = $1 LIMIT 100', [id]);`,
    r.int(5) === 0 ? `    debugger;` : `    // rows are small; no streaming`,
    `    res.setHeader('Cache-Control', 's-maxage=60, stale-while-revalidate=300');`,
    `    return res.status(200).json({ data: rows, count: rows.length });`,
    `  } catch (error) {`,
    `    console.error('query failed', error);`,
    `    return res.status(500).json({ error: 'Internal error' });`,
    `  }`,
    `}`,
    '',
  ].join('\n');
}

function testFile(r: Random, name: string): string {
  const cases = 2 + r.int(6);
  const parts = [`import { describe, it, expect } from '@jest/globals';`, `import { fetch${name} } from '../lib/${name.toLowerCase()}';`, '', `describe('${name}', () => {`];
  for (let c = 0; c < cases; c++) {
    const word = r.pick(WORDS);
    parts.push(
      `  it('returns the ${word}s sorted by count (${c})', async () => {`,
      `    const rows = await fetch${name}('${r.chars('abcdef0123456789', 12)}');`,
      `    console.log(rows);`,
      `    expect(rows.map((row) => row.count)).toEqual([...rows.map((row) => row.count)].sort((a, b) => b - a));`,
      `  });`,
    );
  }
  parts.push('});', '');
  return parts.join('\n');
}

function plainJs(r: Random, name: string): string {
  const parts = [`'use strict';`, ''];
  for (let f = 0; f < 2 + r.int(6); f++) {
    const word = r.pick(WORDS);
    parts.push(
      `function format${pascal(word)}${f}(value, locale) {`,
      `  if (value == null) return '—';`,
      `  const text = typeof value === 'number' ? value.toLocaleString(locale || 'en-US') : String(value);`,
      `  return text.length > 40 ? text.slice(0, 39) + '…' : text; // keep table cells short`,
      `}`,
      '',
    );
  }
  parts.push(`module.exports = { name: '${name}' };`, '');
  return parts.join('\n');
}

function json(r: Random, name: string): string {
  const entries = Object.fromEntries(
    Array.from({ length: 5 + r.int(30) }, (_, i) => [`${r.pick(WORDS)}.${r.pick(WORDS)}.${i}`, `${pascal(r.pick(WORDS))} ${r.pick(WORDS)} for ${name}`]),
  );
  return `${JSON.stringify({ name, version: `1.${r.int(20)}.${r.int(10)}`, messages: entries }, null, 2)}\n`;
}

function markdown(r: Random, name: string): string {
  const lines = [`# ${name}`, '', `The ${name.toLowerCase()} module loads and shows ${r.pick(WORDS)}s.`, ''];
  for (let s = 0; s < 2 + r.int(5); s++) {
    const word = r.pick(WORDS);
    lines.push(`## ${pascal(word)}s`, '', `Set \`API_TOKEN\` to your token (see .env.example), then call \`fetch${pascal(word)}0(id)\`.`, '', '```ts', `const rows = await fetch${pascal(word)}0('abc');`, '```', '');
  }
  return lines.join('\n');
}

function css(r: Random): string {
  return Array.from({ length: 5 + r.int(20) }, () => `.${r.pick(WORDS)}-list { margin: ${r.int(24)}px; color: #${r.chars('0123456789abcdef', 6)}; }`).join('\n') + '\n';
}

const SECRET_KINDS = ['github', 'stripe', 'slack', 'aws', 'database', 'openai', 'private-key', 'password'] as const;

function secretLine(r: Random, kind: (typeof SECRET_KINDS)[number], pem: string): string {
  switch (kind) {
    case 'github':
      return `export const GITHUB_TOKEN = '${['ghp', r.chars(BASE62, 36)].join('_')}';\n`;
    case 'stripe':
      return `export const stripe = new Stripe('${['sk', 'live', `51${r.chars(BASE62, 60)}`].join('_')}');\n`;
    case 'slack':
      return `export const webhook = '${['https://hooks', 'slack', 'com/services/T'].join('.')}${r.chars(UPPER, 9)}/B${r.chars(UPPER, 11)}/${r.chars(BASE62, 24)}';\n`;
    case 'aws':
      return `export const awsKeyId = '${['AK', 'IA'].join('')}${r.chars(UPPER + '234567', 16)}';\n`;
    case 'database':
      return `export const url = '${['postgres', '//app:'].join(':')}${r.chars(BASE62, 18)}@db.internal:5432/app';\n`;
    case 'openai':
      return `export const openai = new OpenAI({ apiKey: '${['sk', 'proj', r.chars(BASE62, 80)].join('-')}' });\n`;
    case 'private-key':
      return `export const key = \`${pem}\`;\n`;
    case 'password':
      return `export const dbPassword = '${r.chars(BASE62, 22)}';\n`;
  }
}

/** Writes `count` files under `root` and returns what it wrote. */
export async function generateTree(root: string, count: number, seed = 1): Promise<GeneratedTree> {
  const r = new Random(seed);
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const result: GeneratedTree = { files: 0, bytes: 0, secrets: {} };
  const pending: Promise<void>[] = [];
  const directories = new Map<string, Promise<unknown>>();
  const write = async (path: string, content: string) => {
    const absolute = join(root, path);
    const directory = dirname(absolute);
    if (!directories.has(directory)) directories.set(directory, mkdir(directory, { recursive: true }));
    await directories.get(directory);
    await writeFile(absolute, content);
  };

  for (let i = 0; i < count; i++) {
    const name = `${pascal(r.pick(WORDS))}${pascal(r.pick(WORDS))}`;
    const area = `packages/${r.pick(WORDS)}-${i % 40}`;
    const roll = r.int(100);
    let path: string;
    let content: string;
    if (roll < 30) [path, content] = [`${area}/src/components/${name}${i}.tsx`, component(r, name)];
    else if (roll < 55) [path, content] = [`${area}/src/lib/${name.toLowerCase()}-${i}.ts`, library(r, name)];
    else if (roll < 65) [path, content] = [`${area}/src/pages/api/${name.toLowerCase()}-${i}.ts`, apiRoute(r, name)];
    else if (roll < 75) [path, content] = [`${area}/src/__tests__/${name.toLowerCase()}-${i}.test.ts`, testFile(r, name)];
    else if (roll < 85) [path, content] = [`${area}/lib/${name.toLowerCase()}-${i}.js`, plainJs(r, name)];
    else if (roll < 90) [path, content] = [`${area}/locales/${name.toLowerCase()}-${i}.json`, json(r, name)];
    else if (roll < 95) [path, content] = [`${area}/docs/${name.toLowerCase()}-${i}.md`, markdown(r, name)];
    else if (roll < 99) [path, content] = [`${area}/styles/${name.toLowerCase()}-${i}.css`, css(r)];
    else [path, content] = [`${area}/env/${name.toLowerCase()}-${i}.env.example`, 'API_URL=https://api.example.com\nAPI_TOKEN=your_token_here\nDATABASE_URL=postgres://user:password@localhost:5432/app\n'];

    if (i % 250 === 125) {
      const kind = SECRET_KINDS[(i / 250) % SECRET_KINDS.length | 0]!;
      path = `${area}/src/config/${kind}-${i}.ts`;
      content = `${library(r, name)}\n${secretLine(r, kind, pem)}`;
      result.secrets[kind] = (result.secrets[kind] ?? 0) + 1;
    }
    result.files++;
    result.bytes += Buffer.byteLength(content);
    pending.push(write(path, content));
    if (pending.length >= 64) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
  return result;
}
