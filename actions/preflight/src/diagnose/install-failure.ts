/**
 * Why an install failed, from its output: a package's lifecycle script (sharp, prisma, esbuild
 * downloading a binary), the network, or a lockfile out of step with package.json. The first
 * that matches wins in that order: a postinstall that failed to download is the script's
 * failure first (it names the package), and the network second.
 */
export type InstallCause =
  | { kind: 'lifecycle'; pkg?: string; network: boolean }
  | { kind: 'network'; detail: string }
  | { kind: 'lockfile' }
  | { kind: 'unknown' };

const LIFECYCLE: RegExp[] = [
  // npm: "npm error path /w/node_modules/sharp" + "npm error command failed"
  /npm (?:error|ERR!) path \S*node_modules[\\/]((?:@[\w.-]+[\\/])?[\w.-]+)\s*$[\s\S]{0,400}npm (?:error|ERR!) command failed/m,
  // pnpm: "node_modules/.pnpm/sharp@0.33.5/node_modules/sharp: Running postinstall script, failed in 1.2s"
  /node_modules[\\/](?:\.pnpm[\\/][^\s\\/]+[\\/]node_modules[\\/])?((?:@[\w.-]+[\\/])?[\w.-]+)(?:@[^\s:]*)?:? Running (?:pre|post)?install script, failed/,
  /ELIFECYCLE[\s\S]{0,200}?((?:@[\w.-]+\/)?[\w.-]+)@[\w.-]+ (?:pre|post)?install/,
  // yarn 1: "error /w/node_modules/sharp: Command failed."; berry: "sharp@npm:0.33.5 must be built because ... YN0009 ... couldn't be built successfully"
  /error \S*node_modules[\\/]((?:@[\w.-]+[\\/])?[\w.-]+): Command failed/,
  /YN0009: [│\s]*((?:@[\w.-]+\/)?[\w.-]+)@\S+ couldn't be built successfully/,
  // bun: 'error: postinstall script from "sharp" exited with 1'
  /(?:pre|post)?install script from "((?:@[\w.-]+\/)?[\w.-]+)" (?:exited|terminated)/,
];
const NETWORK = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|CERT_HAS_EXPIRED|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|SELF_SIGNED_CERT_IN_CHAIN|ERR_PNPM_META_FETCH_FAIL|ERR_SOCKET_TIMEOUT|getaddrinfo|socket hang up|network (?:error|timeout)|fetch failed|Request failed "\d+|YN0001: .*(?:Request|HTTP)|ConnectionRefused|ConnectionClosed)\b/;
const LOCKFILE =
  /can only install packages when your package\.json and package-lock\.json (?:or npm-shrinkwrap\.json )?are in sync|ERR_PNPM_OUTDATED_LOCKFILE|ERR_PNPM_LOCKFILE_CONFIG_MISMATCH|Your lockfile needs to be updated, but yarn was run with `--frozen-lockfile`|YN0028: .*lockfile would have been modified|lockfile had changes, but lockfile is frozen|npm-shrinkwrap\.json.*missing|Missing: \S+ from lock file|ERR_PNPM_LOCKFILE_BREAKING_CHANGE|Invalid: lock file's/i;

export function diagnoseInstall(output: string): InstallCause {
  for (const pattern of LIFECYCLE) {
    const match = pattern.exec(output);
    if (match) return { kind: 'lifecycle', pkg: match[1]?.replace(/\\/g, '/'), network: NETWORK.test(output) };
  }
  if (LOCKFILE.test(output)) return { kind: 'lockfile' };
  const network = NETWORK.exec(output);
  if (network) return { kind: 'network', detail: network[1]! };
  return { kind: 'unknown' };
}

/** The cause and what to do, completing "`pnpm install --frozen-lockfile` exited with code 1: ...". */
export function describeInstallCause(cause: InstallCause, lockfile: string | undefined, installHint: string): string {
  switch (cause.kind) {
    case 'lifecycle': {
      const who = cause.pkg ? `the install script of ${cause.pkg}` : 'a package install script';
      const why = cause.network ? ' while downloading (the network or its download host is unreachable from this runner)' : '';
      return `${who} failed${why}: see its output below. If the package downloads a binary (sharp, prisma engines, esbuild), allow that host, provide the binary (e.g. SHARP_IGNORE_GLOBAL_LIBVIPS, PRISMA_ENGINES_MIRROR), or skip scripts for it; the lockfile is not the problem`;
    }
    case 'network':
      return `the package registry could not be reached (${cause.detail}): check the runner's network, proxy or registry settings (.npmrc), then re-run; the lockfile is not the problem`;
    case 'lockfile':
      return `${lockfile ?? 'the lockfile'} is out of date with package.json: run \`${installHint}\` locally and commit ${lockfile ?? 'the lockfile'}`;
    default:
      return 'see its output below';
  }
}
