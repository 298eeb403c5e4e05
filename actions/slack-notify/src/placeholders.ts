import { ConfigurationError, redact, type RunContext } from '../../../packages/shared/src/index.js';
import type { Payload } from './payload.js';
import { STATUS_LOOK, type DeployStatus } from './status.js';

/**
 * `{{ github.sha }}`-style placeholders, filled in the parsed payload one string at a time:
 * a value is never spliced into JSON text, so quotes, backslashes and newlines in a commit
 * message stay what they are. `${{ … }}` is accepted too, for payload files written as if the
 * runner would expand them (it does not expand files).
 */
const PLACEHOLDER = /\$?\{\{\s*(.*?)\s*\}\}/g;

export interface PlaceholderValues {
  run: RunContext;
  env: NodeJS.ProcessEnv;
  status: DeployStatus;
  environment?: string;
  url?: string;
  title?: string;
}

/** Every name a payload may use (besides `env.NAME`), with its value in this run. */
export function knownValues(v: PlaceholderValues): Record<string, string | undefined> {
  const { run, env } = v;
  const look = STATUS_LOOK[v.status];
  return {
    'github.sha': run.sha,
    'github.short_sha': run.sha?.slice(0, 7),
    'github.ref': run.ref,
    'github.ref_name': run.branch,
    'github.actor': run.actor,
    'github.repository': run.repository,
    'github.repository_owner': run.owner,
    'github.run_id': run.runId,
    'github.run_number': env['GITHUB_RUN_NUMBER'],
    'github.run_attempt': env['GITHUB_RUN_ATTEMPT'],
    'github.run_url': run.runUrl,
    'github.server_url': run.serverUrl,
    'github.event_name': run.eventName,
    'github.workflow': run.workflow,
    'github.job': env['GITHUB_JOB'],
    'github.commit_message': run.commitMessage,
    'github.commit_title': run.commitMessage?.split(/\r?\n/)[0],
    'inputs.status': v.status,
    'inputs.environment': v.environment,
    'inputs.url': v.url,
    'inputs.title': v.title,
    'status.emoji': look.emoji,
    'status.color': look.color,
    'status.label': look.label,
  };
}

export interface Filled {
  payload: Payload;
  /** `env.NAME` placeholders whose variable is not set: filled with an empty string. */
  unsetEnv: string[];
}

/**
 * Fills every placeholder in every string value (keys are left alone). An unknown name is a
 * typo the user must fix before the message makes sense, so it fails with the list of names;
 * an unset `env.NAME` is empty, as `${{ env.NAME }}` is on the runner, and reported.
 */
export function fillPlaceholders(payload: Payload, values: PlaceholderValues, input = 'payload'): Filled {
  const known = knownValues(values);
  const unknown: string[] = [];
  const unsetEnv = new Set<string>();
  const lookup = (name: string): string => {
    if (name.startsWith('env.')) {
      const value = values.env[name.slice(4)];
      if (value === undefined) unsetEnv.add(name);
      if (value !== undefined && redact(value) !== value) {
        throw new ConfigurationError(`Input '${input}': {{ ${name} }} holds a secret; deploy-kit will not send a secret to Slack. Remove that placeholder.`, input);
      }
      return value ?? '';
    }
    if (name in known) return known[name] ?? '';
    unknown.push(name);
    return '';
  };
  const filled = mapStrings(payload, (text) => text.replace(PLACEHOLDER, (_m, name: string) => lookup(name))) as Payload;
  if (unknown.length > 0) {
    const names = [...new Set(unknown)].map((n) => `{{ ${n} }}`).join(', ');
    throw new ConfigurationError(
      `Input '${input}' uses unknown placeholder${unknown.length === 1 ? '' : 's'} ${names}: expected one of ${Object.keys(known).join(', ')}, or env.NAME.`,
      input,
    );
  }
  return { payload: filled, unsetEnv: [...unsetEnv] };
}

function mapStrings(value: unknown, fn: (text: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, mapStrings(child, fn)]));
  }
  return value;
}
