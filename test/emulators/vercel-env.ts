import { startEmulator, type Emulator } from './server.js';
import { unknownQuery } from './vercel-contract.js';

/**
 * GET /v10/projects/{idOrName}/env — filterProjectEnvs
 * (node_modules/@vercel/sdk/src/models/filterprojectenvsop.ts; https://vercel.com/docs/rest-api/projects/retrieve-the-environment-variables-of-a-project-by-id-or-name).
 * Query: gitBranch, decrypt, source, customEnvironmentId, customEnvironmentSlug, teamId, slug.
 * Answer: `{ envs: [{ key, value, type, target, gitBranch?, decrypted }] }`. Encrypted values come
 * back readable only with `decrypt=true` (otherwise as ciphertext); `sensitive` values never do.
 */
export interface EmulatedEnvVar {
  key: string;
  value: string;
  type: 'plain' | 'encrypted' | 'sensitive' | 'system';
  target: ('production' | 'preview' | 'development')[];
  gitBranch?: string;
}

export interface VercelEnvEmulator extends Emulator {
  violations: string[];
}

const QUERY = ['gitBranch', 'decrypt', 'source', 'customEnvironmentId', 'customEnvironmentSlug', 'teamId', 'slug'];

export async function startVercelEnvEmulator(options: { token: string; projectId: string; vars: EmulatedEnvVar[] }): Promise<VercelEnvEmulator> {
  const violations: string[] = [];
  const emulator = await startEmulator({
    'GET /v10/projects/:idOrName/env': (req, params) => {
      violations.push(...unknownQuery(req.query, QUERY));
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        return { status: 403, body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } } };
      }
      if (params['idOrName'] !== options.projectId) return { status: 404, body: { error: { code: 'not_found', message: 'Project not found' } } };
      const decrypt = req.query.get('decrypt') === 'true';
      const envs = options.vars.map((v) => ({
        id: `env_${v.key}`,
        key: v.key,
        type: v.type,
        target: v.target,
        ...(v.gitBranch ? { gitBranch: v.gitBranch } : {}),
        ...(v.type === 'sensitive' ? {} : { value: decrypt || v.type === 'plain' ? v.value : Buffer.from(v.value).toString('base64'), decrypted: decrypt }),
      }));
      return { body: { envs } };
    },
  });
  return { ...emulator, violations };
}
