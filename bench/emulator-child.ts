import { fork, type ChildProcess } from 'node:child_process';

/**
 * An emulator run in a child process by a benchmark, so its own work is not counted as the
 * step's. The child sends its connection info first, answers `{ cmd }` messages, and exits on
 * `close`.
 */
export interface EmulatorChild<I> {
  child: ChildProcess;
  info: I;
  ask<T>(cmd: string): Promise<T>;
  close(): Promise<void>;
}

export function forkEmulator<I>(script: string, args: string[] = []): Promise<EmulatorChild<I>> {
  const child = fork(script, args, { execArgv: process.execArgv, stdio: 'inherit' });
  const ask = <T>(cmd: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve(m as T));
      child.send({ cmd });
    });
  const close = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ cmd: 'close' });
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('message', (info) => resolve({ child, info: info as I, ask, close }));
    child.once('error', reject);
  });
}
