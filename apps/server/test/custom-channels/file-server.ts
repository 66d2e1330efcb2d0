import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TFileServer {
  url(path: string): string;
  hits: string[];
  close(): Promise<void>;
}

/**
 * Serves `/photo.png` (image/png), `/notes.txt` (text/plain), `/page.html` (text/html, refused by policy),
 * `/big.bin` (declared larger than any test limit), `/missing` (404) and `/redirect` (→ /photo.png).
 */
export async function startFileServer(): Promise<TFileServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '');
    switch (req.url) {
      case '/photo.png':
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
        return;
      case '/notes.txt':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello file');
        return;
      case '/page.html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<script>alert(1)</script>');
        return;
      case '/big.bin':
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(64 * 1024));
        return;
      case '/redirect':
        res.writeHead(302, { location: '/photo.png' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
