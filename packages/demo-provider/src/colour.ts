/** Colours as HSL while composing (easy to harmonise or to clash), hex in the SVG. */

export interface Hsl {
  h: number;
  s: number;
  l: number;
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function hsl(h: number, s: number, l: number): Hsl {
  return { h: ((h % 360) + 360) % 360, s: clamp01(s), l: clamp01(l) };
}

export function toHex(c: Hsl): string {
  const a = c.s * Math.min(c.l, 1 - c.l);
  const f = (n: number) => {
    const k = (n + c.h / 30) % 12;
    const v = c.l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

export function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1, 7), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function rgbToHex(r: number, g: number, b: number): string {
  const part = (v: number) =>
    Math.round(Math.min(255, Math.max(0, v)))
      .toString(16)
      .padStart(2, '0');
  return `#${part(r)}${part(g)}${part(b)}`;
}

/** Linear mix in RGB: t = 0 gives a, t = 1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const [ar, ag, ab] = hexToRgb(a);
  const [br, bg, bb] = hexToRgb(b);
  return rgbToHex(ar + (br - ar) * t, ag + (bg - ag) * t, ab + (bb - ab) * t);
}

export function lighten(hex: string, amount: number): string {
  return amount >= 0 ? mix(hex, '#ffffff', amount) : mix(hex, '#000000', -amount);
}

export function shift(c: Hsl, dh: number, ds = 0, dl = 0): Hsl {
  return hsl(c.h + dh, c.s + ds, c.l + dl);
}

/** Named colours a prompt may ask for. */
export const COLOUR_WORDS: Record<string, Hsl> = {
  red: hsl(2, 0.72, 0.5),
  crimson: hsl(348, 0.75, 0.42),
  orange: hsl(28, 0.85, 0.55),
  yellow: hsl(48, 0.9, 0.56),
  gold: hsl(42, 0.75, 0.52),
  golden: hsl(40, 0.8, 0.55),
  green: hsl(122, 0.42, 0.42),
  teal: hsl(178, 0.5, 0.38),
  turquoise: hsl(174, 0.6, 0.5),
  blue: hsl(214, 0.66, 0.5),
  navy: hsl(222, 0.55, 0.22),
  purple: hsl(275, 0.45, 0.45),
  violet: hsl(270, 0.5, 0.6),
  pink: hsl(335, 0.65, 0.72),
  brown: hsl(24, 0.42, 0.3),
  cream: hsl(40, 0.62, 0.88),
  beige: hsl(36, 0.4, 0.8),
  white: hsl(40, 0.1, 0.97),
  black: hsl(220, 0.1, 0.1),
  gray: hsl(215, 0.08, 0.6),
  grey: hsl(215, 0.08, 0.6),
  silver: hsl(210, 0.08, 0.76),
};
