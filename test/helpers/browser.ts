/**
 * Headless Chromium driven over the DevTools protocol without dependencies: Node 20 has no
 * WebSocket client, so Chromium runs with --remote-debugging-pipe and speaks CDP over fds 3 (its
 * input) and 4 (its output), one JSON message per NUL-terminated frame. `checkPage` loads a file
 * and returns what a reader would see go wrong: console errors, exceptions, requests that leave
 * the page, figures without size and figures whose screenshot region is blank.
 * @see https://chromedevtools.github.io/devtools-protocol/
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Readable, Writable } from 'node:stream';
import { decodePng, pixelVariety } from './png.js';

/** The Chromium binary: $QNTK_CHROMIUM, else chromium, chromium-browser or google-chrome on PATH; null if none. */
export function findChromium(): string | null {
  const env = process.env.QNTK_CHROMIUM;
  const names = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
  const candidates = [...(env ? [env] : []), ...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== '').flatMap((d) => names.map((n) => join(d, n)))];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch { /* next */ }
  }
  return null;
}

type Message = { id?: number; method?: string; params?: Record<string, unknown>; result?: Record<string, unknown>; error?: { message: string }; sessionId?: string };

/** One browser process and its CDP pipe. */
export class Browser {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  private readonly listeners: ((m: Message) => void)[] = [];
  private buffer = '';

  private constructor(private readonly child: ChildProcess, private readonly profile: string) {
    const out = child.stdio[4] as Readable;
    out.setEncoding('utf8');
    out.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        const m = JSON.parse(this.buffer.slice(0, end)) as Message;
        this.buffer = this.buffer.slice(end + 1);
        if (m.id !== undefined) {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.error) p?.reject(new Error(`CDP: ${m.error.message}`));
          else p?.resolve(m.result ?? {});
        } else for (const l of this.listeners) l(m);
      }
    });
    child.on('exit', () => {
      for (const p of this.pending.values()) p.reject(new Error('CDP: the browser exited'));
      this.pending.clear();
    });
  }

  static launch(binary: string): Browser {
    const profile = mkdtempSync(join(tmpdir(), 'qntk-chromium-'));
    const args = ['--headless=new', '--remote-debugging-pipe', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
      '--disable-extensions', '--disable-background-networking', '--disable-component-update', '--hide-scrollbars', '--mute-audio', `--user-data-dir=${profile}`, 'about:blank'];
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
    return new Browser(child, profile);
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      (this.child.stdio[3] as Writable).write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  }

  on(listener: (m: Message) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((r) => (this.child.exitCode !== null ? r() : this.child.once('exit', () => r())));
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
    } catch { /* already gone */ }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** A figure of the page as laid out: its box in page pixels and what it holds. */
export interface FigureBox {
  readonly id: string;
  readonly kind: 'svg' | 'img' | 'none';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** svg: getBBox() of its content; img: natural size (0 when the image failed to decode). */
  readonly contentWidth: number;
  readonly contentHeight: number;
  /** Pixel variety of the figure's screenshot (0 colours when it has no area to capture). */
  readonly colors: number;
  readonly inked: number;
}

export interface PageCheck {
  readonly errors: readonly string[];
  readonly requests: readonly string[];
  readonly figures: readonly FigureBox[];
  /** Height of the laid-out page in CSS pixels. */
  readonly pageHeight: number;
}

const MEASURE = `JSON.stringify([...document.querySelectorAll('figure')].map((f, k) => {
  const g = f.querySelector('svg, img');
  let r = (g ?? f).getBoundingClientRect();
  const box = g && g.closest('.scroll');
  if (box) { const s = box.getBoundingClientRect(); const x = Math.max(r.left, s.left), y = Math.max(r.top, s.top); r = new DOMRect(x, y, Math.max(0, Math.min(r.right, s.right) - x), Math.max(0, Math.min(r.bottom, s.bottom) - y)); }
  let cw = 0, ch = 0;
  if (g instanceof SVGSVGElement) { const b = g.getBBox(); cw = b.width; ch = b.height; }
  else if (g instanceof HTMLImageElement) { cw = g.complete ? g.naturalWidth : 0; ch = g.complete ? g.naturalHeight : 0; }
  return { id: f.id || 'figure-' + k, kind: g instanceof SVGSVGElement ? 'svg' : g instanceof HTMLImageElement ? 'img' : 'none',
    x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height, contentWidth: cw, contentHeight: ch };
}))`;

