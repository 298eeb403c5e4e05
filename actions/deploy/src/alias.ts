import type { VercelClient } from '../../../packages/shared/src/clients/vercel.js';
import { ApiError, ConfigurationError, errorMessage } from '../../../packages/shared/src/errors.js';
import type { RunContext } from '../../../packages/shared/src/github/context.js';

/**
 * `alias` domains: {{PR_NUMBER}} and {{BRANCH}} are filled from the run, slugified into a DNS
 * label (lowercase letters, digits and hyphens, at most 63 characters per label, RFC 1035 §2.3.1),
 * then each domain is pointed at the deployment once it is READY.
 */
const MAX_LABEL = 63;
const MAX_DOMAIN = 253;

export interface ResolvedAliases {
  domains: string[];
  /** Aliases left out because this run has no value for a placeholder, with the reason. */
  skipped: string[];
}

export function slugify(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LABEL)
    .replace(/-+$/, '');
}

export function resolveAliases(templates: string[], run: Pick<RunContext, 'prNumber' | 'branch'>): ResolvedAliases {
  const values: Record<string, string | undefined> = {
    PR_NUMBER: run.prNumber ? String(run.prNumber) : undefined,
    BRANCH: run.branch ? slugify(run.branch) || undefined : undefined,
  };
  const domains: string[] = [];
  const skipped: string[] = [];
  for (const template of templates) {
    const absent = [...template.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/gi)].map((m) => m[1]!.toUpperCase()).filter((name) => !values[name]);
    if (absent.length > 0) {
      skipped.push(`${template} (this run has no ${absent.map((n) => `{{${n}}}`).join(' or ')})`);
      continue;
    }
    const domain = template
      .replace(/\{\{\s*([a-z_]+)\s*\}\}/gi, (_m, name: string) => values[name.toUpperCase()]!)
      .split('.')
      .map((label) => label.slice(0, MAX_LABEL).replace(/^-+|-+$/g, ''))
      .join('.');
    const problem = domainProblem(domain);
    if (problem) throw new ConfigurationError(`Input 'alias' "${template}" gives "${domain}", which ${problem}: expected a domain name such as pr-{{PR_NUMBER}}.example.com.`, 'alias');
    if (!domains.includes(domain)) domains.push(domain);
  }
  return { domains, skipped };
}

function domainProblem(domain: string): string | undefined {
  if (domain.length > MAX_DOMAIN) return `is longer than ${MAX_DOMAIN} characters`;
  const labels = domain.split('.');
  if (labels.length < 2) return 'has no parent domain';
  if (labels.some((l) => l === '')) return 'has an empty label';
  return undefined;
}

export interface AliasResult {
  assigned: string[];
  /** One line per alias that could not be assigned, with the fix. */
  failures: string[];
}

/** POST /v2/deployments/{id}/aliases for each domain; a 409 is someone else's alias. */
export async function assignAliases(client: VercelClient, deploymentId: string, domains: string[]): Promise<AliasResult> {
  const result: AliasResult = { assigned: [], failures: [] };
  for (const domain of domains) {
    try {
      await client.assignAlias(deploymentId, domain);
      result.assigned.push(domain);
    } catch (error) {
      result.failures.push(aliasFailure(domain, error));
    }
  }
  return result;
}

function aliasFailure(domain: string, error: unknown): string {
  if (error instanceof ApiError && error.status === 409) {
    return `${domain} is already in use by another Vercel team or project (409${error.code ? ` ${error.code}` : ''}): remove it from that project's Domains settings, or choose another alias.`;
  }
  if (error instanceof ApiError && (error.status === 400 || error.status === 404)) {
    return `${domain} could not be assigned (${errorMessage(error)}): add the domain to the Vercel project (Settings → Domains) or use a subdomain of one it has.`;
  }
  return `${domain} could not be assigned: ${errorMessage(error)}`;
}
