import { describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as commands from '../src/workflow-commands.js';

type Api = Pick<typeof commands, 'info' | 'debug' | 'notice' | 'warning' | 'error' | 'setSecret' | 'group' | 'setFailed'>;

/** What one API writes to stdout for the same calls, with the runner's escapes exercised. */
async function written(api: Api): Promise<string> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const exitCode = process.exitCode;
  process.stdout.write = ((chunk: string) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
  try {
    api.info('plain line: 100% done');
    api.debug('multi\nline\r\nwith %0A already escaped');
    api.notice('note', { file: 'src/a,b.ts', startLine: 3, startColumn: 0, title: 'Title: with, punctuation' });
    api.warning('warn', { file: 'x.ts', startLine: 1, endLine: 2, startColumn: 4, endColumn: 9 });
    api.error('boom\nsecond line');
    api.setSecret('s3cr3t-value');
    await api.group('Group: title', async () => api.info('inside'));
    api.setFailed('failed: 50%');
  } finally {
    process.stdout.write = write;
    process.exitCode = exitCode;
  }
  return chunks.join('');
}

describe('workflow commands', () => {
  it('write exactly what @actions/core writes, escapes included', async () => {
    const ours = await written(commands);
    expect(ours).toBe(await written(core));
    expect(ours).toContain('::notice title=Title%3A with%2C punctuation,file=src/a%2Cb.ts,line=3::note');
    expect(ours).toContain('::error::failed: 50%25');
  });

  it('set outputs in the GITHUB_OUTPUT file that the runner (and @actions/core) read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-commands-'));
    const file = join(dir, 'output');
    await writeFile(file, '');
    const before = process.env['GITHUB_OUTPUT'];
    process.env['GITHUB_OUTPUT'] = file;
    try {
      commands.setOutput('url', 'https://app.example');
      commands.setOutput('log', 'line 1\nline 2');
    } finally {
      if (before === undefined) delete process.env['GITHUB_OUTPUT'];
      else process.env['GITHUB_OUTPUT'] = before;
    }
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^url<<(ghadelimiter_[0-9a-f-]{36})\nhttps:\/\/app\.example\n\1\nlog<<(ghadelimiter_[0-9a-f-]{36})\nline 1\nline 2\n\2\n$/);
  });
});
