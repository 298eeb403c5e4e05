import { describe, expect, it } from '@jest/globals';
import { evaluate, parseAssertion, type Assertion } from '../../../packages/shared/src/smoke/assertions.js';

function assertion(text: string): Assertion {
  const parsed = parseAssertion(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const health = {
  status: 'healthy',
  uptime: 3600,
  version: '1.4.2',
  build: { sha: null },
  services: { db: 'healthy', cache: 'healthy' },
  checks: [{ name: 'db', ok: true, latencyMs: 12 }, { name: 'queue', ok: false, latencyMs: 480 }],
};

describe('JSON assertions', () => {
  it('parses each form', () => {
    expect(assertion('status == "healthy"')).toEqual({ source: 'status == "healthy"', path: ['status'], op: '==', value: 'healthy' });
    expect(assertion('  checks[0].latencyMs<250 ')).toEqual({ source: 'checks[0].latencyMs<250', path: ['checks', '0', 'latencyMs'], op: '<', value: 250 });
    expect(assertion('services.* != null')).toMatchObject({ path: ['services', '*'], op: '!=', value: null });
    expect(assertion('build.sha exists')).toMatchObject({ path: ['build', 'sha'], op: 'exists' });
    expect(assertion('version ~= "^1\\\\.4\\\\."')).toMatchObject({ op: '~=', value: '^1\\.4\\.' });
  });

  it('holds when every reached value passes', () => {
    for (const text of ['status == "healthy"', 'services.* == "healthy"', 'uptime >= 60', 'checks.*.latencyMs < 1000', 'build.sha exists', 'version ~= "^1\\\\.4"', 'checks[0].ok == true']) {
      expect({ text, failures: evaluate(assertion(text), health) }).toEqual({ text, failures: [] });
    }
  });

  it('names each value that fails, with what was expected and what came back', () => {
    expect(evaluate(assertion('checks.*.ok == true'), health)).toEqual(['checks.1.ok: expected == true, got false']);
    expect(evaluate(assertion('checks.*.latencyMs < 250'), health)).toEqual(['checks.1.latencyMs: expected < 250, got 480']);
    expect(evaluate(assertion('status == "ok"'), health)).toEqual(['status: expected == "ok", got "healthy"']);
    expect(evaluate(assertion('version > 1'), health)).toEqual(['version: expected > 1, got "1.4.2"']);
    expect(evaluate(assertion('database.status == "up"'), health)).toEqual(['database.status: expected == "up", got no such key']);
    expect(evaluate(assertion('region exists'), health)).toEqual(['region: expected to exist, got no such key']);
  });

  it('fails a wildcard that reaches nothing: an empty services map proves nothing healthy', () => {
    expect(evaluate(assertion('services.* == "healthy"'), { services: {} })).toEqual(['services.*: matched nothing (expected == "healthy" for every match)']);
  });

  it('rejects what is not an assertion, saying how to write one', () => {
    const message = (text: string) => {
      const parsed = parseAssertion(text);
      return parsed.ok ? 'parsed' : parsed.message;
    };
    expect(message('status = "healthy"')).toMatch(/^`status = "healthy"` is not an assertion: expected `<path> <op> <JSON value>` or `<path> exists`/);
    expect(message('status == healthy')).toBe('`healthy` is not a JSON value: quote strings, e.g. "healthy"');
    expect(message("status == 'healthy'")).toBe('`\'healthy\'` is not a JSON value: quote strings, e.g. "healthy"');
    expect(message('uptime > "60"')).toBe('`uptime > "60"`: > compares numbers: the right side must be a number');
    expect(message('version ~= "(["')).toMatch(/^`version ~= "\(\["`: ~= pattern is not a valid regular expression/);
    expect(message('services == {"db":"healthy"}')).toMatch(/compare with a single value/);
    expect(message('a..b == 1')).toMatch(/is not a key path/);
  });
});
