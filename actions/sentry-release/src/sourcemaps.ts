import type { SentryClient } from '../../../packages/shared/src/clients/sentry.js';
import { formatBytes } from '../../../packages/shared/src/report/markdown.js';
import type { CheckOutcome } from '../../../packages/shared/src/report/model.js';
import type { Tuning } from '../../../packages/shared/src/tuning.js';
import { buildArtifactBundle } from './bundle/bundle.js';
import { collectSourceFiles } from './bundle/collect.js';
import { uploadArtifactBundle } from './upload/assemble.js';

/** The source-map step: collect, bundle, upload what Sentry lacks, wait for the bundle to be assembled. */
export interface SourceMapsTarget {
  client: SentryClient;
  org: string;
  projects: string[];
  version: string;
  cwd: string;
  patterns: string[];
  urlPrefix: string;
  tuning: Pick<Tuning, 'pollMs' | 'maxPollMs'>;
}

export interface SourceMapsOutcome extends CheckOutcome {
  files: number;
  warnings: string[];
}

/** sentry-cli's default wait for assembling (DEFAULT_MAX_WAIT, 5 minutes). */
export const ASSEMBLE_MAX_WAIT_MS = 5 * 60_000;

export async function uploadSourceMaps(target: SourceMapsTarget): Promise<SourceMapsOutcome> {
  const { files, unmatched } = await collectSourceFiles(target.cwd, target.patterns, target.urlPrefix);
  const warnings = unmatched.map((p) => `'sourcemaps' entry ${p} matched no JavaScript or source map file in the working directory: is the build output there?`);
  if (files.length === 0) return { status: 'warn', summary: 'No source files found: nothing uploaded.', files: 0, warnings };
  const bundle = await buildArtifactBundle(files, { org: target.org, projects: target.projects, release: target.version });
  const options = await target.client.chunkUploadOptions(target.org);
  // The server may ask for a shorter wait (sentry-cli: the smaller of its own and `maxWait`).
  const maxWaitMs = options.maxWait ? Math.min(ASSEMBLE_MAX_WAIT_MS, options.maxWait * 1000) : ASSEMBLE_MAX_WAIT_MS;
  const result = await uploadArtifactBundle(bundle.archive, { ...target, options, maxWaitMs });
  const sent = result.uploaded === result.chunks
    ? `${result.chunks} chunk(s) sent (${formatBytes(result.uploadedBytes)})`
    : `${result.uploaded} of ${result.chunks} chunk(s) sent (${formatBytes(result.uploadedBytes)}), the rest already on the server`;
  const summary =
    `${bundle.files} file(s), ${bundle.withDebugId} with a debug id, in one artifact bundle ` +
    `(${formatBytes(bundle.archive.length)} zipped from ${formatBytes(bundle.sourceBytes)}): ${sent}; assembled.`;
  return { status: warnings.length > 0 ? 'warn' : 'pass', summary, files: bundle.files, warnings };
}
