/**
 * WebP files padded to an exact length. The simple formats (a lone `VP8 ` or `VP8L` chunk)
 * allow no other chunk, so a padded file uses the extended format: a `VP8X` header, the image
 * chunk unchanged, then a chunk of zeros whose FourCC no reader knows and every reader skips
 * (the container specification requires it).
 */

const RIFF_HEADER = 12;
const VP8X_CHUNK = 18;
const CHUNK_HEADER = 8;
const PADDING_FOURCC = 'PAD ';

export class WebpLayoutError extends Error {
  override name = 'WebpLayoutError';
}

const u24 = (value: number) =>
  Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]);

function chunk(fourcc: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(CHUNK_HEADER);
  header.write(fourcc, 0, 'ascii');
  header.writeUInt32LE(payload.length, 4);
  return Buffer.concat([header, payload, payload.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** The smallest length `padWebp` can give this image. */
export function paddedWebpMinimum(webp: Buffer): number {
  const body = webp.length - RIFF_HEADER;
  const vp8x = webp.toString('ascii', 12, 16) === 'VP8X' ? 0 : VP8X_CHUNK;
  return RIFF_HEADER + vp8x + body + CHUNK_HEADER;
}

/**
 * The same image in exactly `length` bytes. `length` must be even and at least
 * `paddedWebpMinimum(webp)`.
 */
export function padWebp(
  webp: Buffer,
  length: number,
  canvas: { width: number; height: number },
): Buffer {
  if (webp.toString('ascii', 0, 4) !== 'RIFF' || webp.toString('ascii', 8, 12) !== 'WEBP') {
    throw new WebpLayoutError('not a RIFF WebP file');
  }
  const first = webp.toString('ascii', 12, 16);
  if (first !== 'VP8 ' && first !== 'VP8L' && first !== 'VP8X') {
    throw new WebpLayoutError(`unexpected first chunk ${JSON.stringify(first)}`);
  }
  const minimum = paddedWebpMinimum(webp);
  if (length % 2 !== 0 || length < minimum) {
    throw new WebpLayoutError(`cannot pad ${webp.length} bytes to ${length} (minimum ${minimum})`);
  }
  const header =
    first === 'VP8X'
      ? Buffer.alloc(0)
      : chunk(
          'VP8X',
          Buffer.concat([Buffer.alloc(4), u24(canvas.width - 1), u24(canvas.height - 1)]),
        );
  const body = webp.subarray(RIFF_HEADER);
  const padding = chunk(PADDING_FOURCC, Buffer.alloc(length - minimum));
  const riff = Buffer.alloc(RIFF_HEADER);
  riff.write('RIFF', 0, 'ascii');
  riff.writeUInt32LE(length - 8, 4);
  riff.write('WEBP', 8, 'ascii');
  return Buffer.concat([riff, header, body, padding]);
}
