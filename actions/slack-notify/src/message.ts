import type { RunContext } from '../../../packages/shared/src/index.js';
import { formatElapsed } from './duration.js';
import type { Payload } from './payload.js';
import { STATUS_LOOK, type DeployStatus } from './status.js';

/** What the message tells; any fact left undefined is left out, never shown as "n/a". */
export interface DeployFacts {
  status: DeployStatus;
  title?: string;
  environment?: string;
  url?: string;
  run: RunContext;
  durationMs?: number;
}

/**
 * The Block Kit message (https://api.slack.com/block-kit): a header with the outcome, then an
 * attachment whose side bar carries the status colour, holding the facts a person scans
 * (status, environment, URL, actor, duration), the commit and a link to the workflow run.
 * `text` is the fallback Slack shows in notifications (https://api.slack.com/methods/chat.postMessage#text_usage).
 */
export function buildMessage(facts: DeployFacts): Payload {
  const look = STATUS_LOOK[facts.status];
  const headline = headlineOf(facts);
  const commit = commitLine(facts.run);
  return {
    text: `${look.emoji} ${escape(headline)}${commit ? ` — ${commit}` : ''}`,
    blocks: [{ type: 'header', text: { type: 'plain_text', text: `${look.emoji} ${headline}`, emoji: true } }],
    attachments: [{ color: look.color, blocks: detailBlocks(facts) }],
  };
}

/** The header's words: the title, or what happened to which repository where. */
export function headlineOf(facts: DeployFacts): string {
  return facts.title ?? STATUS_LOOK[facts.status].headline(facts.run.repository ?? 'the app', facts.environment);
}

function detailBlocks(facts: DeployFacts): unknown[] {
  const { run } = facts;
  const look = STATUS_LOOK[facts.status];
  const fields = [
    field('Status', `${look.emoji} ${look.label}`),
    facts.environment && field('Environment', escape(facts.environment)),
    facts.url && field('URL', link(facts.url, displayUrl(facts.url))),
    run.actor && field('Actor', link(`${run.serverUrl}/${encodeURIComponent(run.actor)}`, run.actor)),
    facts.durationMs !== undefined && field('Duration', formatElapsed(facts.durationMs)),
  ].filter((f): f is { type: 'mrkdwn'; text: string } => Boolean(f));
  const blocks: unknown[] = [{ type: 'section', fields }];
  const commit = commitLine(run);
  if (commit) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Commit*\n${commit}` } });
  const context = [
    run.runUrl && link(run.runUrl, `Workflow run${run.workflow ? `: ${run.workflow}` : ''}`),
    run.repository && escape(`${run.repository}${run.branch ? `@${run.branch}` : ''}`),
  ].filter((c): c is string => Boolean(c));
  if (context.length > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: context.join('  ·  ') }] });
  return blocks;
}

/** `<…/commit/sha|abc1234> First line of the message`, or undefined without a SHA. */
function commitLine(run: RunContext): string | undefined {
  if (!run.sha) return undefined;
  const short = run.sha.slice(0, 7);
  const sha = run.repository ? link(`${run.serverUrl}/${run.repository}/commit/${run.sha}`, short) : `\`${short}\``;
  const firstLine = run.commitMessage?.split(/\r?\n/)[0]?.trim();
  return firstLine ? `${sha} ${escape(firstLine)}` : sha;
}

function field(name: string, value: string): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: `*${name}*\n${value}` };
}

/** mrkdwn reads `&`, `<` and `>` as markup: a commit message saying `<!channel>` must not ping anyone. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `<url|label>` (https://api.slack.com/reference/surfaces/formatting#linking-urls); `|`, `<`, `>` in the URL would end it early. */
export function link(url: string, label: string): string {
  const safe = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return `<${safe}|${escape(label).replace(/\|/g, '¦')}>`;
}

/** `https://shop.example.com/` → `shop.example.com`: what a person recognises. */
function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname === '/' ? '' : parsed.pathname;
    return `${parsed.host}${path}${parsed.search}`;
  } catch {
    return url;
  }
}