/** Load `file` in a fresh tab, wait for load, and measure and screenshot it. */
export async function checkPage(browser: Browser, file: string, width = 1200, timeoutMs = 30_000): Promise<PageCheck> {
  const url = pathToFileURL(file).href;
  const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' }) as { targetId: string };
  const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true }) as { sessionId: string };
  const errors: string[] = [], requests: string[] = [];
  let loaded: () => void = () => {};
  const load = new Promise<void>((r) => (loaded = r));
  browser.on((m) => {
    if (m.sessionId !== sessionId) return;
    const p = m.params ?? {};
    if (m.method === 'Page.loadEventFired') loaded();
    else if (m.method === 'Runtime.consoleAPICalled' && (p.type === 'error' || p.type === 'assert')) errors.push(`console.${String(p.type)}: ${JSON.stringify((p.args as { value?: unknown; description?: string }[]).map((a) => a.value ?? a.description))}`);
    else if (m.method === 'Runtime.exceptionThrown') errors.push(`exception: ${JSON.stringify((p.exceptionDetails as { exception?: { description?: string }; text?: string }).exception?.description ?? (p.exceptionDetails as { text?: string }).text)}`);
    else if (m.method === 'Log.entryAdded' && (p.entry as { level: string }).level === 'error') errors.push(`log: ${(p.entry as { text: string }).text}`);
    else if (m.method === 'Network.requestWillBeSent') {
      const u = (p.request as { url: string }).url;
      if (u !== url && !u.startsWith('data:')) requests.push(u);
    }
  });
  for (const d of ['Page.enable', 'Runtime.enable', 'Log.enable', 'Network.enable']) await browser.send(d, {}, sessionId);
  await browser.send('Emulation.setDeviceMetricsOverride', { width, height: 900, deviceScaleFactor: 1, mobile: false }, sessionId);
  await browser.send('Page.navigate', { url }, sessionId);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([load, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`browser: ${file} did not load in ${timeoutMs} ms`)), timeoutMs)))]);
  clearTimeout(timer);
  const measured = await browser.send('Runtime.evaluate', { expression: MEASURE, returnByValue: true }, sessionId) as { result: { value: string } };
  const boxes = JSON.parse(measured.result.value) as Omit<FigureBox, 'colors' | 'inked'>[];
  const metrics = await browser.send('Page.getLayoutMetrics', {}, sessionId) as { cssContentSize: { width: number; height: number } };
  // One screenshot per figure (a whole page is ~10 megapixels to encode and decode).
  const figures: FigureBox[] = [];
  for (const b of boxes) {
    let variety = { colors: 0, inked: 0 };
    if (b.width >= 1 && b.height >= 1) {
      const shot = await browser.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: b.x, y: b.y, width: b.width, height: b.height, scale: 1 } }, sessionId) as { data: string };
      const img = decodePng(Buffer.from(shot.data, 'base64'));
      variety = pixelVariety(img, 0, 0, img.width, img.height);
    }
    figures.push({ ...b, ...variety });
  }
  await browser.send('Target.closeTarget', { targetId });
  return { errors, requests, figures, pageHeight: metrics.cssContentSize.height };
}

/** What is wrong with a checked page, one line per problem (empty: the page is fine). */
export function pageProblems(c: PageCheck): string[] {
  const out = [...c.errors, ...c.requests.map((u) => `request leaves the page: ${u}`)];
  if (c.figures.length === 0) out.push('no figures');
  for (const f of c.figures) {
    if (f.kind === 'none') out.push(`${f.id}: holds neither an svg nor an img`);
    if (!(f.width > 0 && f.height > 0)) out.push(`${f.id}: laid out with size ${f.width}×${f.height}`);
    if (!(f.contentWidth > 0 && f.contentHeight > 0)) out.push(`${f.id}: ${f.kind} content has size ${f.contentWidth}×${f.contentHeight} (nothing drawn, or the image failed to decode)`);
    if (f.colors < 3 || f.inked < 0.005) out.push(`${f.id}: looks blank in the screenshot (${f.colors} colours, ${(100 * f.inked).toFixed(2)} % inked)`);
  }
  return out;
}
