import { runnerLogger, type AnnotationPlace, type Logger } from './logger.js';

/**
 * Old spellings still accepted (camelCase config keys, ...) are reported once per run as a
 * warning, in the log of the action that read them: runAction points this at its logger.
 */
let logger: Logger = runnerLogger;
const said = new Set<string>();

export function useDeprecationLogger(log: Logger): void {
  logger = log;
  said.clear();
}

export function warnDeprecated(message: string, place?: AnnotationPlace): void {
  const key = `${place?.file ?? ''}:${place?.line ?? ''}:${message}`;
  if (said.has(key)) return;
  said.add(key);
  logger.warning(message, place);
}
