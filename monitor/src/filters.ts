// The search bar's equations: attribute, operator, value(s), as DiracX's search specs.
import type { SearchSpec } from './api';

export const ATTRIBUTES = [
  'JobID', 'JobType', 'JobGroup', 'Site', 'JobName', 'Owner', 'OwnerGroup', 'VO',
  'SubmissionTime', 'RescheduleTime', 'LastUpdateTime', 'StartExecTime', 'HeartBeatTime', 'EndExecTime',
  'Status', 'MinorStatus', 'ApplicationStatus', 'UserPriority', 'RescheduleCounter', 'VerifiedFlag', 'AccountedFlag',
] as const;

export const STATUSES = [
  'Submitting', 'Received', 'Checking', 'Scouting', 'Staging', 'Waiting', 'Matched', 'Rescheduled',
  'Running', 'Stalled', 'Completing', 'Done', 'Completed', 'Failed', 'Deleted', 'Killed',
] as const;

/** DiracX's operators; `in` and `not in` take a list of values. */
export const OPERATORS = ['eq', 'neq', 'gt', 'lt', 'in', 'not in', 'like', 'not like', 'regex'] as const;
export type Operator = typeof OPERATORS[number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  eq: '=', neq: '≠', gt: '>', lt: '<', in: 'in', 'not in': 'not in', like: 'like', 'not like': 'not like', regex: '~',
};

/** Attributes whose values the monitor suggests from a summary (cheap: one grouped count). */
export const SUGGESTED_VALUES = new Set(['Status', 'MinorStatus', 'ApplicationStatus', 'Site', 'JobGroup',
  'JobType', 'Owner', 'OwnerGroup', 'VO']);

/** The most values suggested for one attribute (the most frequent ones). */
export const MAX_SUGGESTIONS = 200;

export interface Filter {
  parameter: string;
  operator: Operator;
  values: string[];
}

export function isListOperator(operator: Operator): boolean {
  return operator === 'in' || operator === 'not in';
}

export function toSearch(filters: Filter[]): SearchSpec[] {
  return filters.map((f) => isListOperator(f.operator)
    ? { parameter: f.parameter, operator: f.operator, values: f.values }
    : { parameter: f.parameter, operator: f.operator, value: f.values[0] ?? '' });
}

export function describeFilter(f: Filter): string {
  const value = isListOperator(f.operator) ? `(${f.values.join(', ')})` : f.values[0] ?? '';
  return `${f.parameter} ${OPERATOR_LABELS[f.operator]} ${value}`;
}

/** Splits the values typed for an `in` filter ("Running, Done") into a list. */
export function splitValues(text: string): string[] {
  return text.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
}

/** The stream's own filters that narrow it without losing a job the search may show. */
export function streamQuery(filters: Filter[]): string {
  const query = new URLSearchParams();
  for (const f of filters) {
    if (f.parameter === 'JobID' && (f.operator === 'eq' || f.operator === 'in')) {
      f.values.forEach((v) => query.append('job_id', v));
    } else if (f.parameter === 'JobGroup' && (f.operator === 'eq' || f.operator === 'in')) {
      f.values.forEach((v) => query.append('job_group', v));
    }
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}
