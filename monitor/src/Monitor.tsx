import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, Box, Button, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel,
  LinearProgress, Menu, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow,
  TableSortLabel, Typography,
} from '@mui/material';
import {
  flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState, type SortingState,
  type VisibilityState,
} from '@tanstack/react-table';
import type { Api, BulkAnswer, Job } from './api';
import { ATTRIBUTES, streamQuery, toSearch, type Filter } from './filters';
import { changesOf, jobIdOf, statusColour, type JobCloudEvent } from './events';
import { followStream, type StreamState } from './sse';
import { formatValue } from './format';
import { SearchBar } from './SearchBar';
import { SummaryCharts, type SiteStatusCounts } from './SummaryCharts';

const DEFAULT_COLUMNS = ['JobID', 'Status', 'MinorStatus', 'ApplicationStatus', 'Site', 'JobName', 'JobGroup',
  'Owner', 'SubmissionTime', 'HeartBeatTime', 'LastUpdateTime'];
/** The shown columns first, in that order, then the other attributes. */
const COLUMNS = [...DEFAULT_COLUMNS, ...ATTRIBUTES.filter((a) => !DEFAULT_COLUMNS.includes(a))];
const PAGE_SIZES = [10, 25, 50, 100, 500];
/** Re-queries after events come at most this often: a burst of submissions is one search. */
const REFRESH_THROTTLE_MS = 1000;
const SECOND_LOOK_MS = 2500;
/**
 * How long what the stream said about a job wins over a search's answer: the read models can be
 * behind the stream for another caller's writes (a pilot's heartbeat), and a re-query must not put
 * an older value back into a row that the stream has already changed.
 */
const STREAM_WINS_MS = 30_000;

type Action = 'kill' | 'delete' | 'reschedule';

/** The view in the address (`#/?filters=...&sort=...&page=...&per_page=...`), so that a link shows it again. */
interface View {
  filters: Filter[];
  sorting: SortingState;
  pagination: { pageIndex: number; pageSize: number };
}

