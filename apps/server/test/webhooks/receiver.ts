import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TReceived {
  url: string;
  headers: http.IncomingHttpHeaders;
  text: string;
  body: { id: string; type: string; timestamp: string; initiator: unknown; content: Record<string, unknown> };
}

export interface TReceiver {
  /** http://127.0.0.1:port — add a path per webhook, since URLs are unique per org. */
  base: string;
  received: TReceived[];
  /** What to answer (default 200); a status of 0 never answers. */
  respond(fn: (req: TReceived) => number): void;
  /** The deliveries (not PINGs) that reached `path`. */
  events(path: string): TReceived[];
  close(): Promise<void>;
}

/** A real webhook receiver on 127.0.0.1, started by the test. */
export async function startReceiver(): Promise<TReceiver> {
  const received: TReceived[] = [];
  let answer: (req: TReceived) => number = () => 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: TReceived['body'];
      try {
        body = JSON.parse(text);
      } catch {
        body = { id: '', type: '', timestamp: '', initiator: null, content: {} };
      }
      const one: TReceived = { url: req.url ?? '', headers: req.headers, text, body };
      received.push(one);
      const status = answer(one);
      if (status === 0) return;
      res.writeHead(status, { 'content-type': 'text/plain', 'x-receiver': 'test' });
      res.end(status < 300 ? 'ok' : 'nope');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    respond(fn) {
      answer = fn;
    },
    events: (path) => received.filter((r) => r.url === path && r.body.type !== 'PING'),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
