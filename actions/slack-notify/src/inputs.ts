import { bool, checkedText, choice, custom, invalid, matches, secretUrl, trimmed, url, valid, type InputSpec, type InputsOf } from '../../../packages/shared/src/inputs.js';
import type { Payload } from './payload.js';
import { STATUSES } from './status.js';

/** Slack's documented default Web API base (https://api.slack.com/web#basics). */
export const SLACK_API_URL = 'https://slack.com/api';

export const PAYLOAD_FORM = 'a Slack message as a JSON or YAML object, e.g. {"text": "Deployed {{ github.sha }}"}';
export const PAYLOAD_FILE_FORM = 'a path to a JSON or YAML file with a Slack message, relative to the repository root';

function oneLine(expected: string): InputSpec<string | undefined> {
  return custom(checkedText([[(v) => !/[\r\n]/.test(v), 'is not a single line']]), expected);
}

/** Bot (xoxb-), user (xoxp-) and rotated (xoxe.xoxb-) tokens all start with `xox`; none has spaces. */
function slackToken(): InputSpec<string | undefined> {
  const parse = checkedText([matches(/^xox[a-z]?[-.]\S+$/, 'is not a Slack token')]);
  return { ...custom(parse, 'a Slack bot token (xoxb-…) from the app\'s "OAuth & Permissions" page, e.g. ${{ secrets.SLACK_BOT_TOKEN }}'), secret: true };
}

/** A channel ID (C…, G…, D…) or a name with or without `#`; Slack names have no spaces or commas. */
function channel(): InputSpec<string | undefined> {
  return custom(checkedText([matches(/^#?[^\s#,]{1,80}$/u, 'is not a channel ID or name')]), 'a channel ID (C0123456789) or name (#deploys)');
}

/** Message timestamps are "seconds.microseconds" (https://api.slack.com/messaging/retrieving#individual_messages). */
function messageTs(): InputSpec<string | undefined> {
  return custom(checkedText([matches(/^\d{9,10}\.\d{1,6}$/, 'is not a Slack message timestamp')]), "the `ts` output of an earlier slack-notify step, e.g. 1712345678.123456");
}

/** The JSON/YAML reader (and the yaml package) is loaded only when a payload is given. */
function payload(): InputSpec<Payload | undefined> {
  return custom(async (text) => {
    const parsed = (await import('./payload.js')).parsePayload(text);
    return 'payload' in parsed ? valid(parsed.payload) : invalid(parsed.problem);
  }, PAYLOAD_FORM);
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
  'payload-file': custom(trimmed, PAYLOAD_FILE_FORM),
  'fail-on-error': bool(false),
};

export type SlackNotifyInputs = InputsOf<typeof slackNotifyInputs>;
