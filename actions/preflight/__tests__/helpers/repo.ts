import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Throwaway git repositories and fake package managers for the preflight tests. Files are
 * staged (`git add`), which is all `git ls-files` needs: no commit, no identity.
 */
const created: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every repository and fake tool this test file made (call it in afterAll). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function makeRepo(files: Record<string, string>, options: { git?: boolean; untracked?: Record<string, string> } = {}): string {
  const dir = tempDir('preflight-repo-');
  writeFiles(dir, files);
  if (options.git !== false) {
    execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
    execFileSync('git', ['add', '-A'], { cwd: dir, stdio: 'ignore' });
  }
  writeFiles(dir, options.untracked ?? {});
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/**
 * A fake package manager on PATH: `install` records its arguments and creates node_modules
 * (or, with FAKE_INSTALL_FAILS set, prints it and exits 1);
 * `run <script>` runs package.json's script with sh, like the real ones; `audit` (and yarn's
 * `npm audit`) prints the given output files and exits with the given code.
 * `calls` is the file each invocation's arguments are appended to.
 */
export interface FakeTool {
  bin: string;
  calls: string;
}

export function fakePackageManager(
  name: string,
  audit?: { stdout?: string; stderr?: string; exitCode?: number },
  /** A real binary that gets every command but the audit. */
  delegate?: string,
): FakeTool {
  const bin = tempDir(`preflight-fake-${name}-`);
  const calls = join(bin, 'calls.log');
  const auditLines = [
    audit?.stdout ? `cat '${audit.stdout}'` : ':',
    audit?.stderr ? `cat '${audit.stderr}' >&2` : ':',
    `exit ${audit?.exitCode ?? 0}`,
  ].join('; ');
  const script = `#!/bin/sh
echo "$*" >> '${calls}'
${delegate ? `[ "$1" = audit ] || [ "$2" = audit ] || exec '${delegate}' "$@"` : ''}
case "$1" in
  install|ci) if [ -n "$FAKE_INSTALL_FAILS" ]; then echo "$FAKE_INSTALL_FAILS" >&2; exit 1; fi; mkdir -p node_modules; echo "installed by fake ${name}"; exit 0 ;;
  run) shift; body=$(node -e "const s=require(process.cwd()+'/package.json').scripts||{}; if(!(process.argv[1] in s)) process.exit(3); console.log(s[process.argv[1]])" "$1") || { echo "Missing script: $1" >&2; exit 1; }; exec sh -c "$body" ;;
  audit) ${auditLines} ;;
  npm) [ "$2" = audit ] && { ${auditLines}; } ;;
esac
echo "fake ${name}: unexpected arguments: $*" >&2
exit 2
`;
  writeFileSync(join(bin, name), script);
  chmodSync(join(bin, name), 0o755);
  return { bin, calls };
}

/** PATH with the fake tools first. */
export function pathWith(...bins: string[]): string {
  return [...bins, process.env['PATH'] ?? ''].join(':');
}

/** The real program PATH finds, for a fake that hands it everything but the audit. */
export function whichSync(name: string): string {
  for (const dir of (process.env['PATH'] ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  throw new Error(`${name} is not on PATH`);
}
