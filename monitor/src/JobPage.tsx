import { useEffect, useState } from 'react';
import {
  Alert, Box, Button, Chip, Paper, Table, TableBody, TableCell, TableRow, Typography,
} from '@mui/material';
import type { Api, HistoryEntry, Job } from './api';
import { ATTRIBUTES } from './filters';
import { statusColour } from './events';
import { formatValue } from './format';
import { followStream } from './sse';
import { monitorAddress } from './Monitor';

/** A job: its attributes and parameters, its event history as a timeline, its state as of any event, its sandboxes. */
export function JobPage({ api, jobId }: { api: Api; jobId: number }) {
  const [job, setJob] = useState<Job | null>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [sandboxes, setSandboxes] = useState<Record<string, Array<string | null>>>({});
  const [picked, setPicked] = useState<HistoryEntry>();
  const [asOf, setAsOf] = useState<Record<string, unknown>>();
  const [error, setError] = useState<string>();

  const [version, setVersion] = useState(0);

  // The job's own events (the stream narrowed to it) reload the page: the timeline grows live.
  useEffect(() => followStream({
    url: `/api/jobs/events?job_id=${jobId}`,
    headers: () => api.headers(),
    onState: () => {},
    onMessage: (message) => {
      if (message.event !== 'message' && message.event !== 'gap') return;
      setVersion((v) => v + 1);
      // Once more later: another caller's write can reach the stream before the search has it.
      setTimeout(() => setVersion((v) => v + 1), 2500);
    },
  }), [api, jobId]);

  useEffect(() => {
    let current = true;
    (async () => {
      const [h, s] = await Promise.all([api.history(jobId), api.sandboxes(jobId)]);
      // The job's parameters are named in its history (metadata patches, heartbeats): ask for those.
      const names = new Set<string>();
      for (const entry of h) {
        const parameters = entry.payload.parameters;
        if (parameters && typeof parameters === 'object') Object.keys(parameters).forEach((n) => names.add(n));
      }
      const j = await api.jobWithParameters(jobId, ATTRIBUTES, [...names]);
      if (current) { setJob(j); setHistory(h); setSandboxes(s); }
    })().catch((e: Error) => current && setError(e.message));
    return () => { current = false; };
  }, [api, jobId, version]);

  const pick = (entry: HistoryEntry) => {
    setPicked(entry);
    api.stateAsOf(jobId, entry.time).then(setAsOf).catch((e: Error) => setError(e.message));
  };

  const download = async (pfn: string) => {
    try {
      const { url } = await api.sandboxUrl(pfn);
      window.open(url, '_blank', 'noopener');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const jdl = history.length && typeof history[0].payload.jdl === 'string' ? history[0].payload.jdl : undefined;
  const attributes = job ? Object.entries(job).filter(([k]) => (ATTRIBUTES as readonly string[]).includes(k)) : [];
  const parameters = job ? Object.entries(job).filter(([k]) => !(ATTRIBUTES as readonly string[]).includes(k)) : [];

  return (
    <Box sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }} data-testid="job-page">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Button href={monitorAddress()} size="small" data-testid="back-to-jobs">← Jobs</Button>
        <Typography variant="h5">Job {jobId}</Typography>
        {job && <Chip label={String(job.Status)} sx={{ bgcolor: statusColour(job.Status), color: '#fff' }} data-testid="job-status" />}
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {job === null && <Alert severity="info">Job {jobId} is not visible to you (or does not exist).</Alert>}
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Paper sx={{ p: 1.5, flex: '1 1 340px' }}>
          <Typography variant="subtitle1">Attributes</Typography>
          <KeyValues entries={attributes} testId="job-attributes" />
          <Typography variant="subtitle1" sx={{ mt: 1 }}>Parameters</Typography>
          {parameters.length ? <KeyValues entries={parameters} testId="job-parameters" />
            : <Typography variant="body2" color="text.secondary">None</Typography>}
          {jdl && (
            <>
              <Typography variant="subtitle1" sx={{ mt: 1 }}>JDL</Typography>
              <Box component="pre" sx={{ fontSize: 11, bgcolor: '#fafafa', p: 1, overflow: 'auto', maxHeight: 200 }}>{jdl}</Box>
            </>
          )}
          <Typography variant="subtitle1" sx={{ mt: 1 }}>Sandboxes</Typography>
          {Object.entries(sandboxes).map(([kind, pfns]) => (
            <Box key={kind} sx={{ fontSize: 13 }} data-testid={`sandbox-${kind}`}>
              {kind}: {pfns.filter((p): p is string => !!p).length === 0 ? <i>none</i>
                : pfns.filter((p): p is string => !!p).map((pfn) => (
                  <Button key={pfn} size="small" onClick={() => void download(pfn)} title={pfn}>download {pfn.split('/').pop()}</Button>
                ))}
            </Box>
          ))}
        </Paper>
        <Paper sx={{ p: 1.5, flex: '1 1 380px' }}>
          <Typography variant="subtitle1">History ({history.length} events) — pick one to see the job as of then</Typography>
          <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, borderLeft: '2px solid #cfd8dc', ml: 1 }} data-testid="history">
            {history.map((entry) => {
              const status = (entry.payload as Record<string, unknown>).status;
              const active = picked?.sequence === entry.sequence;
              return (
                <Box component="li" key={entry.sequence} onClick={() => pick(entry)} data-testid={`history-${entry.sequence}`}
                  sx={{ position: 'relative', pl: 2, py: 0.5, cursor: 'pointer', bgcolor: active ? '#e3f2fd' : undefined,
                    '&:hover': { bgcolor: '#f1f8e9' } }}>
                  <Box sx={{ position: 'absolute', left: -7, top: 10, width: 12, height: 12, borderRadius: '50%',
                    bgcolor: status ? statusColour(status) : '#90a4ae' }} />
                  <Typography variant="body2"><b>{entry.type}</b>{status ? ` → ${String(status)}` : ''}</Typography>
                  <Typography variant="caption" color="text.secondary">#{entry.sequence} · {formatValue(entry.time)}</Typography>
                </Box>
              );
            })}
          </Box>
        </Paper>
        <Paper sx={{ p: 1.5, flex: '1 1 340px' }} data-testid="as-of">
          <Typography variant="subtitle1">
            {picked ? <>State as of <span data-testid="as-of-time">{formatValue(picked.time)}</span> (after event #{picked.sequence})</>
              : 'State as of an event: pick one in the history'}
          </Typography>
          {asOf && <KeyValues entries={Object.entries(asOf)} testId="as-of-state" />}
          {picked && (
            <>
              <Typography variant="subtitle2" sx={{ mt: 1 }}>Event #{picked.sequence}: {picked.type}</Typography>
              <Box component="pre" sx={{ fontSize: 11, bgcolor: '#fafafa', p: 1, overflow: 'auto', maxHeight: 240 }}>
                {JSON.stringify({ ...picked.payload, jdl: undefined }, null, 2)}
              </Box>
            </>
          )}
        </Paper>
      </Box>
    </Box>
  );
}

function KeyValues({ entries, testId }: { entries: Array<[string, unknown]>; testId: string }) {
  return (
    <Table size="small" data-testid={testId}>
      <TableBody>
        {entries.map(([k, v]) => (
          <TableRow key={k}>
            <TableCell sx={{ fontWeight: 600, width: 170 }}>{k}</TableCell>
            <TableCell sx={{ wordBreak: 'break-all' }} data-testid={`${testId}-${k}`}>{formatValue(v)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
