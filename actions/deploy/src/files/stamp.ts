import type { Stats } from 'node:fs';

/**
 * A file's identity when the walk listed it, before it was hashed: size, modification and change
 * times, inode. Every write sets the change time from the filesystem's clock (a program can set the
 * modification time back, not the change time), so a file whose stamp is the same after it was read
 * for upload holds the bytes that were hashed, and needs no second SHA-1 — unless it had also been
 * written less than one tick of that clock before it was stamped: a second write within the same
 * tick would leave the stamp as it was. Such a file ("racily clean", as git calls it) is hashed
 * again. The tick: milliseconds where the filesystem keeps fractions of a second (ext4, xfs, btrfs,
 * tmpfs, APFS, NTFS), up to two seconds where it keeps whole seconds (ext3, HFS+, FAT), which its
 * whole-second times give away.
 */
export interface Stamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** When the stamp was taken, on the same clock. */
  takenAtMs: number;
}

/** A margin over the kernel clock's tick (10 ms at most) on filesystems that keep fractions of a second. */
const FINE_TICK_MS = 100;
/** FAT keeps times to two seconds. */
const WHOLE_SECONDS_TICK_MS = 2000;

export function stampOf(stats: Stats, takenAtMs: number = Date.now()): Stamp {
  return { size: stats.size, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, ino: stats.ino, takenAtMs };
}

/** Whether the file, as `now` describes it, is known to be unchanged since `stamp` without reading it. */
export function unchangedSince(stamp: Stamp, now: Stats): boolean {
  const same = now.size === stamp.size && now.mtimeMs === stamp.mtimeMs && now.ctimeMs === stamp.ctimeMs && now.ino === stamp.ino;
  return same && !racy(stamp);
}

function racy(stamp: Stamp): boolean {
  const lastChange = Math.max(stamp.mtimeMs, stamp.ctimeMs);
  // The change time, which no program sets: a modification time in whole seconds may come from a tar.
  const tick = stamp.ctimeMs % 1000 === 0 ? WHOLE_SECONDS_TICK_MS : FINE_TICK_MS;
  return stamp.takenAtMs - lastChange < tick;
}
