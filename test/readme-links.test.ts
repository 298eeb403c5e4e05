import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ROOT } from './harness/dist.js';

/**
 * Every relative link in every README resolves to a file or folder inside this repository: a
 * user reading the README on GitHub, or in a clone, never follows a link out of it or to nothing.
 */
const SKIP = new Set(['node_modules', '.git', 'dist']);

function readmes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return readmes(path);
    return entry.name.toLowerCase() === 'readme.md' ? [path] : [];
  });
}

/** Link targets of inline links, images and reference definitions, outside code. */
export function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
  const inline = [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
  const references = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm)].map((m) => m[1]!);
  return [...inline, ...references];
}

/** Why a relative link of `file` does not resolve inside `root`, or undefined when it does. */
export function brokenLink(root: string, file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return undefined;
  const path = decodeURI(target.replace(/[?#].*$/, ''));
  const resolved = path.startsWith('/') ? join(root, path) : resolve(dirname(file), path);
  const inside = relative(root, resolved);
  if (inside.startsWith('..') || inside.split(sep)[0] === '..') return `${target} leaves the repository`;
  if (!existsSync(resolved)) return `${target} does not exist`;
  return undefined;
}

describe('README links', () => {
  it('every relative link in every README resolves inside the repository', () => {
    const files = readmes(ROOT);
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['README.md', join('smoke-test', 'README.md')]));
    const broken = files.flatMap((file) =>
      linkTargets(readFileSync(file, 'utf8')).flatMap((target) => {
        const problem = brokenLink(ROOT, file, target);
        return problem ? [`${relative(ROOT, file)}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it('catches a link that leaves the repository, a missing file, and ignores code and URLs', () => {
    const markdown = [
      'See [DESIGN.md](../shared/DESIGN.md) and [gone](docs/nope.md "title") and [ok](README.md#top).',
      '[ref]: ./missing.md',
      '`[not a link](nowhere.md)`',
      '```md',
      '[also not](nowhere.md)',
      '```',
      '[web](https://example.com/x.md) [here](#anchor)',
    ].join('\n');
    const file = join(ROOT, 'README.md');
    const problems = linkTargets(markdown).map((t) => brokenLink(ROOT, file, t)).filter(Boolean);
    expect(problems).toEqual(['../shared/DESIGN.md leaves the repository', 'docs/nope.md does not exist', './missing.md does not exist']);
  });
});
