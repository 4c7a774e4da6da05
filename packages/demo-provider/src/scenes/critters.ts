import { lighten, toHex, hsl, type Hsl } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

interface Species {
  words: string[];
  fur: Hsl;
  ears: 'pointy' | 'floppy' | 'long';
}

const SPECIES: Species[] = [
  { words: ['puppy', 'dog', 'retriever'], fur: hsl(38, 0.7, 0.6), ears: 'floppy' },
  { words: ['kitten', 'cat', 'tabby'], fur: hsl(28, 0.55, 0.55), ears: 'pointy' },
  { words: ['bunny', 'rabbit', 'hare'], fur: hsl(30, 0.15, 0.78), ears: 'long' },
  { words: ['fox', 'kit'], fur: hsl(20, 0.8, 0.5), ears: 'pointy' },
];

export function speciesIn(sc: Scene): Species[] {
  const found = SPECIES.filter((sp) => sc.features.has(...sp.words));
  return found.length > 0 || !sc.features.has('animal', 'animals', 'pet')
    ? found
    : SPECIES.slice(0, 2);
}

/** A round, big-eyed baby animal sitting at (x, groundY). */
export function critter(sc: Scene, sp: Species, x: number, groundY: number, size: number): void {
  const fur = sc.tone(sp.fur);
  const dark = lighten(fur, -0.3);
  const bodyY = groundY - size * 0.35;
  const headY = groundY - size * 0.85 + sc.jitter(size * 0.4);
  const hx = x + sc.jitter(size * 0.5);
  const parts: string[] = [];
  sc.shadow(x, groundY, size * 0.55, size * 0.1, 0.35);
  const furFill = sc.knobs.smooth
    ? sc.doc.radialBox(
        [
          [0, lighten(fur, 0.2)],
          [1, lighten(fur, -0.12)],
        ],
        0.4,
        0.35,
        0.7,
      )
    : fur;
  parts.push(el('ellipse', { cx: x, cy: bodyY, rx: size * 0.45, ry: size * 0.36, fill: furFill }));
  const r = size * 0.32;
  for (const side of [-1, 1]) {
    const ex = hx + side * r * 0.6;
    if (sp.ears === 'pointy')
      parts.push(
        el('path', {
          d: `M${num(ex - r * 0.35)},${num(headY - r * 0.5)}L${num(ex + side * r * 0.15)},${num(headY - r * 1.35)}L${num(ex + r * 0.35)},${num(headY - r * 0.5)}Z`,
          fill: dark,
        }),
      );
    else if (sp.ears === 'long')
      parts.push(
        el('ellipse', {
          cx: ex,
          cy: headY - r * 1.2,
          rx: r * 0.22,
          ry: r * 0.75,
          fill: fur,
          stroke: dark,
          'stroke-width': size * 0.01,
        }),
      );
    else
      parts.push(
        el('ellipse', {
          cx: hx + side * r * 0.95,
          cy: headY + r * 0.1,
          rx: r * 0.3,
          ry: r * 0.6,
          fill: dark,
        }),
      );
  }
  parts.push(el('circle', { cx: hx, cy: headY, r, fill: furFill }));
  for (const side of [-1, 1]) {
    const ex = hx + side * r * 0.38 + sc.jitter(r * 0.3);
    const er = r * (sc.knobs.texture ? 0.2 : 0.14) * (1 + sc.jitter(0.6));
    parts.push(el('circle', { cx: ex, cy: headY - r * 0.05, r: er, fill: '#1b1410' }));
    if (sc.knobs.texture)
      parts.push(
        el('circle', {
          cx: ex - er * 0.3,
          cy: headY - r * 0.05 - er * 0.35,
          r: er * 0.35,
          fill: '#ffffff',
        }),
      );
  }
  parts.push(
    el('ellipse', { cx: hx, cy: headY + r * 0.3, rx: r * 0.12, ry: r * 0.08, fill: '#2a1c18' }),
  );
  if (sp.fur.h < 25 && sp.ears === 'pointy')
    parts.push(
      el('ellipse', {
        cx: hx,
        cy: headY + r * 0.45,
        rx: r * 0.4,
        ry: r * 0.25,
        fill: toHex(hsl(30, 0.3, 0.95)),
        'fill-opacity': 0.8,
      }),
    );
  sc.add(...parts);
}
