/** A node:http server on 127.0.0.1 (random port) with a request log and scripted faults, the base of the cloud mocks. */
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
  /** Handle the request normally (it takes effect) but never answer: a response lost in transit. */
  | { readonly hangAfter: true }
  | { readonly malformed: true };

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (req: LoggedRequest) => Reply | Promise<Reply>;

/** Base server: logs every request, serves queued faults first, then the handler. */
export class MockServer {
  readonly log: LoggedRequest[] = [];
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
    const i = this.faults.findIndex((f) => f.method === entry.method && f.path.test(bare));
    if (i >= 0) {
      const f = this.faults.splice(i, 1)[0]!.fault;
      if ('hang' in f) return; // never answer; the socket is destroyed on close()
      if ('hangAfter' in f) {
        await this.handler(entry);
        return;
      }
      if ('malformed' in f) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id": "x", "status": ');
        return;
      }
      return send(res, f);
    }
    try {
      send(res, await this.handler(entry));
    } catch (err) {
      send(res, { status: 500, body: { message: `mock bug: ${(err as Error).message}` } });
    }
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
