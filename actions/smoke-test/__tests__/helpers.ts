import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Check } from '../../../packages/shared/src/report/model.js';
import type { RunnerRun } from '../../../test/harness/runner.js';

/** Headers a well-run production site sends: HTTP Observatory grades them A+. */
export const GOOD_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'content-security-policy': "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'set-cookie': '__Host-session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax',
};

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
