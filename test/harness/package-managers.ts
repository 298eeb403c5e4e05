import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './dist.js';

/**
 * pnpm, yarn and bun for e2e tests, installed from the npm registry into a temporary prefix
 * (corepack cannot fetch them here, see DESIGN.md). A failed install throws: the test fails,
 * it is never skipped.
 */
export interface PackageManagers {
  /** Prepend to PATH. */
  bin: string;
  remove(): void;
}

export function installPackageManagers(specs: string[]): PackageManagers {
  const prefix = mkdtempSync(join(tmpdir(), 'deploy-kit-pm-'));
  execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', ...specs], { stdio: 'pipe', timeout: 240_000 });
  return { bin: join(prefix, 'node_modules', '.bin'), remove: () => rmSync(prefix, { recursive: true, force: true }) };
}

/** A fixture app (test/fixtures/preflight/<name>) copied into a fresh git repository with one commit. */
export function fixtureRepo(name: string, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `deploy-kit-${name}-`));
  cpSync(join(ROOT, 'test', 'fixtures', 'preflight', name), dir, { recursive: true });
  for (const [from, to] of Object.entries(extra)) cpSync(join(ROOT, 'test', 'fixtures', 'preflight', from), join(dir, to));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  return dir;
}
