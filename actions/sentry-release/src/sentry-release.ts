import { sentryClientFor } from '../../../packages/shared/src/clients/sentry.js';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import { tuningFromEnv } from '../../../packages/shared/src/tuning.js';
import { recordCommits } from './commits.js';
import { deployStart, recordDeploy } from './deploy-record.js';
import type { SentryReleaseInputs } from './inputs.js';
import { ensureRelease, finalizeRelease, releaseUrl } from './release.js';
import { resolveSettings } from './settings.js';
import { uploadSourceMaps } from './sourcemaps.js';
import { Steps } from './steps.js';

/**
 * sentry-release: the release for the projects, its commits, the source maps as one artifact
 * bundle, the release date and a deploy record — over Sentry's HTTP API, no sentry-cli.
 */
export async function sentryRelease({ inputs, run, log, report }: ActionContext<SentryReleaseInputs>): Promise<ActionResult> {
  const startedAt = new Date();
  const settings = await resolveSettings(inputs, run);
  const { org, projects, url } = inputs;
  const { version, cwd } = settings;
  const tuning = tuningFromEnv();
  const client = sentryClientFor({ token: settings.token, url }, log, tuning);
  const steps = new Steps(report, log, { org, projects }, inputs['fail-on-error']);

  const created = await steps.run('release', 'Release', () => ensureRelease(client, org, version, projects).then((r) => ({ ...r.outcome, release: r.release })));

  if (!inputs.repo) steps.skip('commits', 'Commits', "Not associated: set 'repo' (owner/name as connected in Sentry) to link the release to its commits.");
  else if (!settings.sha) steps.skip('commits', 'Commits', 'Not associated: no commit is known (no GITHUB_SHA and no git checkout).');
  else {
    const target = { client, org, version, repo: inputs.repo, sha: settings.sha, cwd };
    const commits = await steps.run('commits', 'Commits', () => recordCommits(target));
    if (commits?.notice) log.notice(commits.notice);
  }

  let filesUploaded = 0;
  if (!inputs.sourcemaps?.length) steps.skip('sourcemaps', 'Source maps', "None uploaded: set 'sourcemaps' (e.g. .next) to make stack traces readable.");
  else {
    const target = { client, org, projects, version, cwd, patterns: inputs.sourcemaps, urlPrefix: inputs['url-prefix'], tuning };
    const maps = await steps.run('sourcemaps', 'Source maps', () => uploadSourceMaps(target));
    for (const warning of maps?.warnings ?? []) log.warning(warning);
    filesUploaded = maps?.files ?? 0;
  }

  if (!inputs.finalize) steps.skip('finalize', 'Finalize', 'Left unreleased: finalize is false.');
  else if (created) await steps.run('finalize', 'Finalize', () => finalizeRelease(client, org, created.release));
  else steps.skip('finalize', 'Finalize', 'Not run: the release was not created.');

  if (!inputs.environment) steps.skip('deploy', 'Deploy record', "None recorded: set 'environment' (e.g. production) to record a deploy.");
  else {
    const target = { client, org, version, projects, environment: inputs.environment, url: inputs['deploy-url'], startedAt: deployStart(process.env, startedAt, log) };
    await steps.run('deploy', `Deploy record (${inputs.environment})`, () => recordDeploy(target));
  }

  const outputs = created
    ? { version, 'release-url': releaseUrl(url, org, version), 'files-uploaded': filesUploaded }
    : { 'files-uploaded': 0 };
  return { outputs, failed: steps.failure() };
}
