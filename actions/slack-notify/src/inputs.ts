import { z } from 'zod';
import { bool, choice, custom, secretUrl, url, type InputSpec, type InputsOf } from '../../../packages/shared/src/index.js';
import { PAYLOAD_FILE_FORM, PAYLOAD_FORM, parsePayload, type Payload } from './payload.js';
import { STATUSES } from './status.js';

/** Slack's documented default Web API base (https://api.slack.com/web#basics). */
export const SLACK_API_URL = 'https://slack.com/api';

function oneLine(expected: string): InputSpec<string | undefined> {
  const schema = z.string().trim().refine((v) => !/[\r\n]/.test(v), { message: 'is not a single line' });
  return custom(schema, expected);
}

/** Bot (xoxb-), user (xoxp-) and rotated (xoxe.xoxb-) tokens all start with `xox`; none has spaces. */
function slackToken(): InputSpec<string | undefined> {
  const schema = z
    .string()
    .trim()
    .refine((v) => /^xox[a-z]?[-.]\S+$/.test(v), { message: 'is not a Slack token' });
  return { ...custom(schema, 'a Slack bot token (xoxb-…) from the app\'s "OAuth & Permissions" page, e.g. ${{ secrets.SLACK_BOT_TOKEN }}'), secret: true };
}

/** A channel ID (C…, G…, D…) or a name with or without `#`; Slack names have no spaces or commas. */
function channel(): InputSpec<string | undefined> {
  const schema = z
    .string()
    .trim()
    .refine((v) => /^#?[^\s#,]{1,80}$/u.test(v), { message: 'is not a channel ID or name' });
  return custom(schema, 'a channel ID (C0123456789) or name (#deploys)');
}

/** Message timestamps are "seconds.microseconds" (https://api.slack.com/messaging/retrieving#individual_messages). */
function messageTs(): InputSpec<string | undefined> {
  const schema = z
    .string()
    .trim()
    .refine((v) => /^\d{9,10}\.\d{1,6}$/.test(v), { message: 'is not a Slack message timestamp' });
  return custom(schema, "the `ts` output of an earlier slack-notify step, e.g. 1712345678.123456");
}

function payload(): InputSpec<Payload | undefined> {
  const schema = z.string().transform((text, ctx) => {
    const parsed = parsePayload(text);
    if ('payload' in parsed) return parsed.payload;
    ctx.addIssue({ code: 'custom', message: parsed.problem });
    return z.NEVER;
  });
  return custom(schema, PAYLOAD_FORM);
}

export const slackNotifyInputs = {
  'webhook-url': secretUrl(),
  'bot-token': slackToken(),
  channel: channel(),
  'api-url': url({ default: SLACK_API_URL }),
  'update-ts': messageTs(),
  status: choice(STATUSES, { default: 'success' }),
  environment: oneLine('an environment name on one line, e.g. production'),
  url: url(),
  title: oneLine('a title on one line, e.g. Deployed the storefront'),
  payload: payload(),
  'payload-file': custom(z.string().trim(), PAYLOAD_FILE_FORM),
  'fail-on-error': bool(false),
};

export type SlackNotifyInputs = InputsOf<typeof slackNotifyInputs>;
