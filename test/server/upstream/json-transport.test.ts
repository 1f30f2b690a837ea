import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransportError, createJsonTransport, type JsonTransport } from '../../../server/upstream/json-transport';
import { createImageAnswerTransport, type ImageAnswer } from '../../../server/wechat/image-answer-transport';
import { freePort } from '../../support/free-port';

/** A platform on loopback that answers each request with `handler`. */
async function platform(handler: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/x`, server };
}

async function failureOf(transport: JsonTransport, url: string): Promise<TransportError> {
  const err = await transport({ method: 'GET', url }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof TransportError)) throw new Error(`expected a TransportError, got ${String(err)}`);
  return err;
}

describe('the transports to WeCom and WeChat', () => {
  const servers: Server[] = [];
  const serve = async (handler: RequestListener) => {
    const p = await platform(handler);
    servers.push(p.server);
    return p.url;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  });

  it('sends a JSON body and parses the JSON answer', async () => {
    let received = '';
    const url = await serve((req, res) => {
      req.on('data', (c: Buffer) => (received += c.toString()));
      req.on('end', () => res.end(JSON.stringify({ errcode: 0, seen: req.headers['content-type'] })));
    });
    const answer = await createJsonTransport()({ method: 'POST', url, body: { livingid: 'a' } });
    expect([answer, received]).toEqual([{ errcode: 0, seen: 'application/json' }, '{"livingid":"a"}']);
  });

  it('names each failure: HTTP status, not JSON, too large (declared or streamed), timeout, no connection', async () => {
    const json = createJsonTransport({ timeoutMs: 2000, maxBodyBytes: 1000 });
    const status = await serve((_req, res) => {
      res.statusCode = 502;
      res.end('{}');
    });
    const html = await serve((_req, res) => res.end('<html>gateway</html>'));
    const declared = await serve((_req, res) => {
      res.setHeader('content-length', '5000');
      res.end('x'.repeat(5000));
    });
    const streamed = await serve((_req, res) => {
      res.write('x'.repeat(800));
      res.end('x'.repeat(800));
    });
    const silent = await serve(() => undefined);
    const closed = `http://127.0.0.1:${await freePort()}/cgi-bin/x`;
    const failures = await Promise.all(
      [status, html, declared, streamed, silent, closed].map(async (url) => (await failureOf(json, url)).failure),
    );
    expect(failures).toEqual(['http_status', 'bad_json', 'too_large', 'too_large', 'timeout', 'connection']);
  });

  it('reads an image answer as a success carrying its bytes, and a JSON answer as an errcode', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const image = await serve((_req, res) => {
      res.setHeader('content-type', 'image/png; charset=binary');
      res.end(png);
    });
    const refused = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json; encoding=utf-8');
      res.end('{"errcode":40169,"errmsg":"invalid length for scene"}');
    });
    const transport = createImageAnswerTransport();
    const drawn = (await transport({ method: 'POST', url: image, body: {} })) as ImageAnswer;
    expect([drawn.errcode, drawn.image.contentType, drawn.image.bytes.equals(png)]).toEqual([0, 'image/png', true]);
    await expect(transport({ method: 'POST', url: refused, body: {} })).resolves.toEqual({
      errcode: 40169,
      errmsg: 'invalid length for scene',
    });
  });
});
