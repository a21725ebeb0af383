/**
 * A PNG decoder for screenshots (8-bit RGB or RGBA, not interlaced — what Chromium writes), with
 * node:zlib only: chunks, IDAT inflated, the five row filters undone.
 * @see https://www.w3.org/TR/png/ §7.3 (filtering), §11.2 (IHDR)
 */
import { inflateSync } from 'node:zlib';

export interface Image {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel, rows top to bottom. */
  readonly rgba: Uint8Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export function decodePng(buf: Buffer): Image {
  if (!SIGNATURE.every((b, i) => buf[i] === b)) throw new Error('PNG: bad signature');
  let at = 8, width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at), type = buf.toString('latin1', at + 4, at + 8), data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, color, , , interlace] = [data[8], data[9], data[10], data[11], data[12]];
      if (depth !== 8 || (color !== 2 && color !== 6) || interlace !== 0) throw new Error(`PNG: unsupported format (depth ${depth}, colour type ${color}, interlace ${interlace})`);
      channels = color === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) throw new Error(`PNG: ${raw.length} bytes of image data for ${width}×${height}`);
  const px = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)]!, src = y * (stride + 1) + 1, row = y * stride, up = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? px[row + x - channels]! : 0, b = y > 0 ? px[up + x]! : 0, c = x >= channels && y > 0 ? px[up + x - channels]! : 0;
      const v = raw[src + x]!;
      px[row + x] = (f === 0 ? v : f === 1 ? v + a : f === 2 ? v + b : f === 3 ? v + ((a + b) >> 1) : f === 4 ? v + paeth(a, b, c) : NaN) & 255;
      if (f > 4) throw new Error(`PNG: unknown filter ${f} on row ${y}`);
    }
  }
  if (channels === 4) return { width, height, rgba: px };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < px.length; i += 3, j += 4) [rgba[j], rgba[j + 1], rgba[j + 2], rgba[j + 3]] = [px[i]!, px[i + 1]!, px[i + 2]!, 255];
  return { width, height, rgba };
}

/** Distinct colours and the share of pixels that differ from the region's most common colour. */
export function pixelVariety(img: Image, x0: number, y0: number, w: number, h: number): { colors: number; inked: number } {
  const seen = new Map<number, number>();
  const [xa, ya] = [Math.max(0, Math.floor(x0)), Math.max(0, Math.floor(y0))];
  const [xb, yb] = [Math.min(img.width, Math.ceil(x0 + w)), Math.min(img.height, Math.ceil(y0 + h))];
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const i = (y * img.width + x) * 4;
      const key = (img.rgba[i]! << 16) | (img.rgba[i + 1]! << 8) | img.rgba[i + 2]!;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  const total = Math.max(1, (xb - xa) * (yb - ya));
  const background = Math.max(0, ...seen.values());
  return { colors: seen.size, inked: (total - background) / total };
}
