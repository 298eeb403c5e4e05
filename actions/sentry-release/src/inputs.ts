import { z } from 'zod';
import { DEFAULT_SENTRY_URL } from '../../../packages/shared/src/clients/sentry.js';
import { bool, configFile, custom, list, text, token, url, type InputSpec, type InputsOf } from '../../../packages/shared/src/inputs.js';

/**
 * sentry-release's inputs, kebab-case as in sentry-release/action.yml, with the same defaults.
 * `auth-token` is not `required` here on purpose: a fork pull request gets no secrets and is
 * skipped with a notice, so the action checks for the token after the fork check.
 */
const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'is not a Sentry slug');
const SLUG_FORM = "a Sentry slug (lowercase letters, digits, '-' and '_'), e.g. acme";

/**
 * Sentry refuses versions that are empty, `.`, `..`, `latest`, longer than 200 characters, or
 * contain a newline, tab, `/` or `\` (getsentry/sentry src/sentry/models/release.py is_valid_version).
 */
const RELEASE_FORBIDDEN = /[\n\r\f\t/\\]/;
const releaseText = (max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v.length <= max, { message: `is longer than ${max} characters` })
    .refine((v) => !RELEASE_FORBIDDEN.test(v), { message: "contains '/', '\\' or a line break" })
    .refine((v) => !['.', '..', 'latest'].includes(v), { message: 'is a name Sentry reserves' });

/** `owner/name` as the repository is named in Sentry (Settings > Integrations). */
const repoName = z.string().trim().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'is not owner/name');

/** A path or glob inside the working directory: relative, no `..`. */
const sourcePath = {
  schema: z
    .string()
    .transform((v) => v.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, ''))
    .refine((v) => !v.startsWith('/') && !/^[A-Za-z]:/.test(v), { message: 'is an absolute path' })
    .refine((v) => !v.split('/').includes('..'), { message: 'leaves the working directory' }),
  expected: "paths or globs relative to 'working-directory', e.g. .next/static, .next/server or dist/**/*.js",
};

/** `~/` (any scheme and host), `app:///` or a full URL, to which each file's relative path is appended. */
const urlPrefix = z
  .string()
  .trim()
  .refine((v) => /^~\//.test(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v), { message: 'does not start with ~/ or a scheme://' })
  .transform((v) => v.replace(/\/+$/, ''));

/** Sentry environment names: at most 64 characters, no `/` or line break (Sentry's environment validation). */
const environmentName = z
  .string()
  .trim()
  .refine((v) => v.length <= 64, { message: 'is longer than 64 characters' })
  .refine((v) => !/[\n\r\f\t/]/.test(v), { message: "contains '/' or a line break" });

/** A list that must name at least one item (`required` alone accepts ' , '). */
function nonEmpty(spec: InputSpec<string[]>): InputSpec<string[]> {
  return { ...spec, schema: spec.schema.refine((items) => items.length > 0, { message: 'names nothing' }) };
}

export const sentryReleaseInputs = {
  'auth-token': token('a Sentry auth token (an organization token, scope org:ci), e.g. ${{ secrets.SENTRY_AUTH_TOKEN }}'),
  org: { schema: slug, expected: SLUG_FORM, required: true } satisfies InputSpec<string>,
  projects: nonEmpty(list({ required: true }, { schema: slug, expected: 'Sentry project slugs, e.g. web, api' })),
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
