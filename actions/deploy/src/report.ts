import type { Deployment } from '../../../packages/shared/src/clients/vercel.js';
import type { Check, Report } from '../../../packages/shared/src/report/model.js';
import type { Hashed } from './files/hash.js';
import type { Layout } from './layout.js';
import { formatBytes } from '../../../packages/shared/src/report/markdown.js';
import type { UploadStats } from './upload.js';

/** The deploy's lines in the job summary and the sticky PR comment. */
export function filesCheck(layout: Layout, hashed: Hashed): Check {
  const seconds = hashed.durationMs / 1000;
  const megabytes = hashed.bytes / 1024 / 1024;
  // A rate over a few kilobytes says nothing.
  const rate = megabytes >= 1 && seconds > 0 ? ` at ${(megabytes / seconds).toFixed(0)} MB/s` : '';
  const where = layout.mode === 'prebuilt' ? 'prebuilt output' : `source${layout.ignoreFile ? ` (less ${layout.ignoreFile})` : ''}`;
  return {
    id: 'files',
    title: 'Files',
    status: 'pass',
    summary: `${count(hashed.files.length)} files of the ${where}, ${formatBytes(hashed.bytes)}; ${count(hashed.blobs.size)} distinct, hashed${rate}`,
    durationMs: Math.round(hashed.durationMs),
  };
}

export function uploadCheck(stats: UploadStats, hashed: Hashed): Check {
  const had = hashed.blobs.size - stats.files;
  const summary =
    stats.files === 0
      ? `Vercel already had all ${count(hashed.blobs.size)} distinct files`
      : `${count(stats.files)} file(s) uploaded (${formatBytes(stats.bytes)})${had > 0 ? `; Vercel already had the other ${count(had)}` : ''}`;
  return { id: 'upload', title: 'Upload', status: 'pass', summary, durationMs: Math.round(stats.durationMs) };
}

export function addLinks(report: Report, d: Deployment, url: string | undefined, previousId: string | undefined, production: boolean): void {
  const lines = [
    url ? `**${production ? 'Production' : 'Preview'}:** ${url}` : undefined,
    `**Deployment:** \`${d.id}\` (${d.readyState})${d.inspectorUrl ? ` · [Inspect](${d.inspectorUrl})` : ''}`,
    previousId ? `**Previous production deployment:** \`${previousId}\`` : undefined,
  ].filter(Boolean);
  report.addNote(lines.join('  \n'));
}

/** 5000 → "5,000". By hand: the first toLocaleString of a process loads ICU's number formats, 40 ms of the step. */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
