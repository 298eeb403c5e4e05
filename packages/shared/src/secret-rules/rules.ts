/**
 * Secrets recognised by their own shape: a vendor prefix or structure. Each rule names literal
 * anchors (preflight's scan finds them all in one pass of its literal matcher), a sticky pattern
 * matched at the anchor, and a check that turns away placeholders and non-secrets.
 *
 * Formats, from the vendors' documentation:
 * - AWS access key IDs: AKIA (long-term), ASIA (temporary), ABIA, ACCA + 16 upper-case
 *   alphanumerics — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
 * - GitHub: ghp_ (classic PAT), github_pat_ (fine-grained PAT), gho_ (OAuth), ghu_/ghs_
 *   (GitHub App user/installation), ghr_ (refresh) —
 *   https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
 * - Stripe: sk_/rk_ + live_/test_ — https://docs.stripe.com/keys
 * - Slack: hooks.slack.com/services|workflows|triggers URLs and xoxb-/xoxp-/xoxa-/xoxo-/xoxs-/xoxr-
 *   tokens — https://api.slack.com/authentication/token-types
 * - Supabase: the service_role JWT (role claim `service_role`) and sb_secret_ keys —
 *   https://supabase.com/docs/guides/api/api-keys
 * - Sentry: sntrys_ (organization) and sntryu_ (user) auth tokens —
 *   https://docs.sentry.io/account/auth-tokens/
 * - Vercel: vcp_ (personal), vci_ (integration), vca_ (app access), vcr_ (app refresh), vck_
 *   (API key) — https://vercel.com/changelog/new-token-formats-and-secret-scanning
 *   (older 24-character tokens are found by assignment to a VERCEL_* name, see assignments.ts)
 * - OpenAI: sk-proj-, sk-svcacct-, sk-admin-, and legacy keys carrying `T3BlbkFJ`.
 * - Anthropic: sk-ant-api03- and sk-ant-admin01- keys.
 * - SendGrid: SG.<22>.<43> — https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys
 * - PEM/OpenSSH/PGP private key blocks with a key body.
 * - postgres, mysql, mariadb, mongodb(+srv), redis(s), amqp(s) URLs with an inline password.
 * - Stripe webhook signing secrets: whsec_ — https://docs.stripe.com/webhooks#verify-events
 * - npm access tokens: npm_ + 36 alphanumerics —
 *   https://github.blog/security/announcing-npms-new-access-token-format/
 * - Google API keys: AIza + 35 of [A-Za-z0-9_-] — https://cloud.google.com/docs/authentication/api-keys
 * - Resend API keys: re_<id>_<secret> — https://resend.com/docs/dashboard/api-keys/introduction
 * - Slack app-level tokens: xapp-<n>-<app id>-<number>-<hex> — https://api.slack.com/authentication/token-types#app
 * - GitHub's stateless installation tokens (2026): ghs_<app id>_<JWT>, about 520 characters —
 *   https://github.blog/changelog/ (Notice about upcoming new format for GitHub App installation tokens)
 * - Credentials written in any http(s)/ftp/smtp/ssh URL (a Sentry DSN with its legacy secret
 *   key, `https://user:token@host`) — RFC 3986 §3.2.1 (userinfo is deprecated for passwords).
 * - `Authorization: Bearer <literal>` / `Basic <literal>` in code, configs, scripts and docs.
 * - NEXT_PUBLIC_*SERVICE_ROLE*: Next.js inlines NEXT_PUBLIC_ variables into the browser bundle
 *   (https://nextjs.org/docs/app/guides/environment-variables#bundling-environment-variables-for-the-browser),
 *   so a service-role key under such a name is public whatever its value.
 */
import type { Severity } from '../report/model.js';
import { isPlaceholder, looksRandom, shannonEntropy } from './value-checks.js';

