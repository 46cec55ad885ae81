// The site's icon, drawn once from one shape: a feed symbol (a dot and two quarter rings) on a
// rounded square. /favicon.svg is that shape as SVG; /favicon.ico is the same shape rasterized
// to 32×32 and stored as a PNG inside an ICO file, for clients that ask for /favicon.ico.
import { encodePng } from "./png-image.js";

const size = 32;
const corner = 6;
/** The centre of the dot and of the rings: the symbol's bottom-left corner. */
const origin = { x: 8, y: 24 };
const dotRadius = 3.2;
const rings = [
  { inner: 9, outer: 13 },
  { inner: 17, outer: 21 },
];
const background = { hex: "#0b5cad", rgb: [0x0b, 0x5c, 0xad] };

function ringPath({ inner, outer }: { inner: number; outer: number }): string {
  const { x, y } = origin;
  return `M${x} ${y - outer}A${outer} ${outer} 0 0 1 ${x + outer} ${y}H${x + inner}A${inner} ${inner} 0 0 0 ${x} ${y - inner}Z`;
}

export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}"><rect width="${size}" height="${size}" rx="${corner}" fill="${background.hex}"/><circle cx="${origin.x}" cy="${origin.y}" r="${dotRadius}" fill="#fff"/>${rings.map((ring) => `<path d="${ringPath(ring)}" fill="#fff"/>`).join("")}</svg>
`;

function insideSquare(x: number, y: number): boolean {
  const dx = Math.max(corner - x, 0, x - (size - corner));
  const dy = Math.max(corner - y, 0, y - (size - corner));
  return dx * dx + dy * dy <= corner * corner;
}

function insideSymbol(x: number, y: number): boolean {
  const dx = x - origin.x;
  const dy = origin.y - y;
  const distance = Math.hypot(dx, dy);
  if (distance <= dotRadius) return true;
  return dx >= 0 && dy >= 0 && rings.some((r) => distance >= r.inner && distance <= r.outer);
}

/** RGBA pixels, each the average of 4×4 samples so the edges are smooth. */
function rasterize(): Buffer {
  const samples = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let row = 0; row < size; row++)
    for (let column = 0; column < size; column++) {
      let covered = 0;
      let white = 0;
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const x = column + (sx + 0.5) / samples;
          const y = row + (sy + 0.5) / samples;
          if (!insideSquare(x, y)) continue;
          covered++;
          if (insideSymbol(x, y)) white++;
        }
      const offset = (row * size + column) * 4;
      const share = covered === 0 ? 0 : white / covered;
      background.rgb.forEach((channel, i) => {
        pixels[offset + i] = Math.round(channel + (255 - channel) * share);
      });
      pixels[offset + 3] = Math.round((covered / samples ** 2) * 255);
    }
  return pixels;
}

/** An ICO file holding one PNG image: a 6-byte header and one 16-byte directory entry. */
function encodeIco(png: Buffer): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.set([size, size, 0, 0], 6); // width, height, no palette, reserved
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(header.length, 18); // the image follows the directory
  return Buffer.concat([header, png]);
}

export const faviconIco: Buffer = encodeIco(encodePng(size, size, rasterize()));
