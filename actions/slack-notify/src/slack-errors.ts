import type { Destination, Failure } from './slack-client.js';

/**
 * Slack's error strings as one line for the person on call: what Slack refused, why, and the fix.
 * Sources: incoming webhooks — https://api.slack.com/messaging/webhooks#handling_errors and
 * https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks; Web API —
 * https://api.slack.com/methods/chat.postMessage#errors, https://api.slack.com/methods/chat.update#errors.
 */
interface Situation {
  destination: Destination;
}

type Explain = (failure: Failure, s: Situation) => string;

const NEW_WEBHOOK = 'create a new incoming webhook (Slack app settings → Incoming Webhooks) and put its URL in the webhook-url secret';
const TOKEN_PAGE = 'copy the Bot User OAuth Token (xoxb-…) from the Slack app\'s "OAuth & Permissions" page into the bot-token secret';

function channelOf(s: Situation): string {
  return s.destination.kind === 'api' ? `'${s.destination.channel}'` : 'of this webhook';
}

function isUpdate(s: Situation): boolean {
  return s.destination.kind === 'api' && s.destination.updateTs !== undefined;
}

const archived: Explain = (f, s) =>
  `the channel ${channelOf(s)} is archived (${f.code}): unarchive it, or ${s.destination.kind === 'webhook' ? 'create an incoming webhook for another channel and put its URL in the webhook-url secret' : 'set `channel` to another channel'}.`;
const badToken: Explain = (f) => `Slack rejected the bot token (${f.code}): it is wrong, revoked or expired; ${TOKEN_PAGE}.`;
const rateLimited: Explain = (f) =>
  `Slack is rate-limiting this app (${f.code ?? 'HTTP 429'}${f.attempts > 1 ? `, ${f.attempts} attempts` : ''}): post fewer messages (Slack allows about one per second per channel), then rerun the job.`;
const slackSide: Explain = (f) =>
  `Slack failed on its side (${f.code}); the message may or may not be posted: check the channel and https://slack-status.com, then rerun if needed.`;
const badBlocks: Explain = (f) =>
  `Slack rejected the message's blocks (${f.code}): check the payload in Block Kit Builder (https://app.slack.com/block-kit-builder) and fix the block it flags.`;
const restricted: Explain = (f, s) =>
  `a workspace setting stops the app from posting to the channel ${channelOf(s)} (${f.code}): ask a Slack admin to allow it, or use another channel.`;

