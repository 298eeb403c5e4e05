import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../../../packages/shared/src/report/model.js';
import type { RunnerRun } from '../../../test/harness/runner.js';

export { GOOD_HEADERS } from '../../../test/servers/site.js';

/** What a site with no header policy sends, plus the deprecated XSS auditor switch. */
export const BAD_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'x-xss-protection': '1; mode=block',
  'content-security-policy': "script-src 'self' 'unsafe-inline'",
  'set-cookie': 'sessionid=abc123; Path=/',
};

export function checkOf(run: RunnerRun, id: string): Check {
  const check = run.result.report.checks.find((c) => c.id === id);
  if (!check) throw new Error(`no check '${id}' in: ${run.result.report.checks.map((c) => c.id).join(', ')}`);
  return check;
}

export async function writeConfig(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-smoke-config-'));
  const path = join(dir, 'deploy-kit.yml');
  await writeFile(path, text);
  return path;
}
