import { runLikeRunner, type RunnerRun } from '../../../test/harness/runner.js';
import type { SlackEmulator, SlackMessage } from '../../../test/emulators/slack.js';
import { slackNotifyAction } from '../src/action.js';

export const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const COMMIT = 'Fix checkout totals\n\nThe body of the commit message, not shown.';

/** A push to main of acme/shop, run 4242 by octocat: what readRunContext sees on a runner. */
export const RUN_ENV: Record<string, string | undefined> = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: SHA,
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_NUMBER: '17',
  GITHUB_ACTOR: 'octocat',
  GITHUB_TRIGGERING_ACTOR: undefined,
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_HEAD_REF: undefined,
  DEPLOY_KIT_STARTED_AT: undefined,
};

export interface NotifyOptions {
  env?: Record<string, string | undefined>;
  event?: Record<string, unknown>;
  eventName?: string;
}

export function notify(inputs: Record<string, string | undefined>, options: NotifyOptions = {}): Promise<RunnerRun> {
  return runLikeRunner(slackNotifyAction, inputs, {
    env: { ...RUN_ENV, ...options.env },
    event: options.event ?? { head_commit: { message: COMMIT } },
    eventName: options.eventName ?? 'push',
  });
}

/** The last message the emulator accepted. */
export function lastMessage(slack: SlackEmulator): SlackMessage {
  const message = slack.messages.at(-1);
  if (!message) throw new Error('Slack received no message');
  return message;
}

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };

/** The built message's parts, by name, for assertions that read like the message. */
export function partsOf(message: SlackMessage) {
  const body = message.body as { text: string; blocks: Block[]; attachments: { color: string; blocks: Block[] }[] };
  const details = body.attachments[0]!.blocks;
  const fields = Object.fromEntries(
    (details.find((b) => b.fields)?.fields ?? []).map((f) => {
      const [name, ...value] = f.text.split('\n');
      return [name!.replace(/\*/g, ''), value.join('\n')];
    }),
  );
  return {
    text: body.text,
    header: body.blocks[0]!.text!.text,
    color: body.attachments[0]!.color,
    fields,
    commit: details.find((b) => b.type === 'section' && b.text)?.text?.text,
    context: details.find((b) => b.type === 'context')?.elements?.[0]?.text,
  };
}