const EXPLAIN: Record<string, Explain> = {
  // Incoming webhooks (HTTP 400/403/404/410 with a text body).
  invalid_payload: () =>
    'Slack could not read the message (invalid_payload): the body is not a valid Slack message; check `payload` in Block Kit Builder (https://app.slack.com/block-kit-builder).',
  user_not_found: () => `the user this webhook posts to no longer exists (user_not_found): ${NEW_WEBHOOK}.`,
  channel_not_found: (_f, s) => {
    if (s.destination.kind === 'webhook') return `the channel of this webhook no longer exists (channel_not_found): ${NEW_WEBHOOK}.`;
    if (isUpdate(s)) {
      return `Slack found no channel ${channelOf(s)} (channel_not_found): chat.update needs the channel ID, so pass the channel-id output of the step that posted the message.`;
    }
    return `Slack found no channel ${channelOf(s)} (channel_not_found): check its name or ID, and for a private channel invite the app first (/invite @your-app).`;
  },
  channel_is_archived: archived,
  is_archived: archived,
  action_prohibited: (_f, s) =>
    `a workspace admin restricts posting to the channel ${channelOf(s)} (action_prohibited): ask a Slack admin to allow the app there, or use another channel.`,
  posting_to_general_channel_denied: () => 'only admins may post to #general (posting_to_general_channel_denied): use another channel.',
  too_many_attachments: () => 'the message has too many attachments (too_many_attachments): send at most 100.',
  no_service: () => `the incoming webhook is disabled or was removed (no_service): ${NEW_WEBHOOK}.`,
  no_service_id: () => 'the webhook URL is incomplete (no_service_id): copy the whole URL from Slack app settings → Incoming Webhooks into the webhook-url secret.',
  no_team: () => `the workspace of this webhook no longer exists (no_team): ${NEW_WEBHOOK}.`,
  team_disabled: () => `the workspace of this webhook is disabled (team_disabled): ${NEW_WEBHOOK}.`,
  invalid_token: () => `Slack rejected the webhook's token (invalid_token): the webhook was revoked or its URL mistyped; ${NEW_WEBHOOK}.`,
  missing_text_or_fallback_or_attachments: () => 'the message is empty (missing_text_or_fallback_or_attachments): give the payload a `text`, `blocks` or `attachments`.',
  rollup_error: slackSide,
  // Web API (HTTP 200 with {ok: false, error}).
  invalid_auth: badToken,
  not_authed: badToken,
  account_inactive: badToken,
  token_revoked: badToken,
  token_expired: badToken,
  not_allowed_token_type: () => `Slack does not accept this kind of token for posting (not_allowed_token_type): ${TOKEN_PAGE}.`,
  not_in_channel: (_f, s) =>
    `the app is not a member of the channel ${channelOf(s)} (not_in_channel): run /invite @your-app in that channel, or add the chat:write.public scope and reinstall the app.`,
  missing_scope: (f) =>
    `the bot token lacks the ${f.needed ?? 'chat:write'} scope (missing_scope): add it under "OAuth & Permissions", reinstall the app to the workspace and update the bot-token secret.`,
  no_text: () => 'the message is empty (no_text): give the payload a `text`, `blocks` or `attachments`.',
  msg_too_long: () => 'the message is too long for Slack (msg_too_long): shorten the payload.',
  msg_blocks_too_long: () => 'the blocks are too long in total for Slack (msg_blocks_too_long): shorten the payload.',
  invalid_blocks: badBlocks,
  invalid_blocks_format: badBlocks,
  invalid_attachments: badBlocks,
  restricted_action: restricted,
  restricted_action_read_only_channel: restricted,
  restricted_action_thread_only_channel: restricted,
  ekm_access_denied: restricted,
  message_not_found: (_f, s) =>
    `Slack found no message ${s.destination.kind === 'api' ? s.destination.updateTs : ''} in the channel ${channelOf(s)} (message_not_found): pass the ts and channel-id outputs of the step that posted it.`,
  cant_update_message: () => 'that message was posted by another app or person (cant_update_message): update-ts must be the ts of a message this bot token posted.',
  message_not_owned_by_app: () => 'that message was posted by another app (message_not_owned_by_app): update-ts must be the ts of a message this bot token posted.',
  edit_window_closed: () => 'the message is too old to edit (edit_window_closed): post a new message instead (leave update-ts empty).',
  ratelimited: rateLimited,
  rate_limited: rateLimited,
  fatal_error: slackSide,
  internal_error: slackSide,
  service_unavailable: slackSide,
  request_timeout: slackSide,
};

/** "Slack notification not sent: <why>: <fix>." — one line, never a secret (messages hold no URL or token). */
export function explainFailure(failure: Failure, situation: Situation): string {
  return `Slack notification not sent: ${reason(failure, situation)}`;
}

function reason(failure: Failure, s: Situation): string {
  if (failure.status >= 500) {
    return `Slack answered HTTP ${failure.status}${failure.code ? ` (${failure.code})` : ''} through ${failure.attempts} attempts: Slack may be having an incident (https://slack-status.com); rerun the job later.`;
  }
  const known = failure.code ? EXPLAIN[failure.code] : undefined;
  if (known) return known(failure, s);
  const where = s.destination.kind === 'webhook' ? 'the webhook-url host' : 'api-url';
  if (failure.unexpected) {
    return `${where} did not answer like Slack (${failure.detail.replace(/^Slack /, '')}): check ${where}${s.destination.kind === 'api' ? ' (default https://slack.com/api)' : ''}.`;
  }
  if (failure.code === 'outcome_unknown') {
    return `The connection to Slack broke after the message was sent (${failure.detail.replace(/^Slack /, '')}): it may have been posted; check the channel before rerunning, so it is not posted twice.`;
  }
  if (failure.status === 0) return `Slack could not be reached (${failure.detail.replace(/^Slack /, '')}): check ${where} and the runner's network, then rerun.`;
  if (failure.status === 429) return rateLimited(failure, s);
  const docs = s.destination.kind === 'webhook' ? 'https://api.slack.com/messaging/webhooks#handling_errors' : 'https://api.slack.com/methods/chat.postMessage#errors';
  return `Slack answered HTTP ${failure.status}${failure.code ? ` (${failure.code})` : ''}: see ${docs} for what it means.`;
}