function viewFromAddress(): View {
  const view: View = { filters: [], sorting: [{ id: 'JobID', desc: true }], pagination: { pageIndex: 0, pageSize: 25 } };
  const query = new URLSearchParams(window.location.hash.replace(/^#\/?\??/, ''));
  try {
    const filters = query.get('filters');
    if (filters) view.filters = JSON.parse(filters) as Filter[];
    const sort = query.get('sort');
    if (sort) view.sorting = sort.split(',').map((s) => ({ id: s.replace(/^-/, ''), desc: s.startsWith('-') }));
  } catch {
    // a hand-edited address: the default view
  }
  const page = Number(query.get('page'));
  const perPage = Number(query.get('per_page'));
  if (page >= 1) view.pagination.pageIndex = page - 1;
  if (PAGE_SIZES.includes(perPage)) view.pagination.pageSize = perPage;
  return view;
}

let lastView = '#/';

/** The monitor's address with the view it last showed, for the way back from a job's page. */
export function monitorAddress(): string {
  return lastView;
}

function viewToAddress(view: View): void {
  const query = new URLSearchParams();
  if (view.filters.length) query.set('filters', JSON.stringify(view.filters));
  query.set('sort', view.sorting.map((s) => (s.desc ? '-' : '') + s.id).join(','));
  query.set('page', String(view.pagination.pageIndex + 1));
  query.set('per_page', String(view.pagination.pageSize));
  lastView = `#/?${query}`;
  window.history.replaceState(null, '', lastView);
}

export function Monitor({ api }: { api: Api }) {
  const [initial] = useState(viewFromAddress);
  const [filters, setFilters] = useState<Filter[]>(initial.filters);
  const [sorting, setSorting] = useState<SortingState>(initial.sorting);
  const [pagination, setPagination] = useState(initial.pagination);
  const [columnVisibility, setColumnVisibility] = useState<VisibilityState>(
    Object.fromEntries(ATTRIBUTES.map((a) => [a, DEFAULT_COLUMNS.includes(a)])));
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [jobs, setJobs] = useState<Job[]>([]);
  const [total, setTotal] = useState(0);
  const [summary, setSummary] = useState<SiteStatusCounts>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();
  const [stream, setStream] = useState<{ state: StreamState; detail?: string }>({ state: 'connecting' });
  const [changed, setChanged] = useState<Record<number, number>>({});
  const [columnsMenu, setColumnsMenu] = useState<HTMLElement | null>(null);
  const [confirm, setConfirm] = useState<Action | null>(null);
  const [answer, setAnswer] = useState<{ action: Action; ids: number[]; result: BulkAnswer } | null>(null);

  // The latest query, for re-queries that events trigger outside React's render.
  const query = useRef({ filters, sorting, pagination });
  query.current = { filters, sorting, pagination };

  // The values the stream set, per job, and when: laid over the search's rows for STREAM_WINS_MS.
  const streamed = useRef(new Map<number, { changes: Partial<Job>; at: number }>());

  const load = useCallback(async () => {
    const { filters: f, sorting: s, pagination: p } = query.current;
    setLoading(true);
    try {
      const search = toSearch(f);
      const [page, counts] = await Promise.all([
        api.search(search, s.map((x) => ({ parameter: x.id, direction: x.desc ? 'desc' : 'asc' })),
          p.pageIndex + 1, p.pageSize),
        api.summary(['Site', 'Status'], search),
      ]);
      if (page.jobs.length === 0 && page.total > 0 && p.pageIndex > 0) {
        // 416: the page is past the end now (jobs were deleted or the filter narrowed): the last page.
        setPagination({ ...p, pageIndex: Math.max(0, Math.ceil(page.total / p.pageSize) - 1) });
        return;
      }
      const now = Date.now();
      for (const [id, entry] of streamed.current) {
        if (now - entry.at > STREAM_WINS_MS) streamed.current.delete(id);
      }
      setJobs(page.jobs.map((job) => {
        const entry = streamed.current.get(job.JobID);
        return entry ? { ...job, ...entry.changes } : job;
      }));
      setTotal(page.total);
      setSummary(counts.map((c) => ({ Site: String(c.Site ?? ''), Status: String(c.Status ?? ''), count: c.count })));
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    viewToAddress({ filters, sorting, pagination });
    void load();
  }, [load, filters, sorting, pagination]);

  // Throttled re-query: at most one per REFRESH_THROTTLE_MS, the last request always served.
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastRefresh = useRef(0);
  const scheduleRefresh = useCallback((delay = 0) => {
    if (refreshTimer.current) return;
    const wait = Math.max(delay, lastRefresh.current + REFRESH_THROTTLE_MS - Date.now(), 0);
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      lastRefresh.current = Date.now();
      void load();
    }, wait);
  }, [load]);
  useEffect(() => () => { if (refreshTimer.current) clearTimeout(refreshTimer.current); }, []);
  // After an event: now, and once more later, for the stream can deliver another caller's event
  // before the read models have applied it (a search waits only for its own caller's writes).
  const refreshAfterEvent = useCallback(() => {
    scheduleRefresh(200);
    setTimeout(() => scheduleRefresh(), SECOND_LOOK_MS);
  }, [scheduleRefresh]);

  const jobsRef = useRef(jobs);
  jobsRef.current = jobs;

  // One stream for the page: rows change in place, new or leaving jobs re-query the page.
  const streamFilter = streamQuery(filters);
  useEffect(() => {
    const stop = followStream({
      url: `/api/jobs/events${streamFilter}`,
      headers: () => api.headers(),
      onState: (state, detail) => setStream({ state, detail }),
      onMessage: (message) => {
        if (message.event === 'gap') { scheduleRefresh(); return; }
        if (message.event !== 'message') return;
        const event = JSON.parse(message.data) as JobCloudEvent;
        const jobId = jobIdOf(event);
        if (event.type.includes('.submitted.')) {
          refreshAfterEvent();
          return;
        }
        const changes = changesOf(event);
        if (Object.keys(changes).length === 0) return;
        const known = streamed.current.get(jobId)?.changes ?? {};
        streamed.current.set(jobId, { changes: { ...known, ...changes }, at: Date.now() });
        if (jobsRef.current.some((j) => j.JobID === jobId)) {
          const updated = jobsRef.current.map((j) => (j.JobID === jobId ? { ...j, ...changes } : j));
          jobsRef.current = updated;
          setJobs(updated);
          setChanged((c) => ({ ...c, [jobId]: Date.now() }));
        }
        // The summary counts change with a status; a job may enter or leave the filter (a row that
        // left it stays, changed, until the re-query).
        if ('Status' in changes) refreshAfterEvent();
      },
      onUnauthorized: () => setStream({ state: 'stopped', detail: 'token refused' }),
    });
    return stop;
  }, [api, streamFilter, scheduleRefresh, refreshAfterEvent]);

  const columns = useMemo<ColumnDef<Job>[]>(() => [
    {
      id: 'select',
      enableSorting: false,
      enableHiding: false,
      header: ({ table }) => (
        <Checkbox size="small" checked={table.getIsAllRowsSelected()} indeterminate={table.getIsSomeRowsSelected()}
          onChange={table.getToggleAllRowsSelectedHandler()} slotProps={{ input: { 'aria-label': 'select page' } }} />
      ),
      cell: ({ row }) => (
        <Checkbox size="small" checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()}
          slotProps={{ input: { 'data-testid': `select-${row.original.JobID}` } as object }} />
      ),
    },
    ...COLUMNS.map<ColumnDef<Job>>((attribute) => ({
      id: attribute,
      accessorFn: (job) => job[attribute],
      header: attribute,
      cell: ({ getValue, row }) => {
        const value = getValue();
        if (attribute === 'JobID') return <a href={`#/job/${row.original.JobID}`} data-testid={`job-link-${row.original.JobID}`}>{String(value)}</a>;
        if (attribute === 'Status') {
          return <Chip size="small" label={String(value ?? '')} data-testid={`status-${row.original.JobID}`}
            sx={{ bgcolor: statusColour(value), color: '#fff', height: 20, transition: 'background-color 0.4s' }} />;
        }
        return <span data-testid={`${attribute}-${row.original.JobID}`}>{formatValue(value)}</span>;
      },
    })),
  ], []);

  const table = useReactTable({
    data: jobs,
    columns,
    getRowId: (job) => String(job.JobID),
    state: { sorting, pagination, columnVisibility, rowSelection },
    manualPagination: true,
    manualSorting: true,
    enableMultiSort: true,
    rowCount: total,
    onSortingChange: (u) => { setSorting(u); setPagination((p) => ({ ...p, pageIndex: 0 })); },
    onPaginationChange: setPagination,
    onColumnVisibilityChange: setColumnVisibility,
    onRowSelectionChange: setRowSelection,
    getCoreRowModel: getCoreRowModel(),
  });

  const selected = Object.keys(rowSelection).filter((k) => rowSelection[k]).map(Number);

  const act = async (action: Action) => {
    setConfirm(null);
    const ids = selected;
    const result = action === 'reschedule' ? await api.reschedule(ids)
      : await api.setStatus(ids, action === 'kill' ? 'Killed' : 'Deleted');
    setAnswer({ action, ids, result });
    scheduleRefresh();
  };

  const changeFilters = (f: Filter[]) => {
    setFilters(f);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
    setRowSelection({});
  };

  return (
    <Box sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <SearchBar api={api} filters={filters} onChange={changeFilters} />
      {error && <Alert severity="error">{error}</Alert>}
      <SummaryCharts rows={summary} />
      <Paper>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 1 }}>
          <Button size="small" variant="outlined" color="error" disabled={!selected.length}
            onClick={() => setConfirm('kill')} data-testid="action-kill">Kill</Button>
          <Button size="small" variant="outlined" color="error" disabled={!selected.length}
            onClick={() => setConfirm('delete')} data-testid="action-delete">Delete</Button>
          <Button size="small" variant="outlined" disabled={!selected.length}
            onClick={() => setConfirm('reschedule')} data-testid="action-reschedule">Reschedule</Button>
          <Typography variant="body2" sx={{ ml: 1 }} data-testid="selection-count">
            {selected.length ? `${selected.length} selected` : ''}
          </Typography>
          <Box sx={{ flexGrow: 1 }} />
          <StreamBadge state={stream.state} detail={stream.detail} />
          <Button size="small" onClick={(e) => setColumnsMenu(e.currentTarget)}>Columns</Button>
          <Button size="small" onClick={() => void load()}>Refresh</Button>
        </Box>
        {loading ? <LinearProgress sx={{ height: 2 }} /> : <Box sx={{ height: 2 }} />}
        <TableContainer sx={{ maxHeight: 'calc(100vh - 420px)', minHeight: 200 }}>
          <Table size="small" stickyHeader data-testid="jobs-table">
            <TableHead>
              {table.getHeaderGroups().map((group) => (
                <TableRow key={group.id}>
                  {group.headers.map((header) => (
                    <TableCell key={header.id} sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                      {header.column.getCanSort() ? (
                        <TableSortLabel active={!!header.column.getIsSorted()}
                          direction={header.column.getIsSorted() === 'desc' ? 'desc' : 'asc'}
                          onClick={header.column.getToggleSortingHandler()} data-testid={`sort-${header.id}`}>
                          {flexRender(header.column.columnDef.header, header.getContext())}
                        </TableSortLabel>
                      ) : flexRender(header.column.columnDef.header, header.getContext())}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableHead>
            <TableBody>
              {table.getRowModel().rows.map((row) => (
                <TableRow key={`${row.id}:${changed[Number(row.id)] ?? 0}`} hover selected={row.getIsSelected()} data-testid={`row-${row.id}`}
                  onContextMenu={(e) => { e.preventDefault(); window.location.hash = `#/job/${row.id}`; }}
                  sx={{ animation: changed[Number(row.id)] ? 'jobChanged 1.5s ease-out' : undefined,
                    '@keyframes jobChanged': { from: { backgroundColor: '#fff59d' }, to: { backgroundColor: 'transparent' } } }}>
                  {row.getVisibleCells().map((cell) => (
                    <TableCell key={cell.id} sx={{ whiteSpace: 'nowrap' }}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
              {jobs.length === 0 && !loading && (
                <TableRow><TableCell colSpan={99}><Typography variant="body2" color="text.secondary">No job matches.</Typography></TableCell></TableRow>
              )}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination component="div" count={total} page={pagination.pageIndex} rowsPerPage={pagination.pageSize}
          rowsPerPageOptions={PAGE_SIZES} data-testid="pagination"
          onPageChange={(_, page) => setPagination((p) => ({ ...p, pageIndex: page }))}
          onRowsPerPageChange={(e) => setPagination({ pageIndex: 0, pageSize: Number(e.target.value) })} />
      </Paper>
      <Menu anchorEl={columnsMenu} open={!!columnsMenu} onClose={() => setColumnsMenu(null)}>
        {table.getAllLeafColumns().filter((c) => c.getCanHide()).map((column) => (
          <Box key={column.id} sx={{ px: 2 }}>
            <FormControlLabel label={column.id}
              control={<Checkbox size="small" checked={column.getIsVisible()} onChange={column.getToggleVisibilityHandler()} />} />
          </Box>
        ))}
      </Menu>
      <Dialog open={!!confirm} onClose={() => setConfirm(null)}>
        <DialogTitle>{confirm && `${confirm[0].toUpperCase()}${confirm.substring(1)} ${selected.length} job${selected.length === 1 ? '' : 's'}?`}</DialogTitle>
        <DialogContent><Typography variant="body2">{selected.slice(0, 50).join(', ')}{selected.length > 50 ? ', ...' : ''}</Typography></DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)}>Cancel</Button>
          <Button variant="contained" color="error" onClick={() => confirm && void act(confirm)} data-testid="action-confirm">Confirm</Button>
        </DialogActions>
      </Dialog>
      {answer && <ActionAnswer {...answer} onClose={() => { setAnswer(null); setRowSelection({}); }} />}
    </Box>
  );
}

function StreamBadge({ state, detail }: { state: StreamState; detail?: string }) {
  const colour = state === 'live' ? 'success' : state === 'stopped' ? 'error' : 'warning';
  return <Chip size="small" variant="outlined" color={colour} data-testid="stream-state" data-state={state}
    label={state === 'live' ? '● live' : `${state}${detail ? `: ${detail}` : ''}`} />;
}

/** The API's answer per job: DiracX's success/failed maps, or the request's own error. */
function ActionAnswer({ action, ids, result, onClose }: { action: Action; ids: number[]; result: BulkAnswer; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{action}: HTTP {result.status}</DialogTitle>
      <DialogContent>
        {result.detail && <Alert severity="error" sx={{ mb: 1 }}>{result.detail}</Alert>}
        <Table size="small" data-testid="action-results">
          <TableHead><TableRow><TableCell>Job</TableCell><TableCell>Result</TableCell><TableCell>Answer</TableCell></TableRow></TableHead>
          <TableBody>
            {ids.map((id) => {
              const ok = String(id) in result.success;
              const failed = result.failed[String(id)] as { detail?: unknown } | undefined;
              return (
                <TableRow key={id} data-testid={`action-result-${id}`}>
                  <TableCell>{id}</TableCell>
                  <TableCell>{ok ? <Chip size="small" color="success" label="done" /> : failed ? <Chip size="small" color="error" label="failed" /> : '—'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {ok ? JSON.stringify(result.success[String(id)]) : failed ? String(failed.detail ?? JSON.stringify(failed)) : ''}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </DialogContent>
      <DialogActions><Button onClick={onClose} data-testid="action-results-close">Close</Button></DialogActions>
    </Dialog>
  );
}
