import * as core from './workflow-commands.js';
import { redact } from './secrets.js';

/** Where an action's progress goes: the runner's log (workflow commands) or a terminal. */
export interface AnnotationPlace {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  title?: string;
}

export interface Logger {
  info(message: string): void;
  debug(message: string): void;
  notice(message: string, place?: AnnotationPlace): void;
  warning(message: string, place?: AnnotationPlace): void;
  error(message: string, place?: AnnotationPlace): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

function props(place?: AnnotationPlace): core.AnnotationProperties | undefined {
  if (!place) return undefined;
  return {
    file: place.file,
    startLine: place.line,
    startColumn: place.column,
    endLine: place.endLine,
    endColumn: place.endColumn,
    title: place.title ? redact(place.title) : undefined,
  };
}

export const runnerLogger: Logger = {
  info: (m) => core.info(redact(m)),
  debug: (m) => core.debug(redact(m)),
  notice: (m, p) => core.notice(redact(m), props(p)),
  warning: (m, p) => core.warning(redact(m), props(p)),
  error: (m, p) => core.error(redact(m), props(p)),
  group: (title, fn) => core.group(redact(title), fn),
};

/** Plain lines for the local CLI; writes to stderr so stdout stays the report. */
export function terminalLogger(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`), verbose = false): Logger {
  const at = (p?: AnnotationPlace) => (p?.file ? ` (${p.file}${p.line ? `:${p.line}` : ''})` : '');
  return {
    info: (m) => write(redact(m)),
    debug: (m) => (verbose ? write(redact(`debug: ${m}`)) : undefined),
    notice: (m, p) => write(redact(`notice: ${m}${at(p)}`)),
    warning: (m, p) => write(redact(`warning: ${m}${at(p)}`)),
    error: (m, p) => write(redact(`error: ${m}${at(p)}`)),
    group: async (title, fn) => {
      write(redact(`▸ ${title}`));
      return fn();
    },
  };
}
