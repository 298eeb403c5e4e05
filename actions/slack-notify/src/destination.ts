import { ConfigurationError, SkipError, registerSecret, type RunContext } from '../../../packages/shared/src/index.js';
import type { SlackNotifyInputs } from './inputs.js';
import type { Destination } from './slack-client.js';

/**
 * Exactly one way to reach Slack: `webhook-url`, or `bot-token` with `channel`. The inputs that
 * only make sense with one of them are checked against it here, so a mix-up fails with the fix
 * instead of posting somewhere unexpected.
 */
/** Neither `webhook-url` nor `bot-token` has a value: with fail-on-error false, a warning, not a failure. */
export class NoDestinationError extends ConfigurationError {}

export function destinationOf(inputs: SlackNotifyInputs, run: RunContext): Destination {
  const webhook = inputs['webhook-url'];
  const token = inputs['bot-token'];
  if (webhook && token) {
    throw new ConfigurationError(
      "Inputs 'webhook-url' and 'bot-token' are both set: give one — 'webhook-url' for an incoming webhook, or 'bot-token' with 'channel' to post through the Web API.",
      'webhook-url',
    );
  }
  if (webhook) return webhookDestination(webhook, inputs);
  if (token) return apiDestination(token, inputs);
  if (run.isForkPullRequest) {
    throw new SkipError('Slack notification skipped: pull requests from forks get no secrets, so neither webhook-url nor bot-token has a value.');
  }
  throw new NoDestinationError(
    "No Slack destination: set 'webhook-url' (an incoming webhook) or 'bot-token' with 'channel'. " +
      'If you passed ${{ secrets.… }}, that secret is empty here: check its name, and that the job can read it (environment secrets need `environment:` on the job).',
    'webhook-url',
  );
}

function webhookDestination(url: string, inputs: SlackNotifyInputs): Destination {
  if (inputs.channel) {
    throw new ConfigurationError(
      "Input 'channel' only works with 'bot-token': an incoming webhook always posts to the channel it was created for. Remove 'channel', or post with 'bot-token'.",
      'channel',
    );
  }
  if (inputs['update-ts']) {
    throw new ConfigurationError(
      "Input 'update-ts' needs 'bot-token' and 'channel': an incoming webhook cannot edit a message it posted. Post with 'bot-token', or remove 'update-ts'.",
      'update-ts',
    );
  }
  registerWebhookParts(url);
  return { kind: 'webhook', url };
}

function apiDestination(token: string, inputs: SlackNotifyInputs): Destination {
  if (!inputs.channel) {
    throw new ConfigurationError(
      "Input 'channel' is required with 'bot-token': expected a channel ID (C0123456789) or name (#deploys); with 'update-ts', the channel-id output of the step that posted the message.",
      'channel',
    );
  }
  return { kind: 'api', token, apiUrl: inputs['api-url'], channel: inputs.channel.replace(/^#/, ''), updateTs: inputs['update-ts'] };
}

/**
 * The whole URL and its path are masked when the input is read; its last segment is the
 * webhook's own secret and leaks alone too (e.g. when a proxy echoes part of the path).
 */
function registerWebhookParts(url: string): void {
  const { pathname, search } = new URL(url);
  const last = pathname.split('/').filter(Boolean).pop();
  if (last && last.length >= 8) registerSecret(last);
  if (search.length > 8) registerSecret(search);
}
