import { describe, expect, it } from 'vitest';
import { parseContentRange } from './api';
import { changesOf } from './events';
import { streamQuery, toSearch } from './filters';

describe('search specs', () => {
  it('writes list operators with values and the others with one value', () => {
    expect(toSearch([
      { parameter: 'Status', operator: 'in', values: ['Running', 'Done'] },
      { parameter: 'Site', operator: 'like', values: ['LCG.%'] },
    ])).toEqual([
      { parameter: 'Status', operator: 'in', values: ['Running', 'Done'] },
      { parameter: 'Site', operator: 'like', value: 'LCG.%' },
    ]);
  });

  it('narrows the stream only by job ids and groups', () => {
    expect(streamQuery([
      { parameter: 'JobGroup', operator: 'eq', values: ['g1'] },
      { parameter: 'Status', operator: 'eq', values: ['Running'] },
    ])).toBe('?job_group=g1');
    expect(streamQuery([])).toBe('');
  });
});

describe('Content-Range', () => {
  it('reads a part and a past-the-end answer', () => {
    expect(parseContentRange('jobs 100-199/1234')).toEqual({ first: 100, total: 1234 });
    expect(parseContentRange('jobs */1234')).toEqual({ first: 0, total: 1234 });
    expect(parseContentRange(null)).toBeNull();
  });
});

describe('events applied to rows', () => {
  it('a status update sets the status values', () => {
    expect(changesOf({ id: 'x', type: 'org.jobstream.job.status-updated.v1', subject: '5', time: '',
      data: { status: 'Running', minorStatus: 'Application', applicationStatus: 'Unknown',
        heartBeatTime: null, lastUpdateTime: 't' } }))
      .toMatchObject({ Status: 'Running', MinorStatus: 'Application', HeartBeatTime: null, LastUpdateTime: 't' });
  });

  it('a heartbeat sets the heartbeat time and any status change it caused', () => {
    expect(changesOf({ id: 'x', type: 'org.jobstream.job.heartbeat-received.v2', subject: '5', time: '',
      data: { time: 'T', parameters: {}, statusChange: { status: 'Running', minorStatus: 'Heartbeat' } } }))
      .toEqual({ HeartBeatTime: 'T', Status: 'Running', MinorStatus: 'Heartbeat' });
  });
});
