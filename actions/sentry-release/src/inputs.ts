import { DEFAULT_SENTRY_URL } from '../../../packages/shared/src/clients/sentry/access.js';
import { bool, checkedText, configFile, custom, invalid, list, matches, relativePath, text, token, url, type InputSpec, type InputsOf } from '../../../packages/shared/src/inputs.js';

/**
 * sentry-release's inputs, kebab-case as in sentry-release/action.yml, with the same defaults. A
 * pull request from a fork, which gets no token, is skipped before they are read (`skipOnFork`).
 */
const slug = checkedText([matches(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'is not a Sentry slug')], (v) => v.trim().toLowerCase());
const SLUG_FORM = "a Sentry slug (lowercase letters, digits, '-' and '_'), e.g. acme";

/**
 * Sentry refuses versions that are empty, `.`, `..`, `latest`, longer than 200 characters, or
 * contain a newline, tab, `/` or `\` (getsentry/sentry src/sentry/models/release.py is_valid_version).
 */
const RELEASE_FORBIDDEN = /[\n\r\f\t/\\]/;
const releaseText = (max: number) =>
  checkedText([
    [(v) => v.length <= max, `is longer than ${max} characters`],
    [(v) => !RELEASE_FORBIDDEN.test(v), "contains '/', '\\' or a line break"],
    [(v) => !['.', '..', 'latest'].includes(v), 'is a name Sentry reserves'],
  ]);

/** `owner/name` as the repository is named in Sentry (Settings > Integrations). */
const repoName = checkedText([matches(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'is not owner/name')]);

/** A path or glob inside the working directory: relative, no `..`. */
const sourcePath = {
  parse: relativePath,
  expected: "paths or globs relative to 'working-directory', e.g. .next/static, .next/server or dist/**/*.js",
};

/** `~/` (any scheme and host), `app:///` or a full URL, to which each file's relative path is appended. */
const urlPrefix = checkedText(
  [[(v) => /^~\//.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v), 'does not start with ~/ or a scheme://']],
  (v) => v.trim().replace(/\/+$/, ''),
);

/** Sentry environment names: at most 64 characters, no `/` or line break (Sentry's environment validation). */
const environmentName = checkedText([
  [(v) => v.length <= 64, 'is longer than 64 characters'],
  [(v) => !/[\n\r\f\t/]/.test(v), "contains '/' or a line break"],
]);

/** A list that must name at least one item (`required` alone accepts ' , '). */
function nonEmpty(spec: InputSpec<string[]>): InputSpec<string[]> {
  const parse = async (raw: string) => {
    const parsed = await spec.parse(raw);
    return parsed.ok && parsed.value.length === 0 ? invalid('names nothing') : parsed;
  };
  return { ...spec, parse };
}

export const sentryReleaseInputs = {
  'auth-token': token('a Sentry auth token (an organization token, scope org:ci), e.g. ${{ secrets.SENTRY_AUTH_TOKEN }}', { required: true }),
  org: { parse: slug, expected: SLUG_FORM, required: true } satisfies InputSpec<string>,
  projects: nonEmpty(list({ required: true }, { parse: slug, expected: 'Sentry project slugs, e.g. web, api' })),
  version: custom(releaseText(200), "a release name of at most 200 characters without '/', '\\' or line breaks; default: the commit SHA"),
  prefix: custom(releaseText(150), "text put before the version, without '/', '\\' or line breaks, e.g. shop@"),
  url: url({ default: DEFAULT_SENTRY_URL }),
  repo: custom(repoName, 'the repository as connected in Sentry: owner/name, e.g. acme/shop'),
  sourcemaps: list({}, sourcePath),
  'url-prefix': custom(urlPrefix, 'a URL prefix starting with ~/ or scheme://, e.g. ~/_next or app:///_next', { default: '~/_next' }),
  environment: custom(environmentName, "a Sentry environment name of at most 64 characters without '/' or line breaks, e.g. production"),
  'deploy-url': url(),
  finalize: bool(true),
  'fail-on-error': bool(true),
  'working-directory': text({ default: '.' }, 'a directory of the repository, e.g. apps/web'),
  config: configFile(),
};

export type SentryReleaseInputs = InputsOf<typeof sentryReleaseInputs>;
