// Draws the KCC Werkplek icon (a speech bubble on a blue tile) as icon.svg and as PNGs, using only Node built-ins.
// Run from the repository root: `node assets/icons/generate-icons.mjs`. The PNGs are committed; rerun after edits.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const SIZES = [16, 32, 48, 64, 128, 256, 512];

// Geometry on a 512 × 512 canvas; the SVG and the rasteriser share it.
const BLUE = [0x1d, 0x4f, 0x91];
const WHITE = [0xff, 0xff, 0xff];
const tile = { x: 32, y: 32, w: 448, h: 448, r: 96 };
const bubble = { x: 112, y: 128, w: 288, h: 208, r: 56 };
const tail = [
  [168, 320],
  [248, 320],
  [144, 408],
];
const dots = [176, 256, 336].map((cx) => ({ cx, cy: 232, r: 24 }));

function inRoundedRect(px, py, { x, y, w, h, r }) {
  if (px < x || py < y || px > x + w || py > y + h) return false;
  const cx = Math.min(Math.max(px, x + r), x + w - r);
  const cy = Math.min(Math.max(py, y + r), y + h - r);
  return (px - cx) ** 2 + (py - cy) ** 2 <= r * r;
}

function inTriangle(px, py, [[ax, ay], [bx, by], [cx, cy]]) {
  const d1 = (px - bx) * (ay - by) - (ax - bx) * (py - by);
  const d2 = (px - cx) * (by - cy) - (bx - cx) * (py - cy);
  const d3 = (px - ax) * (cy - ay) - (cx - ax) * (py - ay);
  const negative = d1 < 0 || d2 < 0 || d3 < 0;
  const positive = d1 > 0 || d2 > 0 || d3 > 0;
  return !(negative && positive);
}

/** Colour at a point of the 512 canvas, or null for transparent. */
function shade(px, py) {
  if (!inRoundedRect(px, py, tile)) return null;
  const inDot = dots.some(({ cx, cy, r }) => (px - cx) ** 2 + (py - cy) ** 2 <= r * r);
  if (inDot) return BLUE;
  if (inRoundedRect(px, py, bubble) || inTriangle(px, py, tail)) return WHITE;
  return BLUE;
}

/** RGBA pixels with 4 × 4 supersampling for smooth edges. */
function rasterise(size) {
  const samples = 4;
  const scale = 512 / size;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade((x + (sx + 0.5) / samples) * scale, (y + (sy + 0.5) / samples) * scale);
          if (colour === null) continue;
          covered += 1;
          r += colour[0];
          g += colour[1];
          b += colour[2];
        }
      }
      const i = (y * size + x) * 4;
      if (covered > 0) {
        pixels[i] = Math.round(r / covered);
        pixels[i + 1] = Math.round(g / covered);
        pixels[i + 2] = Math.round(b / covered);
      }
      pixels[i + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function svg() {
  const hex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  const rect = ({ x, y, w, h, r }, fill) =>
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${r}" fill="${fill}"/>`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">',
    '  <title>KCC Werkplek</title>',
    `  ${rect(tile, hex(BLUE))}`,
    `  ${rect(bubble, hex(WHITE))}`,
    `  <polygon points="${tail.map((p) => p.join(',')).join(' ')}" fill="${hex(WHITE)}"/>`,
    ...dots.map(({ cx, cy, r }) => `  <circle cx="${cx}" cy="${cy}" r="${r}" fill="${hex(BLUE)}"/>`),
    '</svg>',
    '',
  ].join('\n');
}

writeFileSync(path.join(here, 'icon.svg'), svg());
for (const size of SIZES)
  writeFileSync(path.join(here, `${size}x${size}.png`), encodePng(size, rasterise(size)));
writeFileSync(path.join(here, 'icon.png'), encodePng(512, rasterise(512)));
console.log(`icon.svg, icon.png and ${SIZES.map((s) => `${s}x${s}`).join(', ')} written to ${here}`);
