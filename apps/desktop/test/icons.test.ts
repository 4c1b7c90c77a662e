import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const iconsDir = path.resolve(__dirname, '../../../assets/icons');

function pngHeader(file: string) {
  const data = fs.readFileSync(path.join(iconsDir, file));
  expect(data.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(data.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colourType: data[25] };
}

describe('app icons', () => {
  it.each([16, 32, 48, 64, 128, 256, 512])('%ix%i.png is a square RGBA PNG of that size', (size) => {
    expect(pngHeader(`${size}x${size}.png`)).toEqual({ width: size, height: size, colourType: 6 });
  });

  it('icon.png is 512 px (electron-builder needs at least 256) and the SVG source exists', () => {
    expect(pngHeader('icon.png')).toMatchObject({ width: 512, height: 512 });
    expect(fs.readFileSync(path.join(iconsDir, 'icon.svg'), 'utf8')).toMatch(
      /^<svg[^>]+viewBox="0 0 512 512"/,
    );
  });
});
