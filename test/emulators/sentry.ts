import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { startEmulator, type Emulator, type RecordedRequest, type Reply } from './server.js';
import { readZip } from './zip-reader.js';

/**
 * An emulator of the Sentry web API endpoints sentry-release uses, following the contract of
 * Sentry's API reference (https://docs.sentry.io/api/releases/), Sentry's own endpoints
 * (getsentry/sentry src/sentry/api/endpoints/organization_releases.py,
 * organization_release_details.py, chunk.py, organization_artifactbundle_assemble.py) and the
 * client that speaks it, sentry-cli (getsentry/sentry-cli src/api/mod.rs,
 * src/api/data_types/chunking/, src/utils/file_upload.rs). Sources are named at each route.
 *
 * It keeps releases, chunks and assembled bundles; checks tokens and scopes; opens every uploaded
 * bundle (ZIP + manifest.json) the way the server does; and replays scripted answers (a 429 with
 * Retry-After, a 5xx) and assemble states before answering normally.
 */
export interface SentryRelease {
  version: string;
  projects: string[];
  dateReleased?: string;
  refs?: { repository: string; commit: string; previousCommit?: string }[];
  commits?: { id: string; repository?: string; message?: string }[];
  lastCommit?: string;
  deploys: Record<string, unknown>[];
  createdOrder: number;
}

export interface AssembledBundle {
  checksum: string;
  projects: string[];
  version?: string;
  manifest: { files: Record<string, { url: string; type: string; headers?: Record<string, string> }>; debug_id?: string; org?: string; release?: string };
  files: Map<string, Buffer>;
}

export type SentryRoute = 'releases' | 'release' | 'chunk-upload' | 'assemble' | 'deploys';
export interface Scripted {
  status: number;
  retryAfter?: string;
  body?: unknown;
  /** Handle the request normally, then answer this instead (the answer was lost, the change made). */
  afterHandling?: boolean;
}

export interface SentryEmulator extends Emulator {
  token: string;
  org: string;
  projects: string[];
  /** Repositories connected to the organization (Settings > Integrations). */
  repos: string[];
  releases: Map<string, SentryRelease>;
  /** Chunks stored, by SHA-1. */
  chunks: Map<string, Buffer>;
  bundles: AssembledBundle[];
  /** The most chunk-upload requests in flight at once. */
  maxConcurrentUploads: number;
  /** Contract violations seen in requests (a test asserts none). */
  violations: string[];
  /** Queue raw answers for the next requests to a route. */
  script(route: SentryRoute, ...answers: Scripted[]): void;
  /** Queue the states the next assemble requests report once every chunk is there (then `ok`). */
  assembleStates(...states: ('created' | 'assembling' | 'ok' | 'error' | 'not_found')[]): void;
  /** A release as if made earlier, with its last commit. */
  seedRelease(version: string, lastCommit?: string, dateReleased?: string): SentryRelease;
}

export interface SentryEmulatorOptions {
  token?: string;
  org?: string;
  projects?: string[];
  repos?: string[];
  /** The token's scopes; `project:releases` (or org:ci) is needed for every route used here. */
  scopes?: string[];
  chunkSize?: number;
  chunksPerRequest?: number;
  maxRequestSize?: number;
  concurrency?: number;
  /** Seconds a client waits at most for assembling (chunk-upload `maxWait`). */
  maxWait?: number;
}

const NEEDED_SCOPES = ['project:releases', 'org:ci', 'project:write', 'project:admin'];
/** ChunkFileState values (sentry-cli src/api/data_types/chunking/file_state.rs). */
type AssembleState = 'created' | 'assembling' | 'ok' | 'error' | 'not_found';

