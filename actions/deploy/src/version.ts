import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * deploy-kit's version, read from its package.json: found by walking up from this module, which
 * works from the sources (actions/deploy/src) and from the bundle (dist/shared) alike.
 */
let cached: string | undefined;

export function deployKitVersion(): string {
  cached ??= findVersion(dirname(fileURLToPath(import.meta.url)));
  return cached;
}

function findVersion(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      try {
        const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'deploy-kit' && pkg.version) return pkg.version;
      } catch {
        // not ours; keep walking
      }
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
