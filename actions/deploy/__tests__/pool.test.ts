import { describe, expect, it } from '@jest/globals';
import { runAdaptive, UploadConcurrency } from '../src/pool.js';

/** Work that records how many ran at once; `throttle(i)` makes item i report a 429 first. */
function tracked(concurrency: UploadConcurrency, throttle: (item: number) => boolean) {
  const seen = { now: 0, peaks: [] as number[], limits: [] as number[] };
  const work = async (item: number) => {
    seen.peaks[item] = ++seen.now;
    seen.limits[item] = concurrency.limit;
    const sentIn = concurrency.window;
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (throttle(item)) concurrency.throttled(sentIn);
    await new Promise((resolve) => setTimeout(resolve, 2));
    seen.now--;
  };
  return { seen, work };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('upload concurrency', () => {
  it('starts at 32, or at the file count when there are fewer files', () => {
    expect(new UploadConcurrency(32, 5000).limit).toBe(32);
    expect(new UploadConcurrency(32, 3).limit).toBe(3);
    expect(new UploadConcurrency(32, 0).limit).toBe(1);
  });

  it('runs 32 at once, halves on a 429, halves again on a 429 to an upload sent after that, then wins slots back one at a time up to 32', async () => {
    const concurrency = new UploadConcurrency(32, 400);
    const { seen, work } = tracked(concurrency, (i) => i === 40 || i === 150);
    await runAdaptive(items(400), concurrency, work);
    expect(Math.max(...seen.peaks.slice(0, 40))).toBe(32);
    // Both 429s halved: the second upload was sent after the first decrease (and after some growth back from 16).
    expect(concurrency).toMatchObject({ throttles: 2, window: 2 });
    expect(concurrency.lowest).toBeLessThan(16);
    // An upload starts only while fewer than the limit of that moment are in flight.
    for (const [item, peak] of seen.peaks.entries()) expect(peak).toBeLessThanOrEqual(seen.limits[item]!);
    const afterThrottle = seen.peaks.slice(72);
    expect(Math.min(...afterThrottle)).toBeLessThan(16);
    expect(Math.max(...afterThrottle)).toBeGreaterThan(8);
    // It grew back after the last halving (which set the lowest), never past the start.
    expect(concurrency.limit).toBeGreaterThan(concurrency.lowest);
    expect(concurrency.limit).toBeLessThanOrEqual(32);
  });

  it('halves once for a burst of 429s to the uploads sent together, not once for each', () => {
    const concurrency = new UploadConcurrency(32, 400);
    const sentTogether = Array.from({ length: 32 }, () => concurrency.window);
    for (const sentIn of sentTogether) concurrency.throttled(sentIn);
    expect(concurrency).toMatchObject({ limit: 16, throttles: 32 });
    concurrency.throttled(concurrency.window);
    expect(concurrency.limit).toBe(8);
  });

  it('never goes below one at a time, and stops starting uploads after a failure', async () => {
    const throttled = new UploadConcurrency(4, 50);
    for (let i = 0; i < 5; i++) throttled.throttled(throttled.window);
    expect(throttled.limit).toBe(1);
    const concurrency = new UploadConcurrency(1, 50);
    const started: number[] = [];
    const failing = runAdaptive(items(50), concurrency, async (i) => {
      started.push(i);
      if (i === 2) throw new Error('upload 2 failed');
    });
    await expect(failing).rejects.toThrow('upload 2 failed');
    expect(started).toEqual([0, 1, 2]);
  });
});
