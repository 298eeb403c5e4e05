import { describe, expect, it } from '@jest/globals';
import { configSection } from '../../../packages/shared/src/config.js';
import { parseConfig } from '../../../packages/shared/src/config-yaml.js';
import { configJsonSchema } from '../../../packages/cli/src/config-schema.js';
import { envConfigSchema } from '../src/schema.js';
import { ISSUE_SCHEMA } from './helpers.js';

/** The env section of .github/deploy-kit.yml: the issue's example validates; each mistake is named with its key path and line. */
const load = (yaml: string) => configSection(parseConfig(yaml, '.github/deploy-kit.yml'), 'env', envConfigSchema);

describe('the env schema', () => {
  it('accepts the documented shape', () => {
    const config = load(`${ISSUE_SCHEMA}    SESSION_KEY: { type: base64, bytes: 32, secret: true }
    SUPABASE_ANON_KEY: { type: jwt, claims: { role: anon } }
    LOG_LEVEL: { type: enum, values: [debug, info, warn] }
    WORKERS: { type: integer, min: 1, max: 16, required: false }
    FEATURE_FLAGS:
`);
    expect(Object.keys(config.variables!)).toHaveLength(11);
    expect(config.variables!['SENTRY_DSN']).toEqual({ type: 'url', required: ['production'] });
    expect(config.variables!['FEATURE_FLAGS']).toEqual({});
  });

  const mistakes: [yaml: string, message: string][] = [
    [
      'env:\n  variables:\n    KEY: { type: hex, length: 64 }\n    URL: { type: url, length: 10 }\n',
      '.github/deploy-kit.yml:4: env.variables.URL.length: applies to type hex, not url',
    ],
    [
      'env:\n  variables:\n    KEY:\n      type: hexadecimal\n',
      '.github/deploy-kit.yml:4: env.variables.KEY.type: Invalid option: expected one of "string"|"url"|"email"|"integer"|"port"|"boolean"|"enum"|"hex"|"base64"|"jwt"|"stripe-secret-key"|"stripe-publishable-key"|"supabase-anon-key"|"supabase-service-role-key"',
    ],
    ['env:\n  variables:\n    LEVEL: { type: enum }\n', '.github/deploy-kit.yml:3: env.variables.LEVEL.values: is required for type enum: list the allowed values'],
    ['env:\n  variables:\n    TOKEN: { pattern: "([a-z" }\n', '.github/deploy-kit.yml:3: env.variables.TOKEN.pattern: is not a valid regular expression'],
    ['env:\n  variables:\n    DSN:\n      required: [staging]\n', '.github/deploy-kit.yml:4: env.variables.DSN.required: must be true, false or a list of environments: production, preview, development'],
    ['env:\n  variables:\n    X: { min-length: 10, max-length: 5 }\n', '.github/deploy-kit.yml:3: env.variables.X.max-length: is less than min-length'],
    ['env:\n  variables:\n    X: { secret: yes }\n', '.github/deploy-kit.yml:3: env.variables.X.secret: Invalid input: expected boolean, received string'],
    ['env:\n  variables:\n    X: { requried: false }\n', '.github/deploy-kit.yml:3: env.variables.X: Unrecognized key: "requried"'],
    ['env:\n  variables:\n    2FA_KEY: {}\n', '.github/deploy-kit.yml:3: env.variables.2FA_KEY: is not an environment variable name: letters, digits and _, not starting with a digit'],
    [
      'env:\n  variables:\n    NEXT_PUBLIC_SERVICE_KEY:\n      secret: true\n',
      '.github/deploy-kit.yml:4: env.variables.NEXT_PUBLIC_SERVICE_KEY.secret: a NEXT_PUBLIC_ variable is shipped to every browser and cannot be secret: rename it without NEXT_PUBLIC_',
    ],
    ['env:\n  variables:\n    X: { secret: true, public: true }\n', '.github/deploy-kit.yml:3: env.variables.X.secret: a variable cannot be both secret and public: a public one is shipped to every browser'],
    ['env:\n  varables: {}\n', '.github/deploy-kit.yml:2: env: Unrecognized key: "varables"'],
  ];

  it.each(mistakes)('names the key path and line of %j', (yaml, message) => {
    expect(() => load(yaml)).toThrow(message);
  });

  it('is the env section of deploy-kit.schema.json', () => {
    const json = configJsonSchema() as { properties: Record<string, { properties?: Record<string, { additionalProperties?: { properties?: Record<string, unknown> } }> }> };
    const variable = json.properties['env']!.properties!['variables']!.additionalProperties!;
    expect(Object.keys(variable.properties ?? {})).toEqual(expect.arrayContaining(['type', 'required', 'secret', 'public', 'length', 'protocols', 'claims']));
  });
});
