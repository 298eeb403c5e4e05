import { afterAll, describe, expect, it } from '@jest/globals';
import { checkEnvFiles, countEnvValues } from '../src/env-files.js';
import { makeRepo, removeTempDirs } from './helpers/repo.js';

// Assembled at run time, so this file holds no key-shaped literal for secret scanners to flag.
const SECRET = ['sk', 'live', '51HxCommittedButNeverShown0000'].join('_');

describe('countEnvValues', () => {
  it('counts KEY=value lines with a value, in dotenv syntax', () => {
    const text = [
      '# comment',
      'EMPTY=',
      'QUOTED_EMPTY=""',
      'ONLY_COMMENT= # nothing here',
      `STRIPE_SECRET_KEY=${SECRET}`,
      'export DATABASE_URL="postgres://app:pw@db/app"',
      "SINGLE='x' # trailing",
      '',
    ].join('\n');
    expect(countEnvValues(text)).toEqual({ count: 3, firstLine: 5 });
  });
});

describe('checkEnvFiles', () => {
  it('fails on each committed env file with values, naming it and its count, never a value', async () => {
    const repo = makeRepo({
      '.gitignore': 'node_modules\n',
      '.env': `STRIPE_SECRET_KEY=${SECRET}\nNEXT_PUBLIC_URL=https://shop.example\n`,
      '.env.production': 'API_URL=https://api.example\n',
      'config/.env.staging.local': 'TOKEN=abc\n',
      '.env.local': 'EMPTY=\n',
      '.env.example': 'STRIPE_SECRET_KEY=your_key_here\n',
      '.env.development': 'DEBUG=1\n',
    });
    const { check, findings } = await checkEnvFiles(repo, []);
    expect(check.status).toBe('fail');
    const committed = findings.filter((f) => f.rule === 'env-file/committed');
    expect(committed.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['.env', 1, 'error'],
      ['.env.production', 1, 'error'],
      ['config/.env.staging.local', 1, 'error'],
    ]);
    expect(committed[0]!.message).toContain('.env is committed with 2 values');
    expect(committed[0]!.message).toContain('git rm --cached .env');
    expect(JSON.stringify({ check, findings })).not.toContain(SECRET);
  });

  it('warns when .gitignore does not cover .env*.local', async () => {
    const repo = makeRepo({ '.gitignore': 'node_modules\n.env.local\n', 'index.js': '' });
    const { check, findings } = await checkEnvFiles(repo, []);
    expect(check.status).toBe('warn');
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'warning', rule: 'env-file/gitignore', file: '.gitignore', message: expect.stringContaining('.env.deploy-kit-probe.local') }),
    ]);
  });

  it('passes with .env*.local ignored and only an example committed', async () => {
    const repo = makeRepo({ '.gitignore': '.env*.local\n', '.env.example': 'KEY=placeholder\n' });
    expect(await checkEnvFiles(repo, [])).toEqual({ check: { status: 'pass', summary: expect.any(String) }, findings: [] });
  });

  it('does not look at untracked env files: git keeps them out already', async () => {
    const repo = makeRepo({ '.gitignore': '.env*.local\n' }, { untracked: { '.env': `KEY=${SECRET}\n` } });
    expect((await checkEnvFiles(repo, [])).check.status).toBe('pass');
  });

  it('accepts files listed in env-files-allow', async () => {
    const repo = makeRepo({ '.gitignore': '.env*.local\n', '.env': 'NEXT_PUBLIC_SITE=https://shop.example\n' });
    expect((await checkEnvFiles(repo, ['.env'])).check.status).toBe('pass');
  });

  it('finds a committed env file in a repository whose file list runs past a megabyte', async () => {
    const long = `${'d'.repeat(200)}/${'f'.repeat(200)}`;
    const files = Object.fromEntries(Array.from({ length: 2700 }, (_, i) => [`src/${long}-${i}.txt`, '']));
    const repo = makeRepo({ ...files, '.gitignore': '.env*.local\n', '.env': 'API_KEY=value\n' });
    const { findings } = await checkEnvFiles(repo, []);
    expect(findings.map((f) => f.file)).toEqual(['.env']);
  }, 30_000);

  it('skips outside a git repository', async () => {
    const dir = makeRepo({ '.env': 'KEY=1\n' }, { git: false });
    expect((await checkEnvFiles(dir, [])).check).toEqual({ status: 'skip', summary: expect.stringContaining('Not a git repository') });
  });
});

afterAll(removeTempDirs);
