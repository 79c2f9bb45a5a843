// What a job event from the stream changes in a table row: the same attributes the read models
// change (the CloudEvent's data carries the new values, docs/events.md).
import type { Job } from './api';

export interface JobCloudEvent {
  id: string;
  type: string;
  subject: string;
  time: string;
  jobsequence?: string;
  data: Record<string, unknown>;
}

const SHORT_TYPE = /^org\.jobstream\.job\.([a-z-]+)\.v\d+$/;

/** "org.jobstream.job.status-updated.v1" → "status-updated". */
export function shortType(type: string): string {
  return SHORT_TYPE.exec(type)?.[1] ?? type;
}

function statusValues(source: Record<string, unknown>): Partial<Job> {
  const changes: Record<string, unknown> = {};
  const copy = (from: string, to: string) => {
    if (from in source && source[from] !== undefined) changes[to] = source[from];
  };
  copy('status', 'Status');
  copy('minorStatus', 'MinorStatus');
  copy('applicationStatus', 'ApplicationStatus');
  copy('startExecTime', 'StartExecTime');
  copy('endExecTime', 'EndExecTime');
  copy('heartBeatTime', 'HeartBeatTime');
  copy('lastUpdateTime', 'LastUpdateTime');
  return changes as Partial<Job>;
}

/** The attribute values the event sets; empty when it changes nothing a row shows. */
export function changesOf(event: JobCloudEvent): Partial<Job> {
  const data = event.data ?? {};
  switch (shortType(event.type)) {
    case 'status-updated':
      return statusValues(data);
    case 'heartbeat-received': {
      const change = data.statusChange as Record<string, unknown> | null | undefined;
      return { HeartBeatTime: data.time, ...(change ? statusValues(change) : {}) } as Partial<Job>;
    }
    case 'rescheduled':
      return { ...statusValues(data), RescheduleCounter: data.rescheduleCounter,
        RescheduleTime: data.rescheduleTime } as Partial<Job>;
    case 'metadata-patched':
      return { ...(data.attributes as Record<string, unknown> ?? {}), ...(data.parameters as Record<string, unknown> ?? {}) } as Partial<Job>;
    default:
      return {};
  }
}

export function jobIdOf(event: JobCloudEvent): number {
  return Number(event.subject);
}

/** Status colours, close to DIRAC's monitor: green done, red failed, blue running, grey waiting. */
export const STATUS_COLOURS: Record<string, string> = {
  Submitting: '#9e9e9e', Received: '#78909c', Checking: '#8d6e63', Scouting: '#a1887f', Staging: '#bcaaa4',
  Waiting: '#ffb300', Matched: '#ffa000', Rescheduled: '#ab47bc', Running: '#1e88e5', Stalled: '#f4511e',
  Completing: '#26a69a', Done: '#43a047', Completed: '#2e7d32', Failed: '#e53935', Deleted: '#424242',
  Killed: '#6d4c41',
};

export function statusColour(status: unknown): string {
  return STATUS_COLOURS[String(status)] ?? '#607d8b';
}