export interface SecretRule {
  id: string;
  /** What was found, e.g. "Stripe live secret key". */
  title: string;
  severity: Severity;
  /** Where to revoke or rotate it: completes "revoke it ..." in the message. */
  rotate: string;
  anchors: string[];
  /** Sticky; tried at each anchor position. */
  pattern: RegExp;
  /** The capture group holding the secret (0: the whole match). */
  secretGroup: number;
  /** Whether the match is a real secret rather than a placeholder or a public value. */
  accept(match: RegExpExecArray): boolean;
  /** The finding's message when it is not "<title> <value> is committed: <rotate>." (a name, not a value). */
  describe?(match: RegExpExecArray): string;
  /** The match is a name, not a secret value: nothing to mask or to match an allowlist value against. */
  nameOnly?: boolean;
}

const base62Body = (match: RegExpExecArray, group = 1) => looksRandom(match[group] ?? '');

function rule(fields: Omit<SecretRule, 'secretGroup' | 'accept'> & Partial<SecretRule>): SecretRule {
  return { secretGroup: 0, accept: (match) => base62Body(match), ...fields };
}

const GITHUB_KINDS: [string, string, string][] = [
  ['ghp_', 'github-pat', 'GitHub personal access token (classic)'],
  ['gho_', 'github-oauth-token', 'GitHub OAuth access token'],
  ['ghu_', 'github-app-token', 'GitHub App user access token'],
  ['ghs_', 'github-app-token', 'GitHub App installation token'],
  ['ghr_', 'github-refresh-token', 'GitHub App refresh token'],
];

/** The JWT every tutorial shows (jwt.io's sample, `sub` 1234567890, John Doe): an example, never a credential. */
function isJwtIoExample(token: string): boolean {
  const payload = jwtPayload(token.split('.')[1] ?? '');
  return payload?.sub === '1234567890' && payload.name === 'John Doe';
}

/** Whether another rule's literal anchor starts the value: a prefixed token is left to the rule that names it. */
function startsWithVendorAnchor(value: string, self: string): boolean {
  return SECRET_RULES.some((rule) => rule.id !== self && rule.anchors.some((anchor) => value.startsWith(anchor)));
}

/** URL schemes whose userinfo the database-url rule does not cover. */
const URL_SCHEMES = ['https://', 'http://', 'ftp://', 'ftps://', 'sftp://', 'smtp://', 'smtps://', 'ssh://', 'ldap://', 'ldaps://'];

const GITHUB_ROTATE = 'revoke it in GitHub (Settings → Developer settings) and use ${{ secrets.GITHUB_TOKEN }} or a repository secret';

/** Passwords that only ever guard a local development database. */
const DEVELOPMENT_PASSWORDS = new Set([
  'pass', 'passwd', 'secret', 'postgres', 'postgresql', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'root',
  'admin', 'guest', 'test', 'user', 'docker', 'dev', 'local', 'prisma', 'pw', 'pwd', 'rabbitmq',
]);

/** Hosts reserved for documentation (RFC 2606, RFC 6761): a URL there is an example. */
const DOCUMENTATION_HOST = /(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid)$/i;

