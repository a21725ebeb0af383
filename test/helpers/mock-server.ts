/**
 * A node:http server on 127.0.0.1 (random port) with a request log and scripted faults, the base of
 * the cloud mocks. Faults come in two kinds: those that replace the handling (the request never
 * takes effect) and the `…After` ones that handle the request first — the job exists — and then
 * lose, cut or replace the answer, as a proxy or a network failure would.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A scripted answer that replaces the normal one for one matching request. */
export type Fault =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  | { readonly hang: true }
  /** Drop the connection without handling the request. */
  | { readonly reset: true }
  | { readonly malformed: true }
  /** Handle the request normally (it takes effect) but never answer: a response lost in transit. */
  | { readonly hangAfter: true }
  /** Handle it, then answer this instead (a 500/502/504 from the server or a proxy after the job was made). */
  | { readonly after: { readonly status: number; readonly body?: unknown } }
  /** Handle it, then drop the connection before any answer (connection reset). */
  | { readonly resetAfter: true }
  /** Handle it, then send half of the real body under the full Content-Length and drop the connection. */
  | { readonly truncateAfter: true }
  /** Handle it, then answer 200 with the first half of the real JSON body (a complete but cut answer). */
  | { readonly cutAfter: true };

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (req: LoggedRequest) => Reply | Promise<Reply>;

/** Base server: logs every request, serves queued faults first, then the handler. */
export class MockServer {
  readonly log: LoggedRequest[] = [];
  /** Called as each request arrives (`received`) and once it has taken effect (`handled`); may delay the server. */
  hook: ((req: LoggedRequest, phase: 'received' | 'handled') => void | Promise<void>) | undefined;
  private readonly faults: { method: string; path: RegExp; fault: Fault }[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  origin = '';

  constructor(private readonly handler: Handler) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.serve(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Queue faults for requests whose method and path (without query) match; each is used once, in order. */
  fault(method: string, path: RegExp, ...faults: Fault[]): void {
    for (const f of faults) this.faults.push({ method, path, fault: f });
  }

  /** Everything the server ever received, as one string (for secret-leak checks of our own output, not this). */
  requestsTo(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && path.test(r.path.split('?')[0]!));
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const entry: LoggedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks).toString('utf8') };
    this.log.push(entry);
    const bare = entry.path.split('?')[0]!;
    await this.hook?.(entry, 'received');
    const i = this.faults.findIndex((f) => f.method === entry.method && f.path.test(bare));
    const f = i >= 0 ? this.faults.splice(i, 1)[0]!.fault : undefined;
    if (f !== undefined && 'hang' in f) return; // never answer; the socket is destroyed on close()
    if (f !== undefined && 'reset' in f) return void req.socket.destroy();
    if (f !== undefined && 'malformed' in f) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "x", "status": ');
    if (f !== undefined && 'status' in f) return send(res, f);
    let reply: Reply;
    try {
      reply = await this.handler(entry);
    } catch (err) {
      reply = { status: 500, body: { message: `mock bug: ${(err as Error).message}` } };
    }
    await this.hook?.(entry, 'handled');
    if (f === undefined) return send(res, reply);
    if ('hangAfter' in f) return;
    if ('resetAfter' in f) return void req.socket.destroy();
    if ('after' in f) return send(res, f.after);
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    const half = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    if ('cutAfter' in f) return void res.writeHead(200, { 'content-type': 'application/json' }).end(half);
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
    res.write(half, () => req.socket.destroy());
  }
}

function send(res: ServerResponse, r: Reply): void {
  const headers: Record<string, string> = { ...(r.headers ?? {}) };
  let text = '';
  if (r.body !== undefined) {
    text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    headers['content-type'] ??= typeof r.body === 'string' ? 'text/plain' : 'application/json';
  }
  res.writeHead(r.status, headers).end(text);
}
