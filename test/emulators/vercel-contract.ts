import { AssignAliasRequestBody$outboundSchema } from '@vercel/sdk/models/assignaliasop.js';
import {
  CreateDeploymentRequest$outboundSchema,
  CreateDeploymentRequestBody$outboundSchema,
  InlinedFile$outboundSchema,
  UploadedFile$outboundSchema,
} from '@vercel/sdk/models/responsebodyimages.js';

/**
 * Request checks of the Vercel emulator against the published schema: the zod models of
 * @vercel/sdk (node_modules/@vercel/sdk/src/models/). Those models strip keys they do not know,
 * so a body is also compared with what the model kept: a key the schema has no place for (a
 * field that drifted from the contract, e.g. `files[].mode`) is a violation, not silently dropped.
 */
interface Parser {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: { path: (string | number)[]; message: string }[] } };
}

export function violations(schema: Parser, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  return strayKeys(value, parsed.data, []).map((path) => `${path}: not in the published schema`);
}

function strayKeys(input: unknown, kept: unknown, path: string[]): string[] {
  if (Array.isArray(input) && Array.isArray(kept)) return input.flatMap((item, i) => strayKeys(item, kept[i], [...path, String(i)]));
  if (!isPlainObject(input) || !isPlainObject(kept)) return [];
  return Object.entries(input).flatMap(([key, value]) =>
    key in kept ? strayKeys(value, kept[key], [...path, key]) : [[...path, key].join('.')],
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Query parameters an endpoint documents; anything else is a violation. */
export function unknownQuery(query: URLSearchParams, allowed: readonly string[]): string[] {
  return [...new Set(query.keys())].filter((k) => !allowed.includes(k)).map((k) => `?${k}: not a documented query parameter`);
}

/**
 * POST /v13/deployments: body = CreateDeploymentRequestBody, query = teamId, slug, forceNew,
 * skipAutoDetectionConfirmation (CreateDeploymentRequest, both in models/responsebodyimages.ts).
 */
export function createDeploymentViolations(query: URLSearchParams, body: unknown): string[] {
  const request = {
    teamId: query.get('teamId') ?? undefined,
    slug: query.get('slug') ?? undefined,
    forceNew: query.get('forceNew') ?? undefined,
    skipAutoDetectionConfirmation: query.get('skipAutoDetectionConfirmation') ?? undefined,
    // The body is checked on its own below: here it only has to be there.
    requestBody: { name: 'body-checked-separately' },
  };
  const requestIssues = violations(CreateDeploymentRequest$outboundSchema as Parser, request).filter((v) => !v.startsWith('requestBody'));
  return [...unknownQuery(query, ['teamId', 'slug', 'forceNew', 'skipAutoDetectionConfirmation']), ...requestIssues, ...createBodyViolations(body)];
}

/**
 * CreateDeploymentRequestBody. Its `files` union (InlinedFile | UploadedFile) parses every entry
 * with both members and builds a ZodError for the one that does not fit: for 5,000 files that
 * took the emulator half a second per request, which the deploy benchmark counted as the step's.
 * So each entry is first checked against the member it is shaped as (`data` makes an inlined
 * file); only when something is wrong does the whole body go through the published union, whose
 * messages are then the answer.
 */
function createBodyViolations(body: unknown): string[] {
  const schema = CreateDeploymentRequestBody$outboundSchema as Parser;
  if (!isPlainObject(body) || !Array.isArray(body['files'])) return violations(schema, body);
  const { files, ...rest } = body as { files: unknown[] };
  const clean = violations(schema, rest).length === 0 && files.every((file) => violations(fileMemberFor(file), file).length === 0);
  return clean ? [] : violations(schema, body);
}

function fileMemberFor(file: unknown): Parser {
  return (isPlainObject(file) && 'data' in file ? InlinedFile$outboundSchema : UploadedFile$outboundSchema) as Parser;
}

/** POST /v2/deployments/{id}/aliases: AssignAliasRequestBody (models/assignaliasop.ts). */
export function assignAliasViolations(query: URLSearchParams, body: unknown): string[] {
  return [...unknownQuery(query, ['teamId', 'slug']), ...violations(AssignAliasRequestBody$outboundSchema as Parser, body)];
}
