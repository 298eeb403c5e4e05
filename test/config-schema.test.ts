import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../packages/cli/src/config-schema.js';

const committed = JSON.parse(readFileSync(fileURLToPath(new URL('../deploy-kit.schema.json', import.meta.url)), 'utf8')) as {
  properties: Record<string, { properties?: Record<string, unknown> }>;
};

describe('deploy-kit.schema.json', () => {
  it('is what the zod schemas generate (run npm run build when this fails)', () => {
    expect(committed).toEqual(configJsonSchema());
  });

  it('describes each action section an editor should complete', () => {
    expect(Object.keys(committed.properties).sort()).toEqual(['deploy', 'env', 'migrate', 'preflight', 'smoke']);
    expect(committed.properties['env']!.properties).toHaveProperty('variables');
    expect(committed.properties['migrate']!.properties).toHaveProperty('allow-risks');
    expect(committed.properties['preflight']!.properties).toHaveProperty('secret-allowlist');
    expect(committed.properties['smoke']!.properties).toHaveProperty('endpoints');
  });
});
