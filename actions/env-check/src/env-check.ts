import { readProjectLink, vercelClientFor } from '../../../packages/shared/src/clients/vercel.js';
import { ConfigurationError, SkipError } from '../../../packages/shared/src/errors.js';
import type { ActionContext, ActionResult } from '../../../packages/shared/src/run.js';
import { evaluateVariables, excuseForkSecrets } from './evaluate.js';
import { comparisonFindings, dotenvFindings } from './file-findings.js';
import type { EnvCheckInputs } from './inputs.js';
import { decideOutcome, variableCheck } from './report.js';
import { buildRules } from './rules.js';
import { resolveSettings, type EnvCheckSettings } from './settings.js';
import { mapSource, processEnvSource, type ValueSource } from './source.js';
import { vercelSource } from './vercel-source.js';

/** env-check: every variable the app needs, present and well-formed for the target environment. */
export async function envCheck({ inputs, config, report, run, log }: ActionContext<EnvCheckInputs>): Promise<ActionResult> {
  const settings = await resolveSettings(inputs, run.workspace, config);
  const declared = settings.schema.variables ?? {};
  const rules = buildRules(declared, [...(settings.example?.file.values.keys() ?? [])]);
  const source = await openSource(inputs, settings, run, log);

  for (const located of [settings.example, settings.envFile]) if (located) for (const f of dotenvFindings(located)) report.addFinding(f);
  if (settings.example && Object.keys(declared).length > 0) {
    const schemaPlace = { path: settings.config.path, names: Object.keys(declared), lineOf: (name: string) => settings.config.lineOf(['env', 'variables', name]) };
    for (const f of comparisonFindings(settings.example, schemaPlace)) report.addFinding(f);
  }

  const environment = inputs.environment;
  const evaluated = evaluateVariables(rules, source, environment);
  const results = run.isForkPullRequest && inputs.source === 'env' ? excuseForkSecrets(evaluated) : evaluated;
  for (const result of results) report.addCheck(variableCheck(result));
  report.addNote(`Checked ${rules.length} variable(s) for ${environment} from ${source.description}.`);

  const outcome = decideOutcome(report, results, environment, inputs['fail-on'], source.description);
  return {
    outputs: { status: outcome.status, missing: JSON.stringify(outcome.missing), invalid: JSON.stringify(outcome.invalid) },
    failed: outcome.failed,
  };
}

async function openSource(inputs: EnvCheckInputs, settings: EnvCheckSettings, run: ActionContext<EnvCheckInputs>['run'], log: ActionContext<EnvCheckInputs>['log']): Promise<ValueSource> {
  if (inputs.source === 'env') return processEnvSource();
  if (inputs.source === 'dotenv') {
    const envFile = settings.envFile!;
    return mapSource(envFile.path, new Map([...envFile.file.values].map(([key, entry]) => [key, entry.value])));
  }
  const token = inputs['vercel-token'];
  if (!token) {
    if (run.isForkPullRequest) throw new SkipError('A pull request from a fork gets no secrets: without a Vercel token the variables in Vercel cannot be read, so env-check skips.');
    throw new ConfigurationError("Input 'vercel-token' is required with source 'vercel': expected a Vercel access token from https://vercel.com/account/tokens, e.g. ${{ secrets.VERCEL_TOKEN }}.", 'vercel-token');
  }
  const link = await readProjectLink(settings.workdir);
  const project = inputs['vercel-project-id'] ?? link?.projectId;
  if (!project) {
    throw new ConfigurationError("Input 'vercel-project-id' is required with source 'vercel': expected the project id (prj_…) or name, or a .vercel/project.json in 'working-directory'.", 'vercel-project-id');
  }
  const client = vercelClientFor({ token, orgId: inputs['vercel-org-id'] ?? link?.orgId, apiUrl: inputs['api-url'] }, log);
  return vercelSource(client, project, inputs.environment, run.branch);
}
