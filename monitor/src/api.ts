// The jobs API as the monitor uses it: the same origin as the page, a bearer token on every call.

export type Job = Record<string, unknown> & { JobID: number };

export interface SearchSpec {
  parameter: string;
  operator: string;
  value?: string;
  values?: string[];
}

export interface SortSpec {
  parameter: string;
  direction: 'asc' | 'desc';
}

/** A page of search results and where it stands in the whole result (RFC 7233 Content-Range). */
export interface JobPage {
  jobs: Job[];
  total: number;
  first: number;
}

export interface HistoryEntry {
  sequence: number;
  time: string;
  type: string;
  payload: Record<string, unknown>;
}

/** The API's answer per job to a bulk action: DiracX's {"success": {...}, "failed": {...}}. */
export interface BulkAnswer {
  status: number;
  success: Record<string, unknown>;
  failed: Record<string, { detail?: unknown } | unknown>;
  detail?: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(`${status}: ${detail}`);
  }
}

/** Reads "jobs 0-99/1234" or "jobs *\/1234". */
export function parseContentRange(header: string | null): { first: number; total: number } | null {
  if (!header) return null;
  const m = /^\s*\w+\s+(?:(\d+)-\d+|\*)\/(\d+)\s*$/.exec(header);
  if (!m) return null;
  return { first: m[1] === undefined ? 0 : Number(m[1]), total: Number(m[2]) };
}

function describe(body: unknown): string {
  if (body && typeof body === 'object' && 'detail' in body) {
    const detail = (body as { detail: unknown }).detail;
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  }
  return typeof body === 'string' ? body : JSON.stringify(body);
}

export class Api {
  constructor(private readonly token: string, private readonly onUnauthorized: () => void = () => {}) {}

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { Authorization: `Bearer ${this.token}`, ...extra };
  }

  private async call(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(path, {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 401) this.onUnauthorized();
    return response;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.call(method, path, body);
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, describe(parsed));
    return parsed as T;
  }

  /** One page of jobs: 200 (all of them), 206 (part, with Content-Range), 416 (past the end: empty). */
  async search(search: SearchSpec[], sort: SortSpec[], page: number, perPage: number,
               parameters?: string[]): Promise<JobPage> {
    const response = await this.call('POST', `/api/jobs/search?page=${page}&per_page=${perPage}`,
      { search, sort, ...(parameters ? { parameters } : {}) });
    const range = parseContentRange(response.headers.get('Content-Range'));
    if (response.status === 416) {
      return { jobs: [], total: range?.total ?? 0, first: 0 };
    }
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) throw new ApiError(response.status, describe(body));
    const jobs = body as Job[];
    return {
      jobs,
      total: range?.total ?? (page - 1) * perPage + jobs.length,
      first: range?.first ?? (page - 1) * perPage,
    };
  }

  summary(grouping: string[], search: SearchSpec[]): Promise<Array<Record<string, unknown> & { count: number }>> {
    return this.json('POST', '/api/jobs/summary', { grouping, search });
  }

  /** The job's attributes and the named parameters (a search returns parameters only when named). */
  async jobWithParameters(jobId: number, attributes: readonly string[], parameters: string[]): Promise<Job | null> {
    const page = await this.search([{ parameter: 'JobID', operator: 'eq', value: String(jobId) }], [], 1, 1,
      [...attributes, ...parameters]);
    return page.jobs[0] ?? null;
  }

  async history(jobId: number): Promise<HistoryEntry[]> {
    const response = await this.call('GET', `/api/jobs/${jobId}/history?per_page=10000`);
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (response.status === 416) return [];
    if (!response.ok) throw new ApiError(response.status, describe(body));
    return body as HistoryEntry[];
  }

  stateAsOf(jobId: number, time: string): Promise<Record<string, unknown>> {
    return this.json('GET', `/api/jobs/${jobId}/history?as_of=${encodeURIComponent(time)}`);
  }

  sandboxes(jobId: number): Promise<Record<string, Array<string | null>>> {
    return this.json('GET', `/api/jobs/${jobId}/sandbox`);
  }

  sandboxUrl(pfn: string): Promise<{ url: string; expires_in: number }> {
    return this.json('GET', `/api/jobs/sandbox?pfn=${encodeURIComponent(pfn)}`);
  }

  /** Kill or delete: PATCH /api/jobs/status with one record per job. */
  async setStatus(jobIds: number[], status: 'Killed' | 'Deleted'): Promise<BulkAnswer> {
    const time = new Date().toISOString();
    const body = Object.fromEntries(jobIds.map((id) => [String(id), {
      [time]: { Status: status, MinorStatus: 'Marked for termination', Source: 'JobMonitor' },
    }]));
    return this.bulk('PATCH', '/api/jobs/status', body);
  }

  reschedule(jobIds: number[]): Promise<BulkAnswer> {
    return this.bulk('POST', '/api/jobs/reschedule', { job_ids: jobIds });
  }

  /** A bulk answer whatever its status: 400/404 carry the same per-job shape or a detail. */
  private async bulk(method: string, path: string, body: unknown): Promise<BulkAnswer> {
    const response = await this.call(method, path, body);
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : {};
    return {
      status: response.status,
      success: parsed?.success ?? {},
      failed: parsed?.failed ?? {},
      detail: parsed?.success || parsed?.failed ? undefined : describe(parsed),
    };
  }
}