/** Decodes the payload segment of a JWT; undefined when it is not JSON. */
export function jwtPayload(segment: string): Record<string, unknown> | undefined {
  try {
    const json = Buffer.from(segment, 'base64url').toString('utf8');
    const payload: unknown = JSON.parse(json);
    return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const SECRET_RULES: SecretRule[] = [
  rule({
    id: 'secret/aws-access-key-id',
    title: 'AWS access key ID',
    severity: 'error',
    rotate: 'deactivate it in AWS IAM (Security credentials) and use OIDC (aws-actions/configure-aws-credentials) or a repository secret',
    anchors: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    pattern: /A(?:KI|SI|BI|CC)A([A-Z0-9]{16})(?![A-Za-z0-9])/y,
    accept: (match) => !isPlaceholder(match[0]) && shannonEntropy(match[1] ?? '') >= 2.5,
  }),
  ...GITHUB_KINDS.map(([prefix, id, title]) =>
    rule({
      id: `secret/${id}`,
      title,
      severity: 'error',
      rotate: GITHUB_ROTATE,
      anchors: [prefix],
      pattern: new RegExp(`${prefix}([A-Za-z0-9]{36,251})(?![A-Za-z0-9_])`, 'y'),
    }),
  ),
  rule({
    id: 'secret/github-app-token',
    title: 'GitHub App installation token (stateless format)',
    severity: 'error',
    rotate: GITHUB_ROTATE,
    anchors: ['ghs_'],
    pattern: /ghs_\d{1,12}_(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_.-])/y,
    accept: (match) => looksRandom((match[1] ?? '').split('.')[2] ?? ''),
  }),
  rule({
    id: 'secret/github-fine-grained-pat',
    title: 'GitHub fine-grained personal access token',
    severity: 'error',
    rotate: GITHUB_ROTATE,
    anchors: ['github_pat_'],
    pattern: /github_pat_([A-Za-z0-9_]{70,245})(?![A-Za-z0-9_])/y,
  }),
  rule({
    id: 'secret/stripe-live-key',
    title: 'Stripe live secret key',
    severity: 'error',
    rotate: 'roll it in the Stripe dashboard (Developers → API keys)',
    anchors: ['sk_live_', 'rk_live_'],
    pattern: /[sr]k_live_([A-Za-z0-9]{20,247})(?![A-Za-z0-9])/y,
  }),
  rule({
    id: 'secret/stripe-test-key',
    title: 'Stripe test secret key',
    severity: 'warning',
    rotate: 'roll it in the Stripe dashboard (test mode → API keys); test keys cannot move money but do expose your test data',
    anchors: ['sk_test_', 'rk_test_'],
    pattern: /[sr]k_test_([A-Za-z0-9]{20,247})(?![A-Za-z0-9])/y,
  }),
  rule({
    id: 'secret/stripe-webhook-secret',
    title: 'Stripe webhook signing secret',
    severity: 'error',
    rotate: 'roll the endpoint secret in the Stripe dashboard (Developers → Webhooks) and pass it as STRIPE_WEBHOOK_SECRET',
    anchors: ['whsec_'],
    pattern: /whsec_([A-Za-z0-9+/=]{24,100})(?![A-Za-z0-9+/=_-])/y,
  }),
  rule({
    id: 'secret/slack-webhook',
    title: 'Slack webhook URL',
    severity: 'error',
    rotate: 'regenerate it in the Slack app settings (Incoming Webhooks)',
    anchors: ['hooks.slack.com/'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9_/-]{20,200})/y,
    secretGroup: 1,
    accept: (match) => {
      const path = match[1] ?? '';
      const last = path.split('/').filter(Boolean).pop() ?? '';
      return !isPlaceholder(path) && looksRandom(last);
    },
  }),
  rule({
    id: 'secret/slack-token',
    title: 'Slack token',
    severity: 'error',
    rotate: 'revoke it in the Slack app settings (OAuth & Permissions) and reinstall the app',
    anchors: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxo-', 'xoxs-', 'xoxr-'],
    pattern: /xox[bpaosr]-([0-9A-Za-z-]{10,250})(?![0-9A-Za-z-])/y,
    accept: (match) => {
      const body = match[1] ?? '';
      return /[0-9]{4}/.test(body) && !isPlaceholder(body) && looksRandom(body.replace(/-/g, ''));
    },
  }),
  rule({
    id: 'secret/slack-app-token',
    title: 'Slack app-level token',
    severity: 'error',
    rotate: 'revoke it in the Slack app settings (Basic Information → App-Level Tokens)',
    anchors: ['xapp-'],
    pattern: /xapp-\d-([A-Z0-9]{8,14})-(\d{8,16})-([a-f0-9]{32,80})(?![A-Za-z0-9-])/y,
    secretGroup: 0,
    accept: (match) => looksRandom(match[3] ?? ''),
  }),
  rule({
    id: 'secret/supabase-service-role-key',
    title: 'Supabase service_role key',
    severity: 'error',
    rotate: 'rotate the JWT secret in Supabase (Project settings → API) or move to the new sb_secret_ keys',
    anchors: ['eyJ'],
    pattern: /eyJ[A-Za-z0-9_-]{8,}\.(eyJ[A-Za-z0-9_-]{8,})\.[A-Za-z0-9_-]{16,}/y,
    accept: (match) => {
      const payload = jwtPayload(match[1] ?? '');
      // The local-development key printed by `supabase start` is public (issuer supabase-demo).
      return payload?.role === 'service_role' && payload.iss !== 'supabase-demo';
    },
  }),
  rule({
    id: 'secret/supabase-secret-key',
    title: 'Supabase secret API key',
    severity: 'error',
    rotate: 'delete it in Supabase (Project settings → API keys) and create a new one',
    anchors: ['sb_secret_'],
    pattern: /sb_secret_([A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/y,
  }),
  rule({
    id: 'secret/sentry-auth-token',
    title: 'Sentry auth token',
    severity: 'error',
    rotate: 'revoke it in Sentry (Settings → Auth Tokens)',
    anchors: ['sntrys_', 'sntryu_'],
    pattern: /sntry(?:s_([A-Za-z0-9+/=_-]{40,400})|u_([a-f0-9]{64}))(?![A-Za-z0-9+/=_-])/y,
    accept: (match) => looksRandom(match[1] ?? match[2] ?? ''),
  }),
  rule({
    id: 'secret/vercel-token',
    title: 'Vercel token',
    severity: 'error',
    rotate: 'delete it in Vercel (Account settings → Tokens) and use a repository secret',
    anchors: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'],
    pattern: /vc[pciark]_([A-Za-z0-9_-]{24,200})(?![A-Za-z0-9_-])/y,
    accept: (match) => looksRandom(match[1] ?? '', 3.5),
  }),
  rule({
    id: 'secret/anthropic-api-key',
    title: 'Anthropic API key',
    severity: 'error',
    rotate: 'delete it in the Anthropic Console (API keys)',
    anchors: ['sk-ant-'],
    pattern: /sk-ant-(?:api|admin)\d\d-([A-Za-z0-9_-]{32,200})(?![A-Za-z0-9_-])/y,
  }),
  rule({
    id: 'secret/openai-api-key',
    title: 'OpenAI API key',
    severity: 'error',
    rotate: 'revoke it in the OpenAI dashboard (API keys)',
    anchors: ['sk-'],
    pattern: /sk-(?:(?:proj|svcacct|admin)-([A-Za-z0-9_-]{40,250})|([A-Za-z0-9_-]{20,100}T3BlbkFJ[A-Za-z0-9_-]{20,100}))(?![A-Za-z0-9_-])/y,
    accept: (match) => looksRandom(match[1] ?? match[2] ?? ''),
  }),
  rule({
    id: 'secret/sendgrid-api-key',
    title: 'SendGrid API key',
    severity: 'error',
    rotate: 'delete it in SendGrid (Settings → API Keys)',
    anchors: ['SG.'],
    pattern: /SG\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/y,
    accept: (match) => looksRandom(match[1] ?? '', 2.5) && looksRandom(match[2] ?? ''),
  }),
  rule({
    id: 'secret/npm-token',
    title: 'npm access token',
    severity: 'error',
    rotate: 'revoke it on npmjs.com (Access Tokens) or with `npm token revoke`, and publish with a repository secret or trusted publishing',
    anchors: ['npm_'],
    pattern: /npm_([A-Za-z0-9]{36})(?![A-Za-z0-9_])/y,
  }),
  rule({
    id: 'secret/google-api-key',
    title: 'Google API key',
    severity: 'error',
    rotate: 'delete or regenerate it in Google Cloud (APIs & Services → Credentials); a key the browser needs must be restricted by referrer and API',
    anchors: ['AIza'],
    pattern: /AIza([A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/y,
  }),
  rule({
    id: 'secret/resend-api-key',
    title: 'Resend API key',
    severity: 'error',
    rotate: 'delete it in Resend (API Keys) and create a new one',
    anchors: ['re_'],
    pattern: /re_([A-Za-z0-9]{6,12})_([A-Za-z0-9]{16,40})(?![A-Za-z0-9_])/y,
    accept: (match) => looksRandom(`${match[1] ?? ''}${match[2] ?? ''}`) && looksRandom(match[2] ?? ''),
  }),
  rule({
    id: 'secret/url-credentials',
    title: 'Credentials in a URL',
    severity: 'error',
    rotate: 'revoke that credential (for a Sentry DSN, use the public DSN without the secret part) and pass the URL in as a secret',
    anchors: URL_SCHEMES,
    pattern: /[a-z]+:\/\/([^\s:/@'"`<>$]+):([^\s@/'"`<>]+)@([A-Za-z0-9.-]+)/y,
    secretGroup: 2,
    accept: (match) => {
      const password = match[2] ?? '';
      if (password.length < 8 || startsWithVendorAnchor(password, 'secret/url-credentials') || !looksRandom(password, 2.5)) return false;
      if (DOCUMENTATION_HOST.test(match[3] ?? '') || /^(?:localhost|127\.0\.0\.1)$/.test(match[3] ?? '')) return false;
      return !/^\d+$/.test(password);
    },
  }),
  rule({
    id: 'secret/authorization-header',
    title: 'Authorization header with a literal credential',
    severity: 'error',
    rotate: 'revoke that token and read it from an environment variable or a secret',
    anchors: ['Bearer ', 'bearer ', 'Basic ', 'BEARER '],
    pattern: /(?:[Bb]earer|BEARER|Basic)[ \t]+([A-Za-z0-9._~+/=-]{16,600})(?![A-Za-z0-9._~+/=-])/y,
    secretGroup: 1,
    accept: (match) => {
      const value = match[1] ?? '';
      const before = (match.input ?? '').slice(Math.max(0, match.index - 48), match.index);
      if (!/authorization|auth[_-]?header/i.test(before.slice(before.lastIndexOf('\n') + 1))) return false;
      if (startsWithVendorAnchor(value, 'secret/authorization-header') || isJwtIoExample(value)) return false;
      return looksRandom(value.replace(/[._~+/=-]/g, ''), 3.5);
    },
  }),
  rule({
    id: 'secret/public-service-role',
    title: 'Service-role key under a NEXT_PUBLIC_ name',
    severity: 'error',
    rotate: '',
    anchors: ['NEXT_PUBLIC_'],
    pattern: /NEXT_PUBLIC_([A-Z0-9_]*SERVICE_ROLE[A-Z0-9_]*)/y,
    nameOnly: true,
    accept: () => true,
    describe: (match) =>
      `${match[0]} is inlined into the browser bundle by Next.js: a service-role key under that name is public. ` +
      `Rename it without NEXT_PUBLIC_ (e.g. ${match[1]}), use it only in server code, and rotate the key if it was ever deployed.`,
  }),
  rule({
    id: 'secret/private-key',
    title: 'Private key',
    severity: 'error',
    rotate: 'treat the key pair as compromised: replace it and revoke what it signs or decrypts',
    anchors: ['-----BEGIN '],
    // Header, optional PEM headers (Proc-Type, DEK-Info, Version), then at least four 16+ character
    // base64 runs, whether the block is written raw, in a JSON string (`\n`) or concatenated in code.
    pattern:
      /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:\\[nr]|[\s"'`+,])*(?:[A-Za-z-]+: [^\n\\]*(?:\\[nr]|[\s"'`+,])+)*((?:[A-Za-z0-9+/=]{16,}(?:\\[nr]|[\s"'`+,])*){4,})/y,
    secretGroup: 1,
    accept: (match) => {
      const body = (match[1] ?? '').replace(/[^A-Za-z0-9+/=]/g, '');
      return looksRandom(body.slice(0, 256), 4);
    },
  }),
  rule({
    id: 'secret/database-url',
    title: 'Database URL with a password',
    severity: 'error',
    rotate: 'change the database password and pass the URL in as a secret (e.g. DATABASE_URL)',
    anchors: [
      'postgres://', 'postgresql://', 'mysql://', 'mariadb://', 'mongodb://', 'mongodb+srv://', 'redis://',
      'rediss://', 'amqp://', 'amqps://',
    ],
    pattern: /[a-z+]+:\/\/([^\s:/@'"`<>]*):([^\s@/'"`<>]+)@([^\s/'"`<>?#]+)/y,
    secretGroup: 2,
    accept: (match) => {
      const password = match[2] ?? '';
      if (password.length < 3 || isPlaceholder(password) || DEVELOPMENT_PASSWORDS.has(password.toLowerCase())) return false;
      return !DOCUMENTATION_HOST.test((match[3] ?? '').replace(/:\d+$/, ''));
    },
  }),
];
