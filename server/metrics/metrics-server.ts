import { createServer, type Server } from 'node:http';

/**
 * `/metrics` on a port of its own (loopback by default), so the public port never serves it. `collect` gives the
 * text and its content type: one process's registry, or the cluster primary's aggregate of its workers.
 */
export async function serveMetrics({
  port,
  host,
  collect,
}: {
  port: number;
  host: string;
  collect: () => Promise<{ text: string; contentType: string }>;
}): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    collect().then(
      ({ text, contentType }) => res.writeHead(200, { 'content-type': contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
