import type { LocalMigration } from './layout.js';
import type { Risk } from './risks.js';

/**
 * The plan as Markdown for the job summary and the sticky PR comment: each pending migration
 * with its warnings, and its SQL collapsed so a long file does not bury the rest.
 */
export interface PlannedMigration {
  migration: LocalMigration;
  /** Path from the repository root. */
  path: string;
  risks: Risk[];
  outsideTransaction?: string;
}

/** SQL shown per migration in the summary; the file in the repository has the rest. */
const MAX_SQL_CHARS = 20_000;

export function planMarkdown(planned: PlannedMigration[], heading: string): string {
  const lines = [`**${heading}**`, ''];
  for (const { migration, path, risks, outsideTransaction } of planned) {
    lines.push(`- \`${migration.name}\` (${path})${risks.length ? ` — ${risks.length} warning${risks.length === 1 ? '' : 's'}` : ''}`);
    if (outsideTransaction) lines.push(`  - ⚠️ runs outside a transaction (${outsideTransaction}): a failure part-way leaves the statements before it applied`);
    for (const risk of risks) lines.push(`  - ⚠️ \`${risk.id}\`: ${risk.message}`);
    const sql = migration.sql.length > MAX_SQL_CHARS ? `${migration.sql.slice(0, MAX_SQL_CHARS)}\n-- … ${migration.sql.length - MAX_SQL_CHARS} more characters in ${path}` : migration.sql;
    lines.push('', '  <details><summary>SQL</summary>', '', fence(sql), '', '  </details>', '');
  }
  return lines.join('\n');
}

/** A code fence longer than any run of backticks in the text. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}sql\n${text.trimEnd()}\n${ticks}`;
}
