import { createServer } from 'node:http';

// Receives Gladly webhook deliveries: one event per POST, answered 200 at once (Gladly waits at most 15 s) and
// handled afterwards, one at a time, in arrival order. PING (sent when the webhook is enabled) is only answered.
// Deliveries are at least once: an event id seen before is skipped.

export async function startWebhookReceiver({ host = '127.0.0.1', port = 0, credentials, onEvent, onError }) {
  const expected = credentials
    ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
    : undefined;
  const seen = new Set();
  let queue = Promise.resolve();

  const server = createServer((req, res) => {
    if (req.method !== 'POST') return res.writeHead(405).end();
    if (expected && req.headers.authorization !== expected) return res.writeHead(401).end();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      let event;
      try {
        event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return res.writeHead(400).end();
      }
      res.writeHead(200).end();
      if (event.type === 'PING' || seen.has(event.id)) return;
      seen.add(event.id);
      queue = queue.then(() => onEvent(event)).catch((error) => onError?.(error, event));
    });
  });
  await new Promise((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return {
    url: `http://${host}:${address.port}/gladly-webhook`,
    /** Resolves when every event received so far has been handled. */
    idle: () => queue,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
