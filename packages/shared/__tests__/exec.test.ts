import { describe, expect, it } from '@jest/globals';
import { execCommand, lastLines } from '../src/exec.js';

describe('execCommand', () => {
  it('keeps stdout apart from the interleaved output', async () => {
    const r = await execCommand(process.execPath, ['-e', "process.stdout.write('{\"a\":1}'); process.stderr.write('npm warn x\\n')"]);
    expect(r).toMatchObject({ exitCode: 0, stdout: '{"a":1}', stderr: 'npm warn x\n', notFound: false, truncated: false });
    expect(r.output).toContain('npm warn x');
  });

  it('tells a program that is not installed apart from one that exits 127 itself', async () => {
    const missing = await execCommand('deploy-kit-no-such-program', []);
    expect(missing).toMatchObject({ exitCode: 127, notFound: true });
    const script = await execCommand('sh', ['-c', 'no-such-tool-either']);
    expect(script).toMatchObject({ exitCode: 127, notFound: false });
  });

  it('keeps the end of a long output and says the start was dropped', async () => {
    const r = await execCommand(process.execPath, ['-e', "for (let i = 0; i < 5000; i++) console.log('line ' + i)"], { maxOutput: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBeLessThanOrEqual(1000);
    expect(lastLines(r.stdout, 1)).toBe('line 4999');
  });

  it('stops a command past its timeout with exit 124', async () => {
    const r = await execCommand(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 200 });
    expect(r.exitCode).toBe(124);
  });
});
