import { z } from 'zod';
import { token, type InputSpec } from '../../inputs.js';

/** The Vercel inputs deploy and rollback share, by the same names and forms. */
const TOKEN = 'a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}';
const ORG = 'the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json';
const PROJECT = 'the project id (prj_…) or name: the projectId of .vercel/project.json';

/** Team ids are `team_…`; personal account ids and project ids/names are letters, digits, `_`, `-`, `.`. */
const vercelId = z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'is not a Vercel id');

export const vercelToken = (): InputSpec<string | undefined> => token(TOKEN);
export const requiredVercelToken = (): InputSpec<string> => token(TOKEN, { required: true });
export const vercelOrgId = (): InputSpec<string | undefined> => ({ schema: vercelId, expected: ORG });
export const vercelProjectId = (): InputSpec<string | undefined> => ({ schema: vercelId, expected: PROJECT });
export const requiredVercelProjectId = (): InputSpec<string> => ({ schema: vercelId, expected: PROJECT, required: true });
