import { describe, expect, it } from '@jest/globals';
import { condition, evaluate, interpolate, references } from './harness/expressions.js';

/**
 * The expression evaluator the workflow runner of test/harness uses in place of GitHub's: the
 * documented semantics the chain's workflows rely on
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions).
 */
const ctx = (contexts: Record<string, unknown>, failed = false) => ({ contexts, failed });

describe('GitHub Actions expressions, as the runner evaluates them', () => {
  it('&& and || return an operand, which is how workflows spell a ternary', () => {
    const c = ctx({ github: { event_name: 'push' }, inputs: { url: '' } });
    expect(evaluate("github.event_name == 'push' && 'production' || 'preview'", c)).toBe('production');
    expect(evaluate("inputs.url || 'fallback'", c)).toBe('fallback');
  });

  it('compares strings case-insensitively and coerces mismatched types to numbers', () => {
    const c = ctx({});
    expect(evaluate("'Success' == 'success'", c)).toBe(true);
    expect(evaluate("'1' == 1", c)).toBe(true);
    expect(evaluate("true == 1", c)).toBe(true);
    expect(evaluate("null == ''", c)).toBe(true); // both become 0
    expect(evaluate("'' == 0", c)).toBe(true);
  });

  it('gives null for missing properties, including kebab-case ones, instead of failing', () => {
    const c = ctx({ steps: { deploy: { outputs: { 'previous-deployment-id': 'dpl_1' } } } });
    expect(evaluate('steps.deploy.outputs.previous-deployment-id', c)).toBe('dpl_1');
    expect(evaluate('steps.smoke.outputs.status', c)).toBeNull();
    expect(evaluate("steps.smoke.outputs.status != 'failure'", c)).toBe(true);
  });

  it("adds success() to an if: without a status function, and honours always() and failure()", () => {
    const c = ctx({ inputs: { on: true } }, true);
    expect(condition('inputs.on', c)).toBe(false);
    expect(condition('${{ always() && inputs.on }}', c)).toBe(true);
    expect(condition('failure()', c)).toBe(true);
    expect(condition(undefined, ctx({}, false))).toBe(true);
  });

  it('keeps the type of a lone expression and makes text of a template', () => {
    const c = ctx({ inputs: { on: false, name: 'web' } });
    expect(interpolate('${{ inputs.on }}', c)).toBe(false);
    expect(interpolate('deploy-${{ inputs.name }}-${{ inputs.on }}', c)).toBe('deploy-web-false');
    expect(evaluate("format('deploy-kit-{0}-production', inputs.name)", c)).toBe('deploy-kit-web-production');
  });

  it('refuses what it does not understand rather than guessing', () => {
    expect(() => evaluate('vars.FOO', ctx({}))).toThrow(/Unknown context 'vars'/);
    expect(() => evaluate("join2('a')", ctx({}))).toThrow(/Unknown function/);
  });

  it('lists the context paths a text refers to', () => {
    expect(references("${{ steps.a.outputs.b }} and ${{ needs.pre.outputs.x || steps.c.outcome }}", 'steps')).toEqual([['a', 'outputs', 'b'], ['c', 'outcome']]);
  });
});
