import type { Severity } from '../../../../packages/shared/src/report/model.js';

/** A problem found at an offset of a file's text, before it is placed on a line and filtered. */
export interface Hit {
  rule: string;
  severity: Severity;
  message: string;
  offset: number;
  length: number;
  /** The secret itself, for allowlist `value` entries; never shown. */
  secret?: string;
}
