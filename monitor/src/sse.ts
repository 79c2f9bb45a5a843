// Server-Sent Events over fetch(): EventSource cannot send an Authorization header, and a token in
// the query string would end up in logs and histories. This reads the stream with the bearer header
// and parses the text/event-stream format itself; it reconnects with Last-Event-ID, so that the
// service resumes where the monitor stopped (docs/events.md).

export interface SseMessage {
  id?: string;
  event: string;
  data: string;
}

/** Incremental text/event-stream parser: feed it chunks, it returns the complete messages. */
export class SseParser {
  private buffer = '';
  private data: string[] = [];
  private event = '';
  private id: string | undefined;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.substring(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (this.buffer[newline] === '\r' && newline + 1 === this.buffer.length) break;
      this.buffer = this.buffer.substring(newline + width);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      const message = this.data.length ? { id: this.id, event: this.event || 'message', data: this.data.join('\n') } : null;
      this.data = [];
      this.event = '';
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.substring(0, colon);
    let value = colon < 0 ? '' : line.substring(colon + 1);
    if (value.startsWith(' ')) value = value.substring(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    return null;
  }
}

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export interface StreamOptions {
  url: string;
  headers: () => Record<string, string>;
  onMessage: (message: SseMessage) => void;
  onState: (state: StreamState, detail?: string) => void;
  onUnauthorized?: () => void;
}

/** Keeps one stream open until stopped, reconnecting after a close or an error (backing off to 15 s). */
export function followStream(options: StreamOptions): () => void {
  const controller = new AbortController();
  let lastEventId: string | undefined;
  let delay = 500;

  const run = async () => {
    while (!controller.signal.aborted) {
      options.onState(lastEventId ? 'reconnecting' : 'connecting');
      try {
        const response = await fetch(options.url, {
          headers: { ...options.headers(), Accept: 'text/event-stream',
            ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (response.status === 401) {
          options.onUnauthorized?.();
          options.onState('stopped', 'not signed in');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`the stream answered ${response.status}`);
        options.onState('live');
        delay = 500;
        const parser = new SseParser();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const message of parser.push(value)) {
            if (message.id) lastEventId = message.id;
            options.onMessage(message);
          }
        }
      } catch (error) {
        if (controller.signal.aborted) break;
        options.onState('reconnecting', error instanceof Error ? error.message : String(error));
      }
      if (controller.signal.aborted) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 15_000);
    }
    options.onState('stopped');
  };
  void run();
  return () => controller.abort();
}
