import { z } from 'zod';
import { parseAssertion, type Assertion } from './assertions.js';
import { HEADER_NAME, PATH_PROBLEM } from './inputs.js';

/**
 * The `smoke:` section of .github/deploy-kit.yml — the structured part of a smoke test that does
 * not fit an input: endpoints with their assertions, the header policy, and how to call the
 * rate-limited endpoint. `${NAME}` in `text` and in assertion strings is read from the
 * environment, so a version endpoint can be asserted to serve `${GITHUB_SHA}`.
 *
 *   smoke:
 *     endpoints:
 *       - path: /api/health
 *         json: ['status == "healthy"', 'services.* == "healthy"']
 *       - path: /api/version
 *         text: ${GITHUB_SHA}
 *         max-latency-ms: 500
 *     required-headers: [content-security-policy]
 *     rate-limit: { method: POST, body: { email: probe@example.com } }
 */
export const SMOKE_SECTION = 'smoke';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const headerName = z.string().regex(HEADER_NAME, 'is not an HTTP header name');
const path = z.string().startsWith('/', PATH_PROBLEM);
const method = z
  .string()
  .transform((m) => m.toUpperCase())
  .refine((m): m is HttpMethod => (HTTP_METHODS as readonly string[]).includes(m), { message: `must be one of ${HTTP_METHODS.join(', ')}` })
  .default('GET');
const statusCode = z.number().int().min(100, 'is not an HTTP status (100-599)').max(599, 'is not an HTTP status (100-599)');
const status = z
  .union([statusCode, z.array(statusCode).min(1)], { error: 'must be an HTTP status (e.g. 200) or a list of them (e.g. [200, 201])' })
  .default(200)
  .transform((s) => (Array.isArray(s) ? s : [s]));
const scalar = z.union([z.string(), z.number().transform(String)], { error: 'must be text' });
const headers = z.record(headerName, scalar).default({});
/** A JSON body (sent as application/json) or text sent as is. */
const body = z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())], { error: 'must be text, or a mapping or list sent as JSON' }).optional();

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${NAME}` with the environment's value; an unset name is an error, not an empty string. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv): { ok: true; value: string } | { ok: false; message: string } {
  const missing = [...text.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => env[name] === undefined);
  if (missing.length > 0) return { ok: false, message: `\${${missing[0]}} is not set in the environment: set it in the step's env:` };
  return { ok: true, value: text.replace(VARIABLE, (_m, name: string) => env[name] ?? '') };
}

export function smokeSectionSchema(env: NodeJS.ProcessEnv = process.env) {
  /** One text or a list of them, `${NAME}` expanded. */
  const texts = z
    .union([scalar, z.array(scalar)], { error: 'must be text or a list of texts' })
    .optional()
    .transform((value, ctx) => {
      const expanded: string[] = [];
      for (const text of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
        const result = expandEnv(text, env);
        if (!result.ok) {
          ctx.addIssue({ code: 'custom', message: result.message });
          return z.NEVER;
        }
        expanded.push(result.value);
      }
      return expanded;
    });

  const assertion = z.string().transform((text, ctx): Assertion => {
    const parsed = parseAssertion(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    if (typeof parsed.value.value !== 'string') return parsed.value;
    const value = expandEnv(parsed.value.value, env);
    if (value.ok) return { ...parsed.value, value: value.value };
    ctx.addIssue({ code: 'custom', message: value.message });
    return z.NEVER;
  });

  const endpoint = z.strictObject({
    path,
    method,
    headers,
    body,
    status,
    json: z.array(assertion).default([]),
    text: texts,
    'max-latency-ms': z.number().int().positive().optional(),
  });

  return z.strictObject({
    endpoints: z.array(endpoint).default([]),
    'required-headers': z.array(headerName).default([]),
    'rate-limit': z.strictObject({ method, headers, body }).optional(),
  });
}

export type SmokeSection = z.output<ReturnType<typeof smokeSectionSchema>>;
export type EndpointConfig = SmokeSection['endpoints'][number];
