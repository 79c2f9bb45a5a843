import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

describe('SseParser', () => {
  it('yields an event with its id once the blank line arrives, across chunks', () => {
    const parser = new SseParser();
    expect(parser.push(':subscribed\n\nid: 3.0.1\nda')).toEqual([]);
    expect(parser.push('ta: {"a":1}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: '3.0.1', event: 'message', data: '{"a":1}' }]);
  });

  it('joins data lines, names events and skips comments, with CRLF line ends', () => {
    const parser = new SseParser();
    const messages = parser.push(': keep-alive\r\n\r\nevent: gap\r\ndata: a\r\ndata: b\r\n\r');
    expect(messages).toEqual([]);
    expect(parser.push('\n')).toEqual([{ id: undefined, event: 'gap', data: 'a\nb' }]);
  });

  it('keeps the last id for later events without one', () => {
    const parser = new SseParser();
    const messages = parser.push('id: 7\ndata: x\n\ndata: y\n\n');
    expect(messages.map((m) => m.id)).toEqual(['7', '7']);
  });
});
