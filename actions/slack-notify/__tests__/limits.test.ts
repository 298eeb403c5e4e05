import { describe, expect, it } from '@jest/globals';
import { fitToLimits, MARKER, truncate } from '../src/limits.js';

describe('truncate', () => {
  it('leaves a value within the limit as it is', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('x'.repeat(150), 150)).toBe('x'.repeat(150));
  });

  it('cuts to the limit, marker included', () => {
    const cut = truncate('y'.repeat(200), 150);
    expect(cut).toHaveLength(150);
    expect(cut).toBe('y'.repeat(150 - MARKER.length) + MARKER);
  });

  it('never splits an emoji (a surrogate pair)', () => {
    const text = `${'a'.repeat(150 - MARKER.length - 1)}😀${'b'.repeat(50)}`;
    const cut = truncate(text, 150);
    expect(cut).toBe('a'.repeat(150 - MARKER.length - 1) + MARKER);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never leaves half an entity', () => {
    const text = `${'a'.repeat(150 - MARKER.length - 3)}&amp;${'b'.repeat(50)}`;
    expect(truncate(text, 150)).toBe('a'.repeat(150 - MARKER.length - 3) + MARKER);
  });
});

describe('fitToLimits', () => {
  it('returns an equal copy and counts nothing when the message fits', () => {
    const message = { text: 'hi', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Deployed' } }], attachments: [{ color: '#000', blocks: [] }] };
    const { message: fitted, cut } = fitToLimits(message);
    expect(fitted).toEqual(message);
    expect(fitted).not.toBe(message);
    expect(cut).toBe(0);
  });

  it('fits blocks inside attachments and the texts of context elements and accessories', () => {
    const long = 'z'.repeat(4000);
    const { message, cut } = fitToLimits({
      attachments: [
        {
          text: long,
          blocks: [
            { type: 'context', elements: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: long })) },
            { type: 'section', text: { type: 'mrkdwn', text: 'ok' }, accessory: { type: 'button', text: { type: 'plain_text', text: long } } },
          ],
        },
      ],
    });
    const attachment = (message['attachments'] as { text: string; blocks: { elements?: { text: string }[]; accessory?: { text: { text: string } } }[] }[])[0]!;
    expect(attachment.text).toHaveLength(3000);
    expect(attachment.blocks[0]!.elements).toHaveLength(10);
    expect(attachment.blocks[0]!.elements![0]!.text).toHaveLength(3000);
    expect(attachment.blocks[0]!.elements![9]!.text).toBe(`${MARKER}: 2 more`);
    expect(attachment.blocks[1]!.accessory!.text.text).toHaveLength(3000);
    expect(cut).toBe(1 + 1 + 9 + 1);
  });
});
