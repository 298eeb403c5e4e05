import { applicableVariables, readVariable, type VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import type { Environment } from './schema.js';
import type { ValueSource } from './source.js';

/**
 * The project's variables for one environment, as GET /v10/projects/{idOrName}/env?decrypt=true
 * answers (packages/shared/src/clients/vercel/client.ts listProjectEnv). Which variable applies
 * and whether its value is readable are the shared rules of packages/shared/src/clients/vercel/env.ts;
 * one Vercel will not give back is present, unchecked.
 */
export async function vercelSource(client: VercelClient, project: string, environment: Environment, branch: string | undefined): Promise<ValueSource> {
  const byKey = applicableVariables(await client.listProjectEnv(project), environment, branch);
  return {
    description: `Vercel project ${project} (${environment})`,
    get: (name) => {
      const variable = byKey.get(name);
      if (!variable) return undefined;
      const read = readVariable(variable);
      return read.kind === 'value' ? read : { kind: 'presence', reason: `${read.reason}, so only its presence is checked` };
    },
  };
}

