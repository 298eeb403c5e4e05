import { appendFileSync } from 'node:fs';
import { EOL } from 'node:os';

/**
 * The runner's workflow commands, as the few functions of @actions/core that deploy-kit uses,
 * with the same names and output byte for byte. Written here because @actions/core loads an
 * HTTP client (undici) at import time for OIDC tokens deploy-kit never asks for: that alone was
 * most of an action's start-up. The contract:
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 * (`::name key=value,…::message`, data escaped %, CR, LF; properties also `:` and `,`), and the
 * GITHUB_OUTPUT file's multiline form `name<<delimiter`.
 */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

type Properties = Record<string, string | number | undefined>;

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function issueCommand(command: string, properties: Properties, message: string): void {
  // Like @actions/core, a property with an empty (or zero) value is left out.
  const props = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`);
}

function annotation(properties: AnnotationProperties = {}): Properties {
  return {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn,
  };
}

export const info = (message: string): void => void process.stdout.write(message + EOL);
export const debug = (message: string): void => issueCommand('debug', {}, message);
export const notice = (message: string, properties?: AnnotationProperties): void => issueCommand('notice', annotation(properties), message);
export const warning = (message: string, properties?: AnnotationProperties): void => issueCommand('warning', annotation(properties), message);
export const error = (message: string, properties?: AnnotationProperties): void => issueCommand('error', annotation(properties), message);
export const setSecret = (secret: string): void => issueCommand('add-mask', {}, secret);

export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  issueCommand('group', {}, name);
  try {
    return await fn();
  } finally {
    issueCommand('endgroup', {}, '');
  }
}

/** The step fails with this message (exit code 1 once the process ends). */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** Appends `name<<delimiter` / value / delimiter to GITHUB_OUTPUT (the deprecated command when there is no file). */
export function setOutput(name: string, value: string): void {
  const file = process.env['GITHUB_OUTPUT'];
  if (!file) {
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, value);
    return;
  }
  // The global Web Crypto, loaded only here: importing node:crypto costs every start-up ~10 ms.
  const delimiter = `ghadelimiter_${globalThis.crypto.randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Unexpected input: the output ${name} contains its delimiter`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}
