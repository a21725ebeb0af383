/**
 * The demo report in real headless Chromium: it loads without console errors or requests leaving
 * the page, and every figure has a size and ink in the screenshot. The same check is shown to fail
 * on bad pages. Skipped, with the reason printed, when no Chromium is installed (`.ci/run`
 * installs Debian's as root; QNTK_CHROMIUM names another binary).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, checkPage, findChromium, pageProblems } from '../helpers/browser.js';
import { runCli } from '../helpers/cli.js';

const chromium = findChromium();
if (chromium === null) {
  console.warn('SKIPPED test/report/browser.test.ts: no Chromium on PATH (apt-get install -y chromium, or set QNTK_CHROMIUM=/path/to/chrome)');
}
const dir = mkdtempSync(join(tmpdir(), 'qntk-browser-'));

describe.skipIf(chromium === null)('the demo report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(() => {
    browser = Browser.launch(chromium!);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads without console errors or outside requests, and every figure renders', async () => {
    const file = join(dir, 'report.html');
    // The generic target skips the minutes-long lowering of readouts for a calibrated device.
    const res = await runCli(['demo', '--n', '8', '--test', '8', '--readout', '1', '--target', 'generic', '--out', join(dir, 'out'), '--report', file]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(file);
    const c = await checkPage(browser, file);
    expect(pageProblems(c)).toEqual([]);
    // 5 scaling plots, the statistics chart, 2 drawings, the readout histogram.
    expect(c.figures.map((f) => f.id)).toEqual(['fig-kappa', 'fig-accuracy', 'fig-measurements', 'fig-qubits', 'fig-resources', 'fig-stats', 'fig-draw-optimized', 'fig-draw-readout', 'fig-readout-0']);
    for (const f of c.figures) {
      expect(f.kind).toBe(f.id.startsWith('fig-draw') ? 'img' : 'svg');
      expect(f.colors).toBeGreaterThan(8); // antialiased text and coloured marks, not a flat fill
    }
    expect(c.pageHeight).toBeGreaterThan(2000);
  }, 120_000);

  it('fails a page with a console error, an uncaught exception and a request that leaves the page', async () => {
    const file = join(dir, 'bad-console.html');
    writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bad</title></head><body>
<figure id="ok"><svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect x="10" y="10" width="80" height="60" fill="#0072B2"/><text x="100" y="50">ok</text><circle cx="150" cy="50" r="20" fill="#D55E00"/></svg></figure>
<img src="http://127.0.0.1:9/missing.png" alt="">
<script>console.error('broken figure'); throw new Error('boom');</script></body></html>`);
    const problems = pageProblems(await checkPage(browser, file));
    expect(problems.some((p) => p.startsWith('console.error') && p.includes('broken figure'))).toBe(true);
    expect(problems.some((p) => p.startsWith('exception') && p.includes('boom'))).toBe(true);
    expect(problems).toContain('request leaves the page: http://127.0.0.1:9/missing.png');
    expect(problems.some((p) => p.startsWith('ok:'))).toBe(false);
  }, 60_000);

  it('fails a page whose figures are blank, collapsed or broken images', async () => {
    const file = join(dir, 'bad-figures.html');
    const broken = Buffer.from('<svg><rect width="10"', 'utf8').toString('base64');
    writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>bad</title></head><body>
<figure id="blank"><svg xmlns="http://www.w3.org/2000/svg" width="300" height="150"></svg></figure>
<figure id="collapsed"><svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"><rect width="50" height="50"/></svg></figure>
<figure id="broken"><img alt="" src="data:image/svg+xml;base64,${broken}"></figure></body></html>`);
    const problems = pageProblems(await checkPage(browser, file));
    expect(problems.filter((p) => p.startsWith('blank:'))).toEqual([
      'blank: svg content has size 0×0 (nothing drawn, or the image failed to decode)',
      expect.stringMatching(/^blank: looks blank in the screenshot \(1 colours, 0\.00 % inked\)$/),
    ]);
    expect(problems).toContain('collapsed: laid out with size 0×0');
    expect(problems.some((p) => p.startsWith('broken:') && p.includes('failed to decode'))).toBe(true);
    expect(problems.every((p) => /^(blank|collapsed|broken):/.test(p))).toBe(true);
  }, 60_000);
});
