// Server-sent events over fetch: EventSource cannot send the Authorization header, fetch can. Parses
// the text/event-stream format, remembers the last event id and reconnects with Last-Event-ID, so
// a dropped connection loses no reply (the gateway replays what was missed).

export class ReplyEvents {
  /**
   * @param {string} url the stream's URL
   * @param {() => object} headers the headers of each connection (the current access token)
   * @param {(name: string, data: any, id: string|null) => void} onEvent called for every event
   * @param {(connected: boolean) => void} onConnection told when the stream goes up or down
   */
  constructor(url, headers, onEvent, onConnection = () => {}) {
    this.url = url;
    this.headers = headers;
    this.onEvent = onEvent;
    this.onConnection = onConnection;
    this.lastEventId = null;
    this.controller = null;
    this.closed = false;
    this.retryMillis = 1000;
  }

  /** Starts streaming, resuming after the given event id if there is one. */
  start(lastEventId = null) {
    this.lastEventId = lastEventId;
    this.connect();
  }

  close() {
    this.closed = true;
    if (this.controller) {
      this.controller.abort();
    }
  }

  async connect() {
    while (!this.closed) {
      this.controller = new AbortController();
      const headers = { ...this.headers(), Accept: 'text/event-stream' };
      if (this.lastEventId !== null) {
        headers['Last-Event-ID'] = String(this.lastEventId);
      }
      try {
        const response = await fetch(this.url, { headers, signal: this.controller.signal, cache: 'no-store' });
        if (!response.ok) {
          if (response.status === 401 || response.status === 404) {
            this.onEvent('failed', { status: response.status }, null);
            return;
          }
          throw new Error(`stream answered ${response.status}`);
        }
        this.retryMillis = 1000;
        this.onConnection(true);
        await this.read(response.body.getReader());
      } catch (error) {
        if (this.closed) {
          return;
        }
      }
      this.onConnection(false);
      await new Promise(resolve => setTimeout(resolve, this.retryMillis));
      this.retryMillis = Math.min(this.retryMillis * 2, 15000);
    }
  }

  async read(reader) {
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        this.dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  dispatch(block) {
    let name = 'message';
    let id = null;
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) {
        continue; // a comment: the server's keep-alive
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') {
        name = value;
      } else if (field === 'data') {
        data.push(value);
      } else if (field === 'id') {
        id = value;
      }
    }
    if (id !== null) {
      this.lastEventId = id;
    }
    if (data.length === 0) {
      return;
    }
    let parsed;
    try {
      parsed = JSON.parse(data.join('\n'));
    } catch (error) {
      return; // not ours: the gateway only sends JSON data
    }
    this.onEvent(name, parsed, id);
  }
}
