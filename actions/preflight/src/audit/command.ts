import type { Project } from '../project.js';

/**
 * The audit command of each package manager, JSON output, production dependencies only
 * unless devDependencies are asked for (they do not ship, and their advisories are mostly
 * build-time noise):
 * - npm 7+: `npm audit --json --omit=dev` (https://docs.npmjs.com/cli/commands/npm-audit)
 * - pnpm: `pnpm audit --json --prod` (https://pnpm.io/cli/audit)
 * - yarn 1: `yarn audit --json --groups dependencies` (https://classic.yarnpkg.com/en/docs/cli/audit)
 * - yarn 2+: `yarn npm audit --json --recursive --environment production` (https://yarnpkg.com/cli/npm/audit)
 * - bun: `bun audit --json --prod` (https://bun.sh/docs/cli/audit)
 * The severity threshold is applied by deploy-kit, not the tool, so the report can list what
 * is below it too.
 */
export function auditCommand(project: Project, includeDev: boolean): string[] {
  switch (project.manager) {
    case 'pnpm':
      return ['pnpm', 'audit', '--json', ...(includeDev ? [] : ['--prod'])];
    case 'yarn':
      return project.yarnBerry
        ? ['yarn', 'npm', 'audit', '--json', '--recursive', ...(includeDev ? [] : ['--environment', 'production'])]
        : ['yarn', 'audit', '--json', ...(includeDev ? [] : ['--groups', 'dependencies'])];
    case 'bun':
      return ['bun', 'audit', '--json', ...(includeDev ? [] : ['--prod'])];
    default:
      return ['npm', 'audit', '--json', ...(includeDev ? [] : ['--omit=dev'])];
  }
}
