import { describe, it, expect } from '@jest/globals';
import { compilePolicy } from '../../src/scan/policy.js';
import { scanText } from '../../src/scan/file-scan.js';
import { SECRET_RULES } from '../../../../packages/shared/src/secret-rules/rules.js';
import { negatives, positives, type Sample } from '../fixtures/secrets-corpus/corpus.js';

const policy = compilePolicy({ consoleAllow: ['error', 'warn'], todoPolicy: 'off', exempt: [], allowlist: [] });
const secretFindings = (sample: Sample) => scanText(sample.text, sample.file, policy).filter((f) => f.rule.startsWith('secret/'));

describe('secret scan on the labelled corpus', () => {
  const truePositives = positives();
  const lookalikes = negatives();

  it('covers every rule with true positives', () => {
    const covered = new Set(truePositives.map((s) => s.rule));
    const rules = new Set([...SECRET_RULES.map((r) => r.id), 'secret/aws-secret-access-key', 'secret/generic-assignment']);
    expect([...rules].filter((rule) => !covered.has(rule))).toEqual([]);
  });

  it('finds every true positive (recall 1.0) and reports nothing else (0 false positives)', () => {
    const missed: string[] = [];
    const falsePositives: string[] = [];
    const perRule = new Map<string, { found: number; total: number }>();
    for (const sample of truePositives) {
      const findings = secretFindings(sample);
      const stats = perRule.get(sample.rule!) ?? { found: 0, total: 0 };
      stats.total++;
      if (findings.some((f) => f.rule === sample.rule)) stats.found++;
      else missed.push(`${sample.name} (${sample.rule}) → ${findings.map((f) => f.rule).join(', ') || 'nothing'}`);
      perRule.set(sample.rule!, stats);
      for (const f of findings.filter((f) => f.rule !== sample.rule)) falsePositives.push(`${sample.name}: extra ${f.rule}`);
    }
    for (const sample of lookalikes) {
      for (const f of secretFindings(sample)) falsePositives.push(`${sample.name}: ${f.rule} at ${f.line}:${f.column}`);
    }
    const found = truePositives.length - missed.length;
    const recall = found / truePositives.length;
    console.log(
      [
        `Secret corpus: ${truePositives.length} true positives over ${perRule.size} rules, ${lookalikes.length} lookalike samples.`,
        `Recall ${recall.toFixed(3)} (${found}/${truePositives.length}); false positives ${falsePositives.length}.`,
        ...[...perRule].sort().map(([rule, s]) => `  ${rule}: ${s.found}/${s.total}`),
        ...missed.map((m) => `  MISSED ${m}`),
        ...falsePositives.map((m) => `  FALSE POSITIVE ${m}`),
      ].join('\n'),
    );
    expect(missed).toEqual([]);
    expect(falsePositives).toEqual([]);
    expect(recall).toBe(1);
  });

  it('reports each true positive with a redacted value, never the secret', () => {
    for (const sample of truePositives.filter((s) => s.secret !== '')) {
      const findings = secretFindings(sample);
      expect(findings.length).toBeGreaterThan(0);
      for (const finding of findings) {
        const shown = JSON.stringify(finding);
        // The first four characters may be shown; no 8-character piece of the rest may.
        for (const line of sample.secret!.split('\n')) {
          const hidden = line === sample.secret!.split('\n')[0] ? line.slice(4) : line;
          for (let i = 0; i + 8 <= hidden.length; i++) expect(shown).not.toContain(hidden.slice(i, i + 8));
        }
        expect(finding.message).toMatch(/\(\d+ chars\)/);
      }
    }
  });
});
