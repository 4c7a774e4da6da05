import { lighten } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

/** Finishing layers several scenes share: weather, lights, small creatures. */

export function rain(sc: Scene): void {
  const count = Math.round(60 + 180 * sc.knobs.detail);
  let d = '';
  for (let i = 0; i < count; i++) {
    const x = sc.rand.range(-0.1, 1.1) * sc.w;
    const y = sc.rand.range(0, 1) * sc.h;
    const len = sc.s * sc.rand.range(0.03, 0.07);
    d += `M${num(x)},${num(y)}l${num(-len * 0.25)},${num(len)}`;
  }
  sc.add(
    el('path', {
      d,
      stroke: '#dfe8f2',
      'stroke-opacity': sc.knobs.smooth ? 0.35 : 0.8,
      'stroke-width': sc.s * 0.0025,
      fill: 'none',
    }),
  );
}

/** Out-of-focus light discs (bokeh, sparks, lanterns). */
export function bokeh(sc: Scene, colour: string, count: number, yMax = sc.h): void {
  for (let i = 0; i < count; i++) {
    const x = sc.rand.range(0, sc.w);
    const y = sc.rand.range(0, yMax);
    const r = sc.s * sc.rand.range(0.01, 0.045);
    if (sc.knobs.smooth)
      sc.glow(x, y, r, lighten(colour, sc.rand.range(0, 0.4)), sc.rand.range(0.35, 0.8));
    else sc.add(el('circle', { cx: x, cy: y, r: r * 0.6, fill: colour }));
  }
}

/** Many small stars as one path; the brightest get a sparkle when quality allows. */
export function starField(sc: Scene, count: number, yMax: number, colour = '#fffbe8'): void {
  let d = '';
  const fine = sc.knobs.smooth;
  for (let i = 0; i < count; i++) {
    const x = sc.rand.range(0, sc.w);
    const y = sc.rand.range(0, 1) ** 1.4 * yMax;
    const r = sc.s * (fine ? sc.rand.range(0.0009, 0.0032) : sc.rand.range(0.003, 0.007));
    d += fine
      ? `M${num(x)},${num(y - r)}l${num(r)},${num(r)}l${num(-r)},${num(r)}l${num(-r)},${num(-r)}z`
      : `M${num(x - r)},${num(y - r)}h${num(2 * r)}v${num(2 * r)}h${num(-2 * r)}z`;
  }
  sc.add(el('path', { d, fill: colour }));
  if (!sc.knobs.texture) return;
  let sparkles = '';
  for (let i = 0; i < Math.round(count / 25); i++) {
    const x = sc.rand.range(0, sc.w);
    const y = sc.rand.range(0, yMax * 0.8);
    const r = sc.s * sc.rand.range(0.008, 0.016);
    sparkles += `M${num(x)},${num(y - r)}Q${num(x)},${num(y)} ${num(x + r)},${num(y)}Q${num(x)},${num(y)} ${num(x)},${num(y + r)}Q${num(x)},${num(y)} ${num(x - r)},${num(y)}Q${num(x)},${num(y)} ${num(x)},${num(y - r)}Z`;
    sc.glow(x, y, r * 1.6, colour, 0.35);
  }
  sc.add(el('path', { d: sparkles, fill: colour }));
}

export function butterflies(sc: Scene, count: number, yMin: number, yMax: number): void {
  for (let i = 0; i < count; i++) {
    const x = sc.rand.range(0.05, 0.95) * sc.w;
    const y = sc.rand.range(yMin, yMax);
    const r = sc.s * sc.rand.range(0.012, 0.022);
    const colour = sc.tone(
      sc.rand.pick([
        { h: 28, s: 0.9, l: 0.55 },
        { h: 200, s: 0.75, l: 0.55 },
        { h: 50, s: 0.9, l: 0.6 },
        { h: 300, s: 0.5, l: 0.65 },
      ]),
    );
    const tilt = sc.rand.range(-30, 30);
    sc.add(
      el(
        'g',
        { transform: `translate(${num(x)} ${num(y)}) rotate(${num(tilt)})` },
        el('ellipse', { cx: -r * 0.6, cy: -r * 0.3, rx: r * 0.7, ry: r * 0.5, fill: colour }) +
          el('ellipse', { cx: r * 0.6, cy: -r * 0.3, rx: r * 0.7, ry: r * 0.5, fill: colour }) +
          el('ellipse', {
            cx: -r * 0.45,
            cy: r * 0.35,
            rx: r * 0.45,
            ry: r * 0.35,
            fill: lighten(colour, -0.15),
          }) +
          el('ellipse', {
            cx: r * 0.45,
            cy: r * 0.35,
            rx: r * 0.45,
            ry: r * 0.35,
            fill: lighten(colour, -0.15),
          }) +
          el('rect', {
            x: -r * 0.06,
            y: -r * 0.6,
            width: r * 0.12,
            height: r * 1.2,
            fill: '#2b2118',
          }),
      ),
    );
  }
}

/** A row of buildings with lit windows. */
export function skyline(
  sc: Scene,
  baseY: number,
  colour: string,
  windowColour: string,
  litShare = 0.5,
): void {
  let x = -sc.s * 0.02;
  let blocks = '';
  let windows = '';
  while (x < sc.w) {
    const bw = sc.s * sc.rand.range(0.05, 0.12);
    const bh = sc.s * sc.rand.range(0.12, 0.42);
    blocks += `M${num(x)},${num(baseY)}v${num(-bh)}h${num(bw)}v${num(bh)}z`;
    if (sc.knobs.detail > 0.5) {
      const step = sc.s * 0.018;
      for (let wy = baseY - bh + step; wy < baseY - step; wy += step * 1.6) {
        for (let wx = x + step * 0.6; wx < x + bw - step; wx += step * 1.4) {
          if (sc.rand.chance(litShare))
            windows += `M${num(wx)},${num(wy)}h${num(step * 0.7)}v${num(step * 0.9)}h${num(-step * 0.7)}z`;
        }
      }
    }
    x += bw + sc.s * sc.rand.range(0, 0.015);
  }
  sc.add(el('path', { d: blocks, fill: colour }));
  if (windows) sc.add(el('path', { d: windows, fill: windowColour, 'fill-opacity': 0.85 }));
}
