import { lighten } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

/**
 * A ridge line closed down to the canvas bottom: smooth curves when quality is high,
 * a jagged polyline when it is low.
 */
export function ridge(
  sc: Scene,
  baseY: number,
  amplitude: number,
  peaks: number,
  sharp = false,
): string {
  const n = Math.max(3, Math.round(peaks * (sc.knobs.smooth ? 2 : 1)));
  const points: Array<[number, number]> = [];
  for (let i = 0; i <= n; i++) {
    const x = (i / n) * sc.w * 1.1 - sc.w * 0.05;
    const wave = sharp
      ? i % 2 === 0
        ? 0.15
        : 1
      : 0.5 + 0.5 * Math.sin(i * 1.7 + sc.rand.range(0, 6));
    points.push([x, baseY - amplitude * wave * sc.rand.range(0.55, 1)]);
  }
  const first = points[0] ?? [0, baseY];
  let d = `M${num(-10)},${num(sc.h + 10)}L${num(first[0])},${num(first[1])}`;
  if (sc.knobs.smooth && !sharp) {
    for (let i = 1; i < points.length; i++) {
      const [px, py] = points[i - 1] ?? first;
      const [x, y] = points[i] ?? first;
      d += `Q${num(px)},${num(py)} ${num((px + x) / 2)},${num((py + y) / 2)}`;
    }
    const last = points[points.length - 1] ?? first;
    d += `L${num(last[0])},${num(last[1])}`;
  } else {
    for (const [x, y] of points.slice(1)) d += `L${num(x)},${num(y)}`;
  }
  return `${d}L${num(sc.w + 10)},${num(sc.h + 10)}Z`;
}

/** A puffy cloud made of overlapping circles, with a shaded underside when quality allows. */
export function cloud(sc: Scene, x: number, y: number, size: number, colour = '#ffffff'): void {
  const puffs = sc.knobs.smooth ? 5 : 3;
  let d = '';
  let under = '';
  for (let i = 0; i < puffs; i++) {
    const t = i / (puffs - 1) - 0.5;
    const r = size * (0.55 - Math.abs(t) * 0.5) * sc.rand.range(0.8, 1.1);
    const px = x + t * size * 1.6;
    const py = y - r * 0.4;
    d += `M${num(px - r)},${num(py)}a${num(r)},${num(r)} 0 1,0 ${num(2 * r)},0a${num(r)},${num(r)} 0 1,0 ${num(-2 * r)},0`;
    under += `M${num(px - r * 0.9)},${num(py + r * 0.25)}a${num(r * 0.9)},${num(r * 0.75)} 0 1,0 ${num(1.8 * r)},0a${num(r * 0.9)},${num(r * 0.75)} 0 1,0 ${num(-1.8 * r)},0`;
  }
  if (sc.knobs.texture)
    sc.add(el('path', { d: under, fill: lighten(colour, -0.12), 'fill-opacity': 0.9 }));
  sc.add(el('path', { d, fill: colour, 'fill-opacity': sc.knobs.smooth ? 0.92 : 1 }));
}

/** A conifer or a round tree standing on (x, groundY). */
export function tree(
  sc: Scene,
  x: number,
  groundY: number,
  height: number,
  foliage: string,
  conifer: boolean,
  bark = '#5a3b22',
): void {
  const trunk = el('rect', {
    x: x - height * 0.04,
    y: groundY - height * 0.3,
    width: height * 0.08,
    height: height * 0.32,
    fill: lighten(bark, sc.knobs.smooth ? 0 : 0.2),
  });
  if (sc.knobs.softShadows) sc.shadow(x + height * 0.12, groundY, height * 0.3, height * 0.06, 0.3);
  if (conifer) {
    let d = '';
    for (let i = 0; i < 3; i++) {
      const top = groundY - height * (1 - i * 0.22);
      const half = height * (0.16 + i * 0.08);
      d += `M${num(x)},${num(top)}L${num(x + half)},${num(top + height * 0.42)}L${num(x - half)},${num(top + height * 0.42)}Z`;
    }
    sc.add(
      trunk,
      el('path', { d, fill: sc.fill(lighten(foliage, 0.12), lighten(foliage, -0.15), 1, 0) }),
    );
    return;
  }
  const r = height * 0.33;
  sc.add(
    trunk,
    el('circle', {
      cx: x,
      cy: groundY - height * 0.62,
      r,
      fill: sc.fill(lighten(foliage, 0.15), lighten(foliage, -0.2), 1, 1),
    }),
  );
  if (sc.knobs.texture)
    sc.add(
      el('circle', {
        cx: x - r * 0.35,
        cy: groundY - height * 0.72,
        r: r * 0.45,
        fill: lighten(foliage, 0.22),
        'fill-opacity': 0.5,
      }),
    );
}

/** Many small blossoms as one path per colour. */
export function flowers(
  sc: Scene,
  top: number,
  bottom: number,
  count: number,
  colours: string[],
): void {
  const paths = colours.map(() => '');
  for (let i = 0; i < count; i++) {
    const k = i % colours.length;
    const y = sc.rand.range(top, bottom);
    const x = sc.rand.range(0, sc.w);
    const r = sc.s * 0.004 * (1 + ((y - top) / (bottom - top)) * 1.6);
    paths[k] +=
      `M${num(x - r)},${num(y)}a${num(r)},${num(r)} 0 1,0 ${num(2 * r)},0a${num(r)},${num(r)} 0 1,0 ${num(-2 * r)},0`;
  }
  paths.forEach((d, k) => sc.add(el('path', { d, fill: colours[k] ?? '#ffffff' })));
}

/** Water between two heights, with a sun reflection and shimmer lines. */
export function water(
  sc: Scene,
  top: number,
  bottom: number,
  colour: string,
  sunX?: number,
  sunColour = '#fff6d0',
): void {
  sc.add(
    el('rect', {
      x: 0,
      y: top,
      width: sc.w,
      height: bottom - top,
      fill: sc.fill(lighten(colour, 0.2), lighten(colour, -0.15)),
    }),
  );
  if (sunX !== undefined && sc.knobs.smooth) {
    // The light's reflection: a column of short strokes that narrows with distance.
    let glitter = '';
    for (let y = top + sc.s * 0.006; y < bottom; y += sc.s * 0.012) {
      const t = (y - top) / (bottom - top);
      const half = sc.s * (0.012 + t * 0.05) * sc.rand.range(0.4, 1);
      glitter += `M${num(sunX - half + sc.rand.range(-1, 1) * sc.s * 0.01)},${num(y)}h${num(2 * half)}`;
    }
    sc.add(
      el('path', {
        d: glitter,
        stroke: sunColour,
        'stroke-opacity': 0.55,
        'stroke-width': sc.s * 0.004,
      }),
    );
  }
  let d = '';
  const lines = Math.round(10 + 30 * sc.knobs.detail);
  for (let i = 0; i < lines; i++) {
    const y = sc.rand.range(top, bottom);
    const x = sc.rand.range(0, sc.w);
    d += `M${num(x)},${num(y)}h${num(sc.s * sc.rand.range(0.02, 0.08))}`;
  }
  sc.add(
    el('path', { d, stroke: '#ffffff', 'stroke-opacity': 0.35, 'stroke-width': sc.s * 0.002 }),
  );
}
