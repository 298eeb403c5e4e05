import { ConfigurationError } from '../../../packages/shared/src/errors.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';
import type { Logger } from '../../../packages/shared/src/logger.js';
import type { Report } from '../../../packages/shared/src/report/model.js';
import type { ActionContext } from '../../../packages/shared/src/run.js';
import { NoDestinationError, destinationOf } from './destination.js';
import { startOfDeploy } from './duration.js';
import type { SlackNotifyInputs } from './inputs.js';
import { fitToLimits, MARKER } from './limits.js';
import { buildMessage, headlineOf } from './message.js';
import { readPayloadFile, type Payload } from './payload.js';
import { fillPlaceholders } from './placeholders.js';
import { deliver, type Delivery, type Destination } from './slack-client.js';
import { explainFailure } from './slack-errors.js';
import { STATUS_LOOK } from './status.js';

/** slack-notify: the outcome in Slack, through an incoming webhook or the Web API. */
export async function notify({ inputs, report, run, log }: ActionContext<SlackNotifyInputs>) {
  const destination = destinationOrWarning(inputs, run, report, log);
  if (!destination) return { outputs: { ok: false } };
  const composed = await composeMessage(inputs, run, log);
  const { message, cut } = fitToLimits(composed.message);
  if (cut > 0) log.info(`${cut} value(s) were longer than Slack allows; they were cut and end with "${MARKER}".`);
  const delivery = await deliver(destination, message, log);
  return reportDelivery(delivery, destination, composed.preview, inputs['fail-on-error'], report, log);
}

/**
 * Where to post; with no destination at all and fail-on-error false (an optional webhook secret
 * that is not set), a warning and no post instead of a failed job.
 */
function destinationOrWarning(inputs: SlackNotifyInputs, run: RunContext, report: Report, log: Logger): Destination | undefined {
  try {
    return destinationOf(inputs, run);
  } catch (error) {
    if (!(error instanceof NoDestinationError) || inputs['fail-on-error']) throw error;
    log.warning(error.message);
    report.addCheck({ id: 'slack', title: 'Slack message', status: 'warn', summary: `Not sent: ${error.message} The step did not fail because fail-on-error is false.` });
    return undefined;
  }
}

/**
 * The custom payload with its placeholders filled, or the deploy message built from the run;
 * with a one-line preview for the job summary.
 */
async function composeMessage(inputs: SlackNotifyInputs, run: RunContext, log: Logger): Promise<{ message: Payload; preview?: string }> {
  const values = { run, env: process.env, status: inputs.status, environment: inputs.environment, url: inputs.url, title: inputs.title };
  const custom = await customPayload(inputs, run);
  if (custom) {
    const filled = fillPlaceholders(custom.payload, values, custom.input);
    for (const name of filled.unsetEnv) log.warning(`{{ ${name} }} in '${custom.input}' is empty: the variable is not set in this step's environment.`);
    const text = filled.payload['text'];
    return { message: filled.payload, preview: typeof text === 'string' ? text.split('\n')[0] : undefined };
  }
  const facts = { ...values, durationMs: inputs.status === 'started' ? undefined : elapsed(inputs['update-ts'], log) };
  return { message: buildMessage(facts), preview: `${STATUS_LOOK[inputs.status].emoji} ${headlineOf(facts)}` };
}

async function customPayload(inputs: SlackNotifyInputs, run: RunContext): Promise<{ payload: Payload; input: string } | undefined> {
  const file = inputs['payload-file'];
  if (inputs.payload && file) {
    throw new ConfigurationError("Inputs 'payload' and 'payload-file' are both set: give one — the message inline, or the path of a file holding it.", 'payload');
  }
  if (inputs.payload) return { payload: inputs.payload, input: 'payload' };
  if (file) return { payload: await readPayloadFile(file, run.workspace), input: 'payload-file' };
  return undefined;
}

/** Milliseconds since the deploy started, when a trustworthy start is known (see duration.ts). */
function elapsed(updateTs: string | undefined, log: Logger): number | undefined {
  const start = startOfDeploy(process.env, updateTs);
  if (!start) return undefined;
  if ('problem' in start) {
    log.warning(start.problem);
    return undefined;
  }
  const ms = Date.now() - start.startedAt;
  if (ms >= 0) return ms;
  log.warning(`The deploy's start (from ${start.source}) is in the future; the message leaves the duration out.`);
  return undefined;
}

/** The check, outputs and (with fail-on-error) the step failure for what Slack answered. */
function reportDelivery(delivery: Delivery, destination: Destination, preview: string | undefined, failOnError: boolean, report: Report, log: Logger) {
  const title = destination.kind === 'webhook' ? 'Slack message (incoming webhook)' : `Slack message (${destination.updateTs ? 'chat.update' : 'chat.postMessage'})`;
  if (delivery.ok) {
    const where = destination.kind === 'webhook'
      ? 'Posted through the incoming webhook'
      : `${destination.updateTs ? 'Updated' : 'Posted'} in channel ${delivery.channelId ?? destination.channel} (ts ${delivery.ts ?? destination.updateTs})`;
    report.addCheck({ id: 'slack', title, status: 'pass', summary: preview ? `${where}: ${preview}` : where });
    log.info(`${where}.`);
    return { outputs: { ok: true, ts: delivery.ts, 'channel-id': delivery.channelId } };
  }
  const reason = explainFailure(delivery.failure, { destination });
  if (failOnError) {
    report.addCheck({ id: 'slack', title, status: 'fail', summary: reason });
    return { outputs: { ok: false }, failed: reason };
  }
  // Never silent: the deploy goes on, and the warning says why no one was told.
  log.warning(reason);
  report.addCheck({ id: 'slack', title, status: 'warn', summary: `${reason} The step did not fail because fail-on-error is false.` });
  return { outputs: { ok: false } };
}
