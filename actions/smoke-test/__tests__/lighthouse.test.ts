import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { smokeTestDefinition } from '../src/action.js';
import { ChromeNotFoundError, chromeFlags, findChrome } from '../../../packages/shared/src/smoke/lighthouse/chrome.js';
import { locateLighthouse, pinnedVersions, type Installer } from '../../../packages/shared/src/smoke/lighthouse/loader.js';
import { inputEnv, runLikeRunner } from '../../../test/harness/runner.js';
import { GOOD_PAGE, ROBOTS_TXT, startSite, type Site } from '../../../test/servers/site.js';
import { checkOf } from './helpers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const BYPASS = 'lh-bypass-s3cret-9876543210';
const CHROMIUM = '/usr/bin/chromium';

/** Installs nothing from the network: links this repository's own copies into the install dir. */
const linkInstall: Installer = async (dir) => {
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  for (const name of ['lighthouse', 'chrome-launcher']) await symlink(join(root, 'node_modules', name), join(dir, 'node_modules', name));
};

/** A Chrome that writes down its environment and arguments, then runs the real Chromium. */
async function recordingChrome(): Promise<{ path: string; recorded: () => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-kit-chrome-'));
  const path = join(dir, 'chrome');
  const record = join(dir, 'recorded.txt');
  await writeFile(path, `#!/bin/sh\n{ env; printf '%s\\n' "$@"; } >> '${record}'\nexec ${CHROMIUM} "$@"\n`);
  await chmod(path, 0o755);
  return { path, recorded: () => readFile(record, 'utf8') };
}

