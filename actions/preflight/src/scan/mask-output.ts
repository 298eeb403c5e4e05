/**
 * A failed command's last lines are published in the job summary, the check run, the sticky
 * comment and the JSON report, where the runner's log masking does not reach. A secret a build
 * or test prints there (a key in an error message, a dumped env) is found by the same rules as
 * committed secrets and shown the same way: its first characters and its length.
 */
import { redactValue } from './redact-value.js';
import { scanSecrets } from './secret-scan.js';

/** Command output reads like a log file: `NAME=value` without quotes counts as an assignment. */
const OUTPUT_AS_PATH = 'command-output.log';

export function maskSecretsInOutput(text: string): string {
  const hits = scanSecrets(text, OUTPUT_AS_PATH).sort((a, b) => b.offset - a.offset);
  let masked = text;
  for (const { offset, length, secret } of hits) {
    if (!secret) continue;
    const start = text.indexOf(secret, offset);
    if (start < 0 || start + secret.length > offset + length) continue;
    masked = `${masked.slice(0, start)}${redactValue(secret)}${masked.slice(start + secret.length)}`;
  }
  return masked;
}
