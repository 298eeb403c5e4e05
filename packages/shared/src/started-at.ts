/**
 * When the deploy started. The runner exposes no start time to a step, so it is known only from
 * a source that knows it (slack-notify's duration, sentry-release's deploy record):
 * - `DEPLOY_KIT_STARTED_AT` (Unix seconds, milliseconds or an ISO 8601 time), set by an early
 *   step of the job: `echo "DEPLOY_KIT_STARTED_AT=$(date +%s)" >> "$GITHUB_ENV"`;
 * - else the `update-ts` of the "started" message being updated: Slack's ts is the Unix time
 *   the message was posted (https://api.slack.com/messaging/retrieving#individual_messages).
 * Without either, it is left out rather than guessed.
 */
export const STARTED_AT_VARIABLE = 'DEPLOY_KIT_STARTED_AT';

export type StartSource = { startedAt: number; source: string } | { problem: string } | undefined;

export function startOfDeploy(env: NodeJS.ProcessEnv, updateTs: string | undefined): StartSource {
  const raw = env[STARTED_AT_VARIABLE]?.trim();
  if (raw) {
    const startedAt = parseTime(raw);
    if (startedAt === undefined) {
      return { problem: `${STARTED_AT_VARIABLE} "${raw.slice(0, 40)}" is not a time (Unix seconds or an ISO 8601 date); the message leaves the duration out.` };
    }
    return { startedAt, source: STARTED_AT_VARIABLE };
  }
  if (updateTs) return { startedAt: Math.round(Number(updateTs) * 1000), source: 'the started message' };
  return undefined;
}

function parseTime(raw: string): number | undefined {
  if (/^\d{13}$/.test(raw)) return Number(raw);
  if (/^\d{9,10}(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // A date with a time (2024-05-01T10:00:00Z), not a bare number Date.parse would also take.
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw)) return undefined;
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? undefined : parsed;
}

