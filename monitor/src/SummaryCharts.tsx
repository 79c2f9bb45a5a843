import { Box, Paper, Typography } from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { STATUSES } from './filters';
import { statusColour } from './events';

export type SiteStatusCounts = Array<{ Site: string; Status: string; count: number }>;

/** Jobs of the current filter by status, and by site × status (stacked), from one grouped summary. */
export function SummaryCharts({ rows }: { rows: SiteStatusCounts }) {
  const byStatus = new Map<string, number>();
  const sites = new Map<string, Map<string, number>>();
  for (const r of rows) {
    byStatus.set(r.Status, (byStatus.get(r.Status) ?? 0) + r.count);
    if (!sites.has(r.Site)) sites.set(r.Site, new Map());
    sites.get(r.Site)!.set(r.Status, (sites.get(r.Site)!.get(r.Status) ?? 0) + r.count);
  }
  const statuses = [...byStatus.keys()].sort((a, b) => order(a) - order(b));
  const siteNames = [...sites.keys()].sort();
  const total = [...byStatus.values()].reduce((a, b) => a + b, 0);

  return (
    <Paper sx={{ p: 1.5, display: 'flex', gap: 2, flexWrap: 'wrap' }} data-testid="summary">
      <Box sx={{ minWidth: 320, flex: 1 }}>
        <Typography variant="subtitle2">By status <span data-testid="summary-total">({total} jobs)</span></Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, my: 0.5 }}>
          {statuses.map((s) => (
            <Box key={s} data-testid={`summary-${s}`} sx={{ fontSize: 12 }}>
              <Box component="span" sx={{ display: 'inline-block', width: 10, height: 10, mr: 0.5, bgcolor: statusColour(s) }} />
              {s}: <b>{byStatus.get(s)}</b>
            </Box>
          ))}
        </Box>
        {statuses.length > 0 && (
          <BarChart height={180} layout="horizontal" hideLegend
            yAxis={[{ scaleType: 'band', data: statuses, width: 90,
              colorMap: { type: 'ordinal', values: statuses, colors: statuses.map(statusColour) } }]}
            series={[{ data: statuses.map((s) => byStatus.get(s) ?? 0), label: 'jobs' }]}
            margin={{ top: 5, bottom: 5, left: 5, right: 10 }} />
        )}
      </Box>
      <Box sx={{ minWidth: 360, flex: 2 }}>
        <Typography variant="subtitle2">By site × status</Typography>
        {siteNames.length > 0 && (
          <BarChart height={210}
            xAxis={[{ scaleType: 'band', data: siteNames }]}
            series={statuses.map((s) => ({ data: siteNames.map((site) => sites.get(site)?.get(s) ?? 0),
              label: s, stack: 'status', color: statusColour(s) }))}
            margin={{ top: 5, bottom: 5, left: 5, right: 10 }} />
        )}
      </Box>
    </Paper>
  );
}

function order(status: string): number {
  const i = (STATUSES as readonly string[]).indexOf(status);
  return i < 0 ? 99 : i;
}
