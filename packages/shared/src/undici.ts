import type * as Undici from 'undici';

/**
 * undici, imported on first use rather than when a module that may send a request is loaded:
 * it is the largest dependency, and an action that stops at an input error never sends one.
 * In dist/ it is its own chunk.
 */
let loading: Promise<typeof Undici> | undefined;

export function loadUndici(): Promise<typeof Undici> {
  return (loading ??= import('undici'));
}
