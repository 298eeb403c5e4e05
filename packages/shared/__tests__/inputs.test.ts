import { describe, expect, it } from '@jest/globals';
import { bool, choice, inputVariableNames, int, list, readInputs, runnerInputSource, secret, text, url, type InputSpecs, type ListItem } from '../src/inputs.js';
import { ConfigurationError } from '../src/errors.js';
import { redact } from '../src/secrets.js';

const specs = {
  name: text({ required: true }),
  level: choice(['low', 'high'] as const, { default: 'high' }),
  enabled: bool(true),
  count: int({ min: 1, max: 10, default: '3' }),
  urls: list({}, { parse: url().parse as ListItem['parse'], expected: 'URLs' }),
  token: secret(),
  endpoint: url({ default: 'https://example.com' }),
};

const source = (values: Record<string, string>) => (name: string) => values[name];

describe('readInputs', () => {
  it('applies defaults and parses each form', async () => {
    const inputs = await readInputs(specs, source({ name: 'x', enabled: 'FALSE', count: '7', urls: 'https://a.test, https://b.test\n' }));
    expect(inputs).toEqual({ name: 'x', level: 'high', enabled: false, count: 7, urls: ['https://a.test', 'https://b.test'], token: undefined, endpoint: 'https://example.com' });
  });

  it('names each bad input, the value and the expected form', async () => {
    let error: unknown;
    try {
      await readInputs(specs, source({ level: 'extreme', count: '11', enabled: 'yes please' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain("Input 'name' is required: expected any text.");
    expect(message).toContain(`Input 'level' "extreme" is not one of the choices: expected one of: low, high.`);
    expect(message).toContain(`Input 'count' "11" is out of range: expected a whole number from 1 to 10.`);
    expect(message).toContain(`Input 'enabled' "yes please" is not a boolean: expected 'true' or 'false'.`);
  });

  it('registers secrets for redaction as soon as they are read', async () => {
    await readInputs(specs, source({ name: 'x', token: 'tok-very-secret-123' }));
    expect(redact('header tok-very-secret-123 and tok-very-secret-123')).toBe('header *** and ***');
  });
});

describe('INPUT_ variables', () => {
  it("reads the runner's INPUT_WEBHOOK-URL and the typed INPUT_WEBHOOK_URL, the runner's first", () => {
    const saved = { ...process.env };
    try {
      delete process.env['INPUT_WEBHOOK-URL'];
      process.env['INPUT_WEBHOOK_URL'] = 'https://typed.example';
      expect(runnerInputSource('webhook-url')).toBe('https://typed.example');
      process.env['INPUT_WEBHOOK-URL'] = 'https://runner.example';
      expect(runnerInputSource('webhook-url')).toBe('https://runner.example');
      process.env['INPUT_WEBHOOK-URL'] = '';
      expect(runnerInputSource('webhook-url')).toBe('https://typed.example');
      expect(inputVariableNames('status')).toEqual(['INPUT_STATUS']);
    } finally {
      process.env = saved;
    }
  });
});

describe('one rule for every duration input', () => {
  it('reads a bare number as seconds everywhere: wait-for 120 and timeout 120 are both two minutes', async () => {
    const { smokeCheckInputs } = await import('../src/smoke/inputs.js');
    const { deployInputs } = await import('../../../actions/deploy/src/inputs.js');
    const { rollbackInputs } = await import('../../../actions/rollback/src/inputs.js');
    const read = async (specs: InputSpecs, name: string, raw: string) => {
      const parsed = await specs[name]!.parse(raw);
      return parsed.ok ? parsed.value : undefined;
    };
    expect(await read(smokeCheckInputs, 'wait-for', '120')).toBe(120_000);
    expect(await read(deployInputs, 'timeout', '120')).toBe(120_000);
    expect(await read(rollbackInputs, 'timeout', '120')).toBe(120_000);
    for (const [raw, ms] of [['1500ms', 1500], ['90s', 90_000], ['2m', 120_000], ['1h', 3_600_000], ['1.5m', 90_000]] as const) {
      expect(await read(deployInputs, 'timeout', raw)).toBe(ms);
      expect(await read(smokeCheckInputs, 'wait-for', raw)).toBe(ms > 30 * 60_000 ? undefined : ms);
    }
  });
});
