import type { Payload } from './payload.js';

/**
 * Slack rejects a message that breaks a Block Kit limit (`invalid_blocks`), so an over-long
 * commit message would cost the whole notification. Values are cut with a marker instead.
 * Limits: https://api.slack.com/reference/block-kit/blocks (50 blocks per message; section text
 * 3000, section fields 10 × 2000; header 150; context 10 elements).
 */
export const MARKER = '…(truncated)';
export const LIMITS = { blocks: 50, text: 3000, header: 150, field: 2000, fields: 10, elements: 10 } as const;

type Json = Record<string, unknown>;

/** Counts what was cut, so the run can say so. */
interface Cuts {
  count: number;
}

/** Cuts `text` to at most `max` UTF-16 units (never more than Slack's character count), marker included. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - MARKER.length;
  // Never split a surrogate pair, and never leave half an entity (`&am`) that Slack would show raw.
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  const head = text.slice(0, end).replace(/&[a-z#0-9]{0,6}$/i, '');
  return head + MARKER;
}

/** A copy of the message with every Block Kit limit respected. */
export function fitToLimits(message: Payload): { message: Payload; cut: number } {
  const cuts: Cuts = { count: 0 };
  const copy = structuredClone(message) as Json;
  if (typeof copy['text'] === 'string') copy['text'] = cut(copy['text'], LIMITS.text, cuts);
  if (Array.isArray(copy['blocks'])) copy['blocks'] = fitBlocks(copy['blocks'], cuts);
  if (Array.isArray(copy['attachments'])) {
    for (const attachment of copy['attachments'] as unknown[]) {
      if (!isObject(attachment)) continue;
      if (Array.isArray(attachment['blocks'])) attachment['blocks'] = fitBlocks(attachment['blocks'], cuts);
      for (const key of ['text', 'pretext', 'fallback'] as const) {
        if (typeof attachment[key] === 'string') attachment[key] = cut(attachment[key], LIMITS.text, cuts);
      }
    }
  }
  return { message: copy, cut: cuts.count };
}

function fitBlocks(blocks: unknown[], cuts: Cuts): unknown[] {
  const kept = capList(blocks, LIMITS.blocks, (n) => ({ type: 'context', elements: [{ type: 'mrkdwn', text: `${MARKER}: ${n} more blocks` }] }), cuts);
  for (const block of kept) if (isObject(block)) fitBlock(block, cuts);
  return kept;
}

function fitBlock(block: Json, cuts: Cuts): void {
  if (block['type'] === 'header') {
    fitTexts(block['text'], LIMITS.header, cuts);
    return;
  }
  if (block['type'] === 'section' && Array.isArray(block['fields'])) {
    block['fields'] = capList(block['fields'], LIMITS.fields, (n) => ({ type: 'mrkdwn', text: `${MARKER}: ${n} more fields` }), cuts);
    for (const field of block['fields'] as unknown[]) fitTexts(field, LIMITS.field, cuts);
  }
  if (block['type'] === 'context' && Array.isArray(block['elements'])) {
    block['elements'] = capList(block['elements'], LIMITS.elements, (n) => ({ type: 'mrkdwn', text: `${MARKER}: ${n} more` }), cuts);
  }
  for (const [key, value] of Object.entries(block)) if (key !== 'fields') fitTexts(value, LIMITS.text, cuts);
}

/** Every text object (`{type: plain_text|mrkdwn, text}`) under `value`, cut to `max`. */
function fitTexts(value: unknown, max: number, cuts: Cuts): void {
  if (Array.isArray(value)) {
    for (const item of value) fitTexts(item, max, cuts);
    return;
  }
  if (!isObject(value)) return;
  if ((value['type'] === 'plain_text' || value['type'] === 'mrkdwn') && typeof value['text'] === 'string') {
    value['text'] = cut(value['text'], max, cuts);
    return;
  }
  for (const child of Object.values(value)) fitTexts(child, max, cuts);
}

/** Keeps the first `max - 1` items and a marker item saying how many more there were. */
function capList(items: unknown[], max: number, marker: (more: number) => unknown, cuts: Cuts): unknown[] {
  if (items.length <= max) return items;
  cuts.count++;
  return [...items.slice(0, max - 1), marker(items.length - (max - 1))];
}

function cut(text: string, max: number, cuts: Cuts): string {
  const result = truncate(text, max);
  if (result !== text) cuts.count++;
  return result;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
