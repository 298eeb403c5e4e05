import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONSOLE_ALLOW, DEFAULT_EXEMPT, scanFiles, scanRepository, type ScanOptions } from '../../src/scan/index.js';
import { ConfigurationError } from '../../../../packages/shared/src/errors.js';
import { seededRandom } from '../fixtures/secrets-corpus/corpus.js';
import { writeTree } from '../../../../test/harness/files.js';

const random = seededRandom(9);
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const token = (length: number) => Array.from({ length }, () => BASE62[Math.floor(random() * 62)]).join('');
// Assembled at run time so the repository holds no realistic secret.
const pat = () => ['ghp', token(36)].join('_');

function options(root: string, overrides: Partial<ScanOptions> = {}): ScanOptions {
  return { root, consoleAllow: DEFAULT_CONSOLE_ALLOW, todoPolicy: 'warn', exempt: DEFAULT_EXEMPT, allowlist: [], ...overrides };
}

const git = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'pipe' });
const places = (findings: { rule: string; file?: string; line?: number }[]) => findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

describe('scanRepository in a git work tree', () => {
  let root: string;
  let outside: string;
  const secrets = { tracked: pat(), ignored: pat(), untracked: pat(), dependency: pat(), build: pat(), binary: pat(), large: pat(), test: pat(), outside: pat() };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'deploy-kit-scan-git-'));
    await writeTree(root, {
      '.gitignore': '.env.local\nnode_modules/\n',
      'src/app.ts': `// TODO: split\nexport function f() {\n  console.log("x");\n  console.error("ok");\n}\n`,
      'src/keys.ts': `export const token = '${secrets.tracked}';\n`,
      'src/app.test.ts': `console.log(1);\nconst fixture = '${secrets.test}';\n`,
      '.env.local': `GITHUB_TOKEN=${secrets.ignored}\n`,
      'notes.txt': `token: ${secrets.untracked}\n`,
      'node_modules/pkg/index.js': `module.exports = '${secrets.dependency}'; console.log(1)\n`,
      'dist/bundle.js': `const t = '${secrets.build}'; console.log(1)\n`,
      'assets/logo.png': `token = '${secrets.binary}'`,
      'data/blob.txt': Buffer.concat([Buffer.from(`token = '${secrets.binary}'\n`), Buffer.from([0, 1, 2])]),
      'data/huge.json': `{"token": "${secrets.large}"}\n${' '.repeat(2 * 1024 * 1024)}`,
      'gone.ts': 'console.log(1)\n',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.gitignore', 'src', 'dist', 'assets', 'data', 'gone.ts');
    git(root, 'add', '-f', 'node_modules/pkg/index.js');
    await rm(join(root, 'gone.ts'));
    // A tracked symlink to a file outside the repository is not followed.
    outside = await mkdtemp(join(tmpdir(), 'deploy-kit-scan-outside-'));
    await writeFile(join(outside, 'leak.ts'), `export const token = '${secrets.outside}';\n`);
    await symlink(join(outside, 'leak.ts'), join(root, 'src/link.ts'));
    git(root, 'add', 'src/link.ts');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('scans only tracked text files outside dependency and build folders', async () => {
    const result = await scanRepository(options(root));
    expect(result.listedBy).toBe('git');
    expect(places(result.findings)).toEqual([
      'src/app.test.ts:2 secret/github-pat',
      'src/app.ts:1 todo',
      'src/app.ts:3 console',
      'src/keys.ts:1 secret/github-pat',
    ]);
    // .gitignore, src/app.ts, src/keys.ts, src/app.test.ts; not the NUL-byte file, the large one, the deleted one or the symlink.
    expect(result.files).toBe(4);
    expect(result.skippedLarge).toEqual(['data/huge.json']);
    const shown = JSON.stringify(result);
    for (const secret of Object.values(secrets)) expect(shown).not.toContain(secret);
  });

  it('never reads ignored or untracked files, whatever they hold', async () => {
    const result = await scanRepository(options(root, { exempt: [] }));
    const files = new Set(result.findings.map((f) => f.file));
    for (const file of ['.env.local', 'notes.txt', 'node_modules/pkg/index.js', 'dist/bundle.js', 'assets/logo.png']) expect(files.has(file)).toBe(false);
    expect(places(result.findings)).toContain('src/app.test.ts:1 console');
  });

  it('reports relative paths with forward slashes, sorted by file and line', async () => {
    const { findings } = await scanRepository(options(root));
    expect(findings.every((f) => f.file && !f.file.startsWith('/') && !f.file.includes('\\'))).toBe(true);
    expect([...findings].sort((a, b) => a.file!.localeCompare(b.file!) || a.line! - b.line!)).toEqual(findings);
  });

  it('checks the settings before reading anything', async () => {
    await expect(scanRepository(options(root, { allowlist: [{ path: '' }] }))).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe('scanRepository outside a git work tree', () => {
  let root: string;
  const secrets = { kept: pat(), ignoredRoot: pat(), ignoredNested: pat(), ignoredDir: pat(), dependency: pat() };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'deploy-kit-scan-walk-'));
    await writeTree(root, {
      '.gitignore': '.env.local\nsecrets/\n',
      'app/.gitignore': 'local.ts\n',
      'app/main.ts': `export const token = '${secrets.kept}';\n`,
      'app/local.ts': `export const token = '${secrets.ignoredNested}';\n`,
      '.env.local': `TOKEN=${secrets.ignoredRoot}\n`,
      'secrets/prod.ts': `export const token = '${secrets.ignoredDir}';\n`,
      'node_modules/x/index.js': `module.exports = '${secrets.dependency}';\n`,
    });
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('walks the tree, honouring every .gitignore, and says so', async () => {
    const result = await scanRepository(options(root));
    expect(result.listedBy).toBe('walk');
    expect(places(result.findings)).toEqual(['app/main.ts:1 secret/github-pat']);
    expect(result.files).toBe(3);
  });
});

describe('scanFiles', () => {
  it('scans exactly the listed files, for trees that are not repositories', async () => {
    const root = await mkdtemp(join(tmpdir(), 'deploy-kit-scan-files-'));
    try {
      await writeTree(root, { 'lib/a.js': 'console.log(1)\n', 'lib/b.js': 'console.log(2)\n', 'node_modules/c.js': 'debugger\n' });
      const result = await scanFiles(['lib/a.js', 'node_modules/c.js', 'missing.js'], options(root));
      expect(places(result.findings)).toEqual(['lib/a.js:1 console', 'node_modules/c.js:1 debugger']);
      expect(result.files).toBe(2);
      const limited = await scanFiles(['lib/a.js'], options(root), { maxFileBytes: 4 });
      expect(limited).toMatchObject({ files: 0, skippedLarge: ['lib/a.js'] });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("the scanner's own files", () => {
  it('hold no secret, console call, debugger statement or TODO (the repository passes its own scan)', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const repository = join(here, '../../../..');
    const folders = ['actions/preflight/src/scan', 'actions/preflight/__tests__/scan', 'actions/preflight/__tests__/fixtures/secrets-corpus', 'bench/scan'];
    const files: string[] = [];
    for (const folder of folders) {
      for (const entry of await readdir(join(repository, folder), { recursive: true, withFileTypes: true })) {
        if (entry.isFile()) files.push(relative(repository, join(entry.parentPath, entry.name)).split('\\').join('/'));
      }
    }
    expect(files.length).toBeGreaterThan(15);
    const result = await scanFiles(files, options(repository));
    expect(places(result.findings)).toEqual([]);
  });
});
