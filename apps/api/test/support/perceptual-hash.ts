import sharp from 'sharp';

/**
 * The difference hash (dHash) of an image: shrunk to 9 x 8 grey pixels, one bit per pair of
 * horizontal neighbours (is the left one brighter?). It survives re-encoding, resizing and
 * small colour changes, which is what an attacker matching revealed images would use.
 */
export async function dHash(image: Buffer): Promise<bigint> {
  const pixels = await sharp(image)
    .greyscale()
    .resize(9, 8, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  let hash = 0n;
  for (let row = 0; row < 8; row += 1) {
    for (let col = 0; col < 8; col += 1) {
      const bit = pixels[row * 9 + col]! > pixels[row * 9 + col + 1]! ? 1n : 0n;
      hash = (hash << 1n) | bit;
    }
  }
  return hash;
}

/** The number of bits in which two 64-bit hashes differ. */
export function hammingDistance(a: bigint, b: bigint): number {
  let rest = a ^ b;
  let bits = 0;
  while (rest > 0n) {
    bits += Number(rest & 1n);
    rest >>= 1n;
  }
  return bits;
}
