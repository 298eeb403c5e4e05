import { checkedText, matches, token, type InputSpec } from '../../inputs.js';

/** The Vercel REST API's base URL (https://vercel.com/docs/rest-api), the `api-url` default. */
export const DEFAULT_VERCEL_API = 'https://api.vercel.com';

/** The Vercel inputs deploy, rollback, preflight and env-check share, by the same names and forms. */
const TOKEN = 'a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}';
const ORG = 'the team id (team_…) or personal account id owning the project: the orgId of .vercel/project.json';
const PROJECT = 'the project id (prj_…) or name: the projectId of .vercel/project.json';

/** Team ids are `team_…`; personal account ids and project ids/names are letters, digits, `_`, `-`, `.`. */
const vercelId = checkedText([matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'is not a Vercel id')]);

export const vercelToken = (): InputSpec<string | undefined> => token(TOKEN);
export const requiredVercelToken = (): InputSpec<string> => token(TOKEN, { required: true });
export const vercelOrgId = (): InputSpec<string | undefined> => ({ parse: vercelId, expected: ORG });
export const vercelProjectId = (): InputSpec<string | undefined> => ({ parse: vercelId, expected: PROJECT });
export const requiredVercelProjectId = (): InputSpec<string> => ({ parse: vercelId, expected: PROJECT, required: true });
