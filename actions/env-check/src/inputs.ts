import { DEFAULT_VERCEL_API, vercelOrgId, vercelProjectId, vercelToken } from '../../../packages/shared/src/clients/vercel/inputs.js';
import { choice, configFile, text, token, url, type InputsOf } from '../../../packages/shared/src/inputs.js';

/** env-check's inputs, kebab-case as in env-check/action.yml, with the same defaults. */
export const ENVIRONMENTS = ['production', 'preview', 'development'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const SOURCES = ['env', 'dotenv', 'vercel'] as const;
export const FAIL_ON = ['error', 'warning'] as const;

const PATH_IN_WORKDIR = "a file path relative to 'working-directory'";

export const envCheckInputs = {
  environment: choice(ENVIRONMENTS, { default: 'preview' }),
  source: choice(SOURCES, { default: 'env' }),
  'env-file': text({}, `${PATH_IN_WORKDIR}, e.g. .env.production.local`),
  'example-file': text({ default: '.env.example' }, `${PATH_IN_WORKDIR}, e.g. .env.example`),
  'working-directory': text({ default: '.' }, 'a directory of the repository, e.g. apps/web'),
  'vercel-token': vercelToken(),
  'vercel-org-id': vercelOrgId(),
  'vercel-project-id': vercelProjectId(),
  'api-url': url({ default: DEFAULT_VERCEL_API }),
  'fail-on': choice(FAIL_ON, { default: 'error' }),
  'github-token': token('a GitHub token, e.g. ${{ github.token }}'),
  config: configFile(),
};

export type EnvCheckInputs = InputsOf<typeof envCheckInputs>;
