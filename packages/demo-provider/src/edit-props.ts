import type { OverlayContext } from './overlay-context';
import type { Rand } from './random';
import { el, num, type SvgDoc } from './svg';

/** Props the editing overlays draw: speed streaks, palm trees, caricature gear. */

export function streaks(
  doc: SvgDoc,
  rand: Rand,
  w: number,
  top: number,
  bottom: number,
  count: number,
  colour: string,
  width: number,
): void {
  let d = '';
  for (let i = 0; i < count; i++) {
    const y = rand.range(top, bottom);
    const x = rand.range(-0.1, 1) * w;
    d += `M${num(x)},${num(y)}h${num(w * rand.range(0.05, 0.2))}`;
  }
  doc.add(
    el('path', {
      d,
      stroke: colour,
      'stroke-opacity': 0.45,
      'stroke-width': width,
      'stroke-linecap': 'round',
    }),
  );
}

export function palm(
  doc: SvgDoc,
  x: number,
  baseY: number,
  height: number,
  jitter: (px: number) => number,
): void {
  const topX = x + height * 0.15 + jitter(height * 0.3);
  const topY = baseY - height;
  let fronds = '';
  for (let i = 0; i < 6; i++) {
    const a = Math.PI * (1.05 + i * 0.18);
    const ex = topX + Math.cos(a) * height * 0.35;
    const ey = topY + Math.sin(a) * height * 0.2 + height * 0.08;
    fronds += `M${num(topX)},${num(topY)}Q${num((topX + ex) / 2)},${num(Math.min(topY, ey) - height * 0.08)} ${num(ex)},${num(ey)}`;
  }
  doc.add(
    el('path', {
      d: `M${num(x)},${num(baseY)}Q${num(x + height * 0.02)},${num(baseY - height * 0.5)} ${num(topX)},${num(topY)}`,
      fill: 'none',
      stroke: '#3a2a1e',
      'stroke-width': height * 0.04,
    }),
  );
  doc.add(
    el('path', {
      d: fronds,
      fill: 'none',
      stroke: '#24331f',
      'stroke-width': height * 0.03,
      'stroke-linecap': 'round',
    }),
  );
}

/** A microphone, a hockey stick and puck, a speech bubble for the dog. */
export function caricatureProps(
  doc: SvgDoc,
  ctx: OverlayContext,
  jitter: (px: number) => number,
): void {
  const { face, width: w, height: h, knobs } = ctx;
  const s = Math.min(w, h);
  const mx = face.cx - face.rx * 1.5 + jitter(s * 0.1);
  const my = face.cy + face.ry * 1.2 + jitter(s * 0.1);
  doc.add(
    el('rect', { x: mx - s * 0.008, y: my, width: s * 0.016, height: s * 0.12, fill: '#222222' }),
  );
  doc.add(
    el('circle', {
      cx: mx,
      cy: my,
      r: s * 0.025,
      fill: knobs.smooth
        ? doc.radialBox(
            [
              [0, '#bbbbbb'],
              [1, '#333333'],
            ],
            0.35,
            0.35,
            0.7,
          )
        : '#555555',
    }),
  );
  const sx = w * 0.08 + jitter(s * 0.1);
  const sy = h * 0.98;
  doc.add(
    el('path', {
      d: `M${num(sx)},${num(sy - s * 0.45)}L${num(sx + s * 0.12)},${num(sy - s * 0.04)}h${num(s * 0.12)}v${num(s * 0.035)}h${num(-s * 0.15)}Z`,
      fill: '#c98b45',
      stroke: '#6b4422',
      'stroke-width': s * 0.003,
    }),
  );
  doc.add(
    el('ellipse', {
      cx: sx + s * 0.32,
      cy: sy - s * 0.02,
      rx: s * 0.03,
      ry: s * 0.012,
      fill: '#111111',
    }),
  );
  const bx = w * 0.8 + jitter(s * 0.1);
  const by = h * 0.52 + jitter(s * 0.1);
  doc.add(
    el('path', {
      d: `M${num(bx - s * 0.09)},${num(by - s * 0.05)}h${num(s * 0.18)}v${num(s * 0.08)}h${num(-s * 0.1)}l${num(-s * 0.03)},${num(s * 0.04)}v${num(-s * 0.04)}h${num(-s * 0.05)}Z`,
      fill: '#ffffff',
      stroke: '#222222',
      'stroke-width': s * 0.003,
    }),
  );
  doc.add(
    el(
      'text',
      {
        x: bx,
        y: by + s * 0.005,
        'font-family': 'DejaVu Sans, sans-serif',
        'font-weight': 'bold',
        'font-size': s * 0.035,
        'text-anchor': 'middle',
        fill: '#c0392b',
      },
      knobs.misspell > 0.3 ? 'WOFO!' : 'WOOF!',
    ),
  );
}
