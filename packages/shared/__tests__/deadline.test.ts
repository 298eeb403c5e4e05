import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { deadline } from '../src/deadline.js';

describe('deadline', () => {
  it('aborts with a TimeoutError once its time has passed', async () => {
    const limit = deadline(10, new AbortController().signal);
    await sleep(40);
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as Error).name).toBe('TimeoutError');
  });

  it('aborts with the reason of the cancel signal', () => {
    const cancel = new AbortController();
    const limit = deadline(60_000, cancel.signal);
    cancel.abort(new Error('cancelled by SIGTERM'));
    expect(limit.signal.aborted).toBe(true);
    expect((limit.signal.reason as Error).message).toBe('cancelled by SIGTERM');
    limit.clear();
  });

  it('starts aborted when the cancel signal already is', () => {
    const cancel = new AbortController();
    cancel.abort(new Error('already cancelled'));
    expect(deadline(60_000, cancel.signal).signal.aborted).toBe(true);
  });

  it('once cleared, neither its timer nor a later cancel aborts it', async () => {
    const cancel = new AbortController();
    const limit = deadline(10, cancel.signal);
    limit.clear();
    await sleep(40);
    cancel.abort(new Error('too late'));
    expect(limit.signal.aborted).toBe(false);
  });
});
