import { describe, expect, it } from '@jest/globals';
import { runAdaptive, UploadConcurrency } from '../src/pool.js';

/** Work that records how many ran at once; `throttle(i)` makes item i report a 429 first. */
function tracked(concurrency: UploadConcurrency, throttle: (item: number) => boolean) {
  const seen = { now: 0, peaks: [] as number[], limits: [] as number[] };
  const work = async (item: number) => {
    seen.peaks[item] = ++seen.now;
    seen.limits[item] = concurrency.limit;
    await new Promise((resolve) => setTimeout(resolve, 2));
    if (throttle(item)) concurrency.throttled();
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

  it('runs 32 at once, halves on each 429, then wins slots back one at a time up to 32', async () => {
    const concurrency = new UploadConcurrency(32, 400);
    const { seen, work } = tracked(concurrency, (i) => i === 40 || i === 41);
    await runAdaptive(items(400), concurrency, work);
    expect(Math.max(...seen.peaks.slice(0, 40))).toBe(32);
    expect(concurrency.throttles).toBe(2);
    expect(concurrency.lowest).toBe(8);
    // An upload starts only while fewer than the limit of that moment are in flight.
    for (const [item, peak] of seen.peaks.entries()) expect(peak).toBeLessThanOrEqual(seen.limits[item]!);
    const afterThrottle = seen.peaks.slice(72);
    expect(Math.min(...afterThrottle)).toBeLessThan(16);
    expect(Math.max(...afterThrottle)).toBeGreaterThan(8);
    expect(concurrency.limit).toBeGreaterThan(8);
    expect(concurrency.limit).toBeLessThanOrEqual(32);
  });

  it('never goes below one at a time, and stops starting uploads after a failure', async () => {
    const throttled = new UploadConcurrency(4, 50);
    for (let i = 0; i < 5; i++) throttled.throttled();
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