describe('Lighthouse', () => {
  it('pins Lighthouse 13 on Node >= 22.19 and 12.8 below', () => {
    expect(pinnedVersions('24.1.0')).toEqual({ lighthouse: '13.5.0', chromeLauncher: '1.2.1' });
    expect(pinnedVersions('22.19.0').lighthouse).toBe('13.5.0');
    expect(pinnedVersions('22.18.0').lighthouse).toBe('12.8.2');
    expect(pinnedVersions('20.19.2').lighthouse).toBe('12.8.2');
  });

  it('starts Chrome headless, with --no-sandbox only as root', () => {
    expect(chromeFlags({ root: false })).toEqual(['--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']);
    expect(chromeFlags({ root: true })).toContain('--no-sandbox');
    expect(chromeFlags({ root: false, resolveHosts: { 'shop.test': '127.0.0.1' } })).toContain('--host-resolver-rules=MAP shop.test 127.0.0.1');
  });

  it('finds Chrome through CHROME_PATH, the usual paths, or PATH, and says clearly when there is none', () => {
    expect(findChrome({ CHROME_PATH: CHROMIUM })).toBe(CHROMIUM);
    expect(findChrome({ PATH: '/usr/bin' }, [])).toBe(CHROMIUM);
    expect(() => findChrome({ CHROME_PATH: '/opt/no-chrome' })).toThrow('CHROME_PATH is /opt/no-chrome, which is not an executable file: point it at Chrome or Chromium, or unset it to search the usual places.');
    expect(() => findChrome({ PATH: '/nowhere' }, ['/nowhere/chrome'])).toThrow(ChromeNotFoundError);
    expect(() => findChrome({ PATH: '/nowhere' }, ['/nowhere/chrome'])).toThrow(/^Lighthouse needs Chrome or Chromium and none was found .*Install one \(ubuntu: `sudo apt-get install -y chromium`/);
  });

  it('takes Lighthouse from the action\'s own dependencies when they have it', async () => {
    const location = await locateLighthouse({ searchFrom: root, installDir: join(tmpdir(), 'unused'), install: () => Promise.reject(new Error('must not install')) });
    expect(location).toEqual({
      lighthouse: join(root, 'node_modules', 'lighthouse', 'core', 'index.js'),
      chromeLauncher: join(root, 'node_modules', 'chrome-launcher', 'dist', 'index.js'),
      source: 'dependencies',
    });
  });

  it('installs Lighthouse on demand when the dependencies lack it, once per runner', async () => {
    const base = await mkdtemp(join(tmpdir(), 'deploy-kit-lh-'));
    const installDir = join(base, 'install');
    const installs: { dir: string; versions: unknown }[] = [];
    const messages: string[] = [];
    const location = await locateLighthouse({
      searchFrom: base,
      installDir,
      install: async (dir, versions) => {
        installs.push({ dir, versions });
        await linkInstall(dir, versions);
      },
      onInstall: (m) => messages.push(m),
    });
    // The linked install resolves to the link's target, this repository's copy.
    expect(location).toEqual({ lighthouse: expect.stringMatching(/lighthouse\/core\/index\.js$/), chromeLauncher: expect.stringMatching(/chrome-launcher\/dist\/index\.js$/), source: 'installed' });
    expect(installs).toEqual([{ dir: installDir, versions: pinnedVersions() }]);
    expect(messages).toEqual([`Installing lighthouse@${pinnedVersions().lighthouse} and chrome-launcher@1.2.1 into ${installDir} (not bundled with the action).`]);
    const again = await locateLighthouse({ searchFrom: base, installDir, install: () => Promise.reject(new Error('installed twice')) });
    expect(again.source).toBe('installed');
  });

  it('passes on a failed install, and names an install that left nothing behind', async () => {
    const base = await mkdtemp(join(tmpdir(), 'deploy-kit-lh-'));
    const failing: Installer = () => Promise.reject(new Error('Installing Lighthouse 13.5.0 with npm failed (exit 1):\nnpm error 404'));
    await expect(locateLighthouse({ searchFrom: base, installDir: join(base, 'a'), install: failing })).rejects.toThrow(/npm failed \(exit 1\)/);
    await expect(locateLighthouse({ searchFrom: base, installDir: join(base, 'b'), install: async () => undefined }))
      .rejects.toThrow(`Lighthouse is still missing from ${join(base, 'b')} after installing it: delete that folder and run again.`);
  });

  describe('against a local page in Chromium', () => {
    let good: Site;
    let poor: Site;
    beforeAll(async () => {
      const page = (body: string) => () => ({ headers: { 'content-type': 'text/html; charset=utf-8' }, body });
      good = await startSite({ 'GET /': page(GOOD_PAGE), 'GET /robots.txt': () => ({ headers: { 'content-type': 'text/plain' }, body: ROBOTS_TXT }) });
      // No lang, no title, no description, an image without alt, unreadable contrast: accessibility and SEO suffer.
      poor = await startSite({
        'GET /': page('<html><head></head><body><img src="/x.png"><p style="color:#eee;background:#fff;font-size:9px">tiny pale text</p><a href="#"></a></body></html>'),
        'GET /robots.txt': () => ({ headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /\n' }),
      });
    });
    afterAll(async () => Promise.all([good.close(), poor.close()]));

    it('scores a good page, keeps the HTML report, and sends the bypass token without writing it down', async () => {
      const artifactsDir = await mkdtemp(join(tmpdir(), 'deploy-kit-lh-report-'));
      const chrome = await recordingChrome();
      const inputs = { url: `${good.url}/`, 'wait-for': '0', requests: '1', lighthouse: 'true', 'lighthouse-runs': '1', 'bypass-token': BYPASS };
      // The process environment as the runner gives it: every input an INPUT_* variable, plus a secret the user mapped into env:.
      const env = { ...process.env, ...inputEnv(inputs), VERCEL_AUTOMATION_BYPASS_SECRET: BYPASS, CHROME_PATH: chrome.path };
      const run = await runLikeRunner(smokeTestDefinition({ artifactsDir, env }), inputs);
      const check = checkOf(run, 'lighthouse');
      expect(check).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^performance \d+, accessibility \d+, best-practices \d+, seo \d+ \(median of 1 mobile run\(s\), Lighthouse 13\.\d+\.\d+\); thresholds performance 90, accessibility 95, best-practices 90, seo 90 met$/) });
      const scores = JSON.parse(run.outputs['lighthouse-scores']!) as Record<string, number>;
      expect(Object.keys(scores)).toEqual(['performance', 'accessibility', 'best-practices', 'seo']);
      expect(scores['accessibility']).toBeGreaterThanOrEqual(95);
      // The scores at a glance: one gauge per category against its threshold, above the checks.
      expect(run.summary).toMatch(new RegExp(`\\| Lighthouse accessibility \\| 🟢 \`[█░]{10}\` \\| ${scores['accessibility']} \\| ≥ 95 \\|`));
      expect(run.summary.indexOf('| Lighthouse performance |')).toBeLessThan(run.summary.indexOf('| | Check |'));
      const reportPath = run.outputs['lighthouse-report']!;
      expect(reportPath).toBe(join(artifactsDir, 'smoke-test-lighthouse-report.html'));
      const html = await readFile(reportPath, 'utf8');
      expect(html).toContain('<!doctype html>');
      expect(html).toContain('x-vercel-protection-bypass');
      expect(html).not.toContain(BYPASS);
      const fromChrome = good.calls('/').filter((r) => /Chrome/.test(String(r.headers['user-agent'])));
      expect(fromChrome.length).toBeGreaterThan(0);
      for (const request of fromChrome) expect(request.headers['x-vercel-protection-bypass']).toBe(BYPASS);
      expect(run.everything).not.toContain(BYPASS);
      // Neither the action's INPUT_* variables nor a variable holding the secret reach Chrome's environment or argv.
      const recorded = await chrome.recorded();
      expect(recorded).toContain('--headless=new');
      expect(recorded).toContain('PATH=');
      expect(recorded).not.toContain('INPUT_');
      expect(recorded).not.toContain(BYPASS);
    }, 120_000);

    it('fails categories below their thresholds, saying what was expected and what came back (desktop)', async () => {
      const definition = smokeTestDefinition({ artifactsDir: await mkdtemp(join(tmpdir(), 'deploy-kit-lh-report-')), env: { ...process.env, CHROME_PATH: CHROMIUM } });
      const run = await runLikeRunner(definition, {
        url: `${poor.url}/`, 'wait-for': '0', requests: '1', lighthouse: 'true', 'lighthouse-runs': '1', 'lighthouse-preset': 'desktop', 'lighthouse-thresholds': 'accessibility=95,seo=90',
      });
      const check = checkOf(run, 'lighthouse');
      expect(check.status).toBe('fail');
      expect(check.summary).toMatch(/^expected accessibility at least 95, got \d+; seo at least 90, got \d+ \(median of 1 desktop run\(s\), Lighthouse 13\.\d+\.\d+\)\. The HTML report \(output lighthouse-report\) shows what costs the points\.$/);
      expect(Object.keys(JSON.parse(run.outputs['lighthouse-scores']!) as object)).toEqual(['accessibility', 'seo']);
      expect(existsSync(run.outputs['lighthouse-report']!)).toBe(true);
    }, 120_000);

    it('fails clearly when no Chrome exists', async () => {
      const run = await runLikeRunner(smokeTestDefinition({ env: { CHROME_PATH: '/opt/no-chrome' } }), { url: `${good.url}/`, 'wait-for': '0', requests: '1', lighthouse: 'true' });
      expect(checkOf(run, 'lighthouse')).toMatchObject({ status: 'fail', summary: expect.stringContaining('CHROME_PATH is /opt/no-chrome, which is not an executable file') });
      expect(run.outputs['lighthouse-scores']).toBe('{}');
    });
  });
});
