import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finding Chrome for Lighthouse: CHROME_PATH (chrome-launcher's own variable) first, then the
 * places Debian/Ubuntu packages, Google's .deb, snaps, macOS and Windows put it, then the usual
 * command names on PATH. GitHub's Ubuntu runners ship google-chrome; `apt-get install chromium`
 * gives /usr/bin/chromium.
 */
const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];
const COMMAND_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export class ChromeNotFoundError extends Error {
  override readonly name = 'ChromeNotFoundError';
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChrome(env: NodeJS.ProcessEnv = process.env, knownPaths: readonly string[] = KNOWN_PATHS): string {
  const configured = env['CHROME_PATH'];
  if (configured) {
    if (executable(configured)) return configured;
    throw new ChromeNotFoundError(`CHROME_PATH is ${configured}, which is not an executable file: point it at Chrome or Chromium, or unset it to search the usual places.`);
  }
  const onPath = (env['PATH'] ?? '').split(delimiter).filter(Boolean).flatMap((dir) => COMMAND_NAMES.map((name) => join(dir, name)));
  const found = [...knownPaths, ...onPath].find(executable);
  if (found) return found;
  throw new ChromeNotFoundError(
    'Lighthouse needs Chrome or Chromium and none was found (CHROME_PATH is unset; looked for ' +
      `${COMMAND_NAMES.join(', ')} on PATH and in ${knownPaths.slice(0, 4).join(', ') || 'the usual places'}). ` +
      "Install one (ubuntu: `sudo apt-get install -y chromium`, or the browser-actions/setup-chrome action) and set CHROME_PATH, or set lighthouse: 'false'.",
  );
}

/**
 * Headless flags for CI. Chrome refuses to start as root without --no-sandbox (containers run as
 * root); the rest keep a CI run from fetching updates, syncing, or showing first-run UI.
 */
export function chromeFlags(options: { root?: boolean; resolveHosts?: Record<string, string> } = {}): string[] {
  const root = options.root ?? process.getuid?.() === 0;
  const flags = ['--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  if (root) flags.push('--no-sandbox');
  const rules = Object.entries(options.resolveHosts ?? {}).map(([host, ip]) => `MAP ${host} ${ip}`);
  if (rules.length > 0) flags.push(`--host-resolver-rules=${rules.join(',')}`);
  return flags;
}