export async function startSentryEmulator(options: SentryEmulatorOptions = {}): Promise<SentryEmulator> {
  const token = options.token ?? 'sntrys_emulated_token_0001';
  const org = options.org ?? 'acme';
  const projects = options.projects ?? ['web', 'api'];
  const repos = options.repos ?? ['acme/shop'];
  const scopes = options.scopes ?? ['org:ci'];
  const chunkOptions = {
    chunkSize: options.chunkSize ?? 8 * 1024 * 1024,
    chunksPerRequest: options.chunksPerRequest ?? 64,
    maxRequestSize: options.maxRequestSize ?? 32 * 1024 * 1024,
    concurrency: options.concurrency ?? 8,
  };
  const releases = new Map<string, SentryRelease>();
  const chunks = new Map<string, Buffer>();
  const bundles: AssembledBundle[] = [];
  const violations: string[] = [];
  const scripts: Record<SentryRoute, Scripted[]> = { releases: [], release: [], 'chunk-upload': [], assemble: [], deploys: [] };
  const pendingStates: AssembleState[] = [];
  let order = 0;
  let inFlight = 0;
  let url = '';

  const state = {
    maxConcurrentUploads: 0,
  };

  /** Authentication and scope, then the organization (https://docs.sentry.io/api/auth/; DRF's 401/403 `detail`). */
  function refuse(req: RecordedRequest, params: Record<string, string>, route: SentryRoute): Reply | undefined {
    if (scripts[route][0] && !scripts[route][0].afterHandling) return scriptedReply(scripts[route].shift()!);
    if (req.headers.authorization !== `Bearer ${token}`) return { status: 401, body: { detail: 'Invalid token' } };
    if (!scopes.some((s) => NEEDED_SCOPES.includes(s))) return { status: 403, body: { detail: 'You do not have permission to perform this action.' } };
    if (params['org'] !== org) return { status: 404, body: { detail: 'The requested resource does not exist' } };
    return undefined;
  }

  function releaseJson(release: SentryRelease) {
    return {
      version: release.version,
      dateCreated: new Date().toISOString(),
      dateReleased: release.dateReleased ?? null,
      projects: release.projects.map((slug) => ({ slug, name: slug })),
      lastCommit: release.lastCommit ? { id: release.lastCommit } : null,
    };
  }

  function addRelease(version: string, projectList: string[]): SentryRelease {
    const release: SentryRelease = { version, projects: projectList, deploys: [], createdOrder: ++order };
    releases.set(version, release);
    return release;
  }

  const emulator = await startEmulator({
    // Create a release (https://docs.sentry.io/api/releases/create-a-new-release-for-an-organization/):
    // body {version, projects, refs?, commits?, dateReleased?}; idempotent — 201 when created,
    // 208 when it existed with these projects; unknown slugs 400 {"projects": ["Invalid project ids or slugs"]}.
    'POST /api/0/organizations/:org/releases/': (req, p) => {
      const refused = refuse(req, p, 'releases');
      if (refused) return refused;
      const body = req.body as { version?: unknown; projects?: unknown };
      if (typeof body?.version !== 'string' || !Array.isArray(body.projects)) {
        violations.push(`create release: body ${JSON.stringify(body)}`);
        return { status: 400, body: { version: ['This field is required.'] } };
      }
      if (!body.projects.every((slug) => projects.includes(slug as string))) return { status: 400, body: { projects: ['Invalid project ids or slugs'] } };
      const existing = releases.get(body.version);
      const wanted = body.projects as string[];
      if (existing && wanted.every((slug) => existing.projects.includes(slug))) return { status: 208, body: releaseJson(existing) };
      const release = existing ?? addRelease(body.version, []);
      release.projects = [...new Set([...release.projects, ...wanted])];
      return { status: 201, body: releaseJson(release) };
    },
    // The previous release with commits (sentry-cli get_previous_release_with_commits):
    // the release JSON, or {} when there is none.
    'GET /api/0/organizations/:org/releases/:version/previous-with-commits/': (req, p) => {
      const refused = refuse(req, p, 'release');
      if (refused) return refused;
      const current = releases.get(p['version']!);
      if (!current) return { status: 404, body: { detail: 'The requested resource does not exist' } };
      const previous = [...releases.values()].filter((r) => r.createdOrder < current.createdOrder && r.lastCommit).sort((a, b) => b.createdOrder - a.createdOrder)[0];
      return { status: 200, body: previous ? releaseJson(previous) : {} };
    },
    // Update a release (https://docs.sentry.io/api/releases/update-an-organizations-release/):
    // refs [{repository, commit, previousCommit}] need the repository connected, else 400
    // {"refs": ["Invalid repository names: …"]}; commits [{id, repository, message, author_name,
    // author_email, timestamp}]; dateReleased (ISO 8601).
    'PUT /api/0/organizations/:org/releases/:version/': (req, p) => {
      const refused = refuse(req, p, 'release');
      if (refused) return refused;
      const release = releases.get(p['version']!);
      if (!release) return { status: 404, body: { detail: 'The requested resource does not exist' } };
      const body = req.body as Partial<SentryRelease> & { dateReleased?: string };
      if (body.refs) {
        const unknown = body.refs.filter((r) => !repos.includes(r.repository)).map((r) => r.repository);
        if (unknown.length > 0) return { status: 400, body: { refs: [`Invalid repository names: ${unknown.join(',')}`] } };
        if (!body.refs.every((r) => /^[0-9a-f]{40}$/.test(r.commit))) violations.push(`refs: ${JSON.stringify(body.refs)}`);
        release.refs = body.refs;
        release.lastCommit = body.refs[0]?.commit;
      }
      if (body.commits) {
        if (!body.commits.every((c) => typeof c.id === 'string')) violations.push(`commits: ${JSON.stringify(body.commits)}`);
        release.commits = body.commits;
        release.lastCommit = body.commits[0]?.id;
      }
      if (body.dateReleased !== undefined) {
        if (Number.isNaN(Date.parse(body.dateReleased))) violations.push(`dateReleased: ${body.dateReleased}`);
        release.dateReleased = body.dateReleased;
      }
      return { status: 200, body: releaseJson(release) };
    },
    // Chunk upload options (sentry-cli ChunkServerOptions; getsentry/sentry chunk.py ChunkUploadEndpoint.get).
    'GET /api/0/organizations/:org/chunk-upload/': (req, p) => {
      const refused = refuse(req, p, 'chunk-upload');
      if (refused) return refused;
      return {
        status: 200,
        body: {
          url: `${url}/api/0/organizations/${org}/chunk-upload/`,
          ...chunkOptions,
          maxFileSize: 2 ** 31,
          maxWait: options.maxWait ?? 60,
          hashAlgorithm: 'sha1',
          compression: ['gzip'],
          accept: ['debug_files', 'release_files', 'pdbs', 'sources', 'bcsymbolmaps', 'il2cpp', 'portablepdbs', 'artifact_bundles', 'proguard'],
        },
      };
    },
    // Chunk upload (chunk.py ChunkUploadEndpoint.post; sentry-cli Api::upload_chunks): multipart
    // form, one part per chunk in field `file_gzip` (gzip) or `file`, its filename the chunk's
    // SHA-1; at most chunksPerRequest parts and maxRequestSize bytes; a checksum mismatch is a 400.
    'POST /api/0/organizations/:org/chunk-upload/': async (req, p) => {
      inFlight++;
      state.maxConcurrentUploads = Math.max(state.maxConcurrentUploads, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      const refused = refuse(req, p, 'chunk-upload');
      if (refused) return refused;
      const parts = parseMultipart(req);
      if (!parts) return { status: 400, body: { error: 'Invalid multipart body' } };
      if (parts.length > chunkOptions.chunksPerRequest) violations.push(`chunk upload: ${parts.length} chunks in one request`);
      if (req.raw.length > chunkOptions.maxRequestSize + 64 * 1024) violations.push(`chunk upload: ${req.raw.length} bytes in one request`);
      for (const part of parts) {
        const data = part.field === 'file_gzip' ? gunzipSync(part.data) : part.field === 'file' ? part.data : undefined;
        if (!data) return { status: 400, body: { error: `Unknown field ${part.field}` } };
        if (sha1(data) !== part.filename) return { status: 400, body: { error: 'Checksum mismatch' } };
        if (data.length > chunkOptions.chunkSize) violations.push(`chunk ${part.filename} is larger than chunkSize`);
        chunks.set(part.filename, data);
      }
      return { status: 200, body: '' };
    },
    // Assemble an artifact bundle (https://docs.sentry.io/api/releases/assemble-an-artifact-bundle/;
    // organization_artifactbundle_assemble.py): {checksum, chunks, projects, version?, dist?} →
    // {state, missingChunks, detail}; not_found with the missing chunks, then created → assembling
    // → ok, or error with a detail when the bundle cannot be read.
    'POST /api/0/organizations/:org/artifactbundle/assemble/': (req, p) => {
      const refused = refuse(req, p, 'assemble');
      if (refused) return refused;
      const body = req.body as { checksum?: unknown; chunks?: unknown; projects?: unknown; version?: unknown };
      if (typeof body?.checksum !== 'string' || !Array.isArray(body.chunks) || !Array.isArray(body.projects) || body.projects.length === 0) {
        violations.push(`assemble: body ${JSON.stringify(body)}`);
        return { status: 400, body: { error: 'Invalid request' } };
      }
      if (!body.projects.every((slug) => projects.includes(slug as string))) return { status: 400, body: { error: 'One or more projects are invalid' } };
      if (bundles.some((b) => b.checksum === body.checksum) && pendingStates.length === 0) return { status: 200, body: { state: 'ok', missingChunks: [] } };
      const missing = (body.chunks as string[]).filter((c) => !chunks.has(c));
      if (missing.length > 0) return { status: 200, body: { state: 'not_found', missingChunks: missing } };
      const next = pendingStates.shift();
      if (next && next !== 'ok') return { status: 200, body: { state: next, missingChunks: [], ...(next === 'error' ? { detail: 'scripted assemble error' } : {}) } };
      const archive = Buffer.concat((body.chunks as string[]).map((c) => chunks.get(c)!));
      if (sha1(archive) !== body.checksum) return { status: 200, body: { state: 'error', missingChunks: [], detail: 'Reported checksum does not match upload' } };
      try {
        bundles.push(openBundle(archive, body.checksum, body.projects as string[], body.version as string | undefined));
      } catch (error) {
        return { status: 200, body: { state: 'error', missingChunks: [], detail: `Invalid bundle: ${(error as Error).message}` } };
      }
      return { status: 200, body: { state: 'ok', missingChunks: [] } };
    },
    // Create a deploy (https://docs.sentry.io/api/releases/create-a-new-deploy-for-an-organization/):
    // {environment (required), url, name, dateStarted, dateFinished, projects} → 201 the deploy.
    'POST /api/0/organizations/:org/releases/:version/deploys/': (req, p) => {
      const refused = refuse(req, p, 'deploys');
      if (refused) return refused;
      const release = releases.get(p['version']!);
      if (!release) return { status: 404, body: { detail: 'The requested resource does not exist' } };
      const body = req.body as Record<string, unknown>;
      if (typeof body?.['environment'] !== 'string') return { status: 400, body: { environment: ['This field is required.'] } };
      for (const key of ['dateStarted', 'dateFinished']) if (body[key] !== undefined && Number.isNaN(Date.parse(String(body[key])))) violations.push(`deploy ${key}: ${String(body[key])}`);
      release.deploys.push(body);
      if (scripts.deploys[0]?.afterHandling) return scriptedReply(scripts.deploys.shift()!);
      return { status: 201, body: { id: String(release.deploys.length), ...body } };
    },
    // List a release's deploys (https://docs.sentry.io/api/releases/list-a-releases-deploys/).
    'GET /api/0/organizations/:org/releases/:version/deploys/': (req, p) => {
      const refused = refuse(req, p, 'deploys');
      if (refused) return refused;
      const release = releases.get(p['version']!);
      if (!release) return { status: 404, body: { detail: 'The requested resource does not exist' } };
      return { status: 200, body: release.deploys.map((d, i) => ({ id: String(i + 1), ...d })) };
    },
  });
  url = emulator.url;

  const sentry = Object.assign(emulator, {
    token,
    org,
    projects,
    repos,
    releases,
    chunks,
    bundles,
    violations,
    maxConcurrentUploads: 0,
    script: (route: SentryRoute, ...answers: Scripted[]) => void scripts[route].push(...answers),
    assembleStates: (...states: AssembleState[]) => {
      for (const s of states) pendingStates.push(s);
    },
    seedRelease(version: string, lastCommit?: string, dateReleased?: string) {
      const release = addRelease(version, [...projects]);
      release.lastCommit = lastCommit;
      release.dateReleased = dateReleased;
      return release;
    },
  });
  // A live value, not a copy taken now.
  Object.defineProperty(sentry, 'maxConcurrentUploads', { get: () => state.maxConcurrentUploads });
  return sentry;
}

function scriptedReply(scripted: Scripted): Reply {
  const body = scripted.body ?? { detail: scripted.status === 429 ? 'Rate limit exceeded' : 'Internal Error' };
  return { status: scripted.status, headers: scripted.retryAfter ? { 'retry-after': scripted.retryAfter } : {}, body };
}

/**
 * The server's view of an artifact bundle (getsentry/sentry src/sentry/models/artifactbundle.py
 * ArtifactBundleArchive): a ZIP with manifest.json whose `files` name each entry with its url,
 * type (source, minified_source, source_map) and headers.
 */
function openBundle(archive: Buffer, checksum: string, projects: string[], version: string | undefined): AssembledBundle {
  const files = readZip(archive);
  const raw = files.get('manifest.json');
  if (!raw) throw new Error('no manifest.json');
  const manifest = JSON.parse(raw.toString('utf8')) as AssembledBundle['manifest'];
  for (const [path, info] of Object.entries(manifest.files ?? {})) {
    if (!files.has(path)) throw new Error(`manifest names ${path}, not in the archive`);
    if (!['source', 'minified_source', 'source_map'].includes(info.type)) throw new Error(`${path}: unknown type ${info.type}`);
    if (typeof info.url !== 'string') throw new Error(`${path}: no url`);
  }
  return { checksum, projects, version, manifest, files };
}

function parseMultipart(req: RecordedRequest): { field: string; filename: string; data: Buffer }[] | undefined {
  const boundary = /boundary=([^;]+)/.exec(String(req.headers['content-type'] ?? ''))?.[1];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { field: string; filename: string; data: Buffer }[] = [];
  let at = req.raw.indexOf(delimiter);
  while (at >= 0) {
    const next = req.raw.indexOf(delimiter, at + delimiter.length);
    if (next < 0) break;
    const part = req.raw.subarray(at + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const field = /name="([^"]+)"/.exec(headers)?.[1];
    const filename = /filename="([^"]+)"/.exec(headers)?.[1];
    if (!field || !filename) return undefined;
    parts.push({ field, filename, data: Buffer.from(part.subarray(headerEnd + 4)) });
    at = next;
  }
  return parts;
}

function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
