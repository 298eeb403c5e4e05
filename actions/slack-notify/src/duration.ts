export { STARTED_AT_VARIABLE, startOfDeploy, type StartSource } from '../../../packages/shared/src/started-at.js';

/** "45 s", "12 min 5 s", "1 h 3 min": a deploy is never read in milliseconds. */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
