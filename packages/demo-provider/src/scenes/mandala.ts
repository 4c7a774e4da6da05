import { hsl, lighten } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

const FLOWER_HUES = [350, 28, 48, 300, 200, 12, 330, 90];

/** One petal pointing outwards from the centre, as path data. */
function petal(
  cx: number,
  cy: number,
  angle: number,
  inner: number,
  outer: number,
  width: number,
): string {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const at = (r: number, side: number) =>
    `${num(cx + cos * r - sin * side)},${num(cy + sin * r + cos * side)}`;
  const mid = (inner + outer) / 2;
  return `M${at(inner, 0)}Q${at(mid, width)} ${at(outer, 0)}Q${at(mid, -width)} ${at(inner, 0)}Z`;
}

/** Rings of petals, leaves and seeds with radial symmetry; careless models break the symmetry. */
export function drawMandala(sc: Scene): void {
  const { s } = sc;
  const base = sc.colour(0, hsl(35, 0.25, 0.86));
  const paper = sc.tone(hsl(base.h, Math.min(base.s, 0.25), 0.88));
  sc.background(lighten(paper, 0.05), lighten(paper, -0.06));
  const cx = sc.cx + sc.jitter(s * 0.1);
  const cy = sc.cy + sc.jitter(s * 0.1);
  const R = s * 0.44;
  const rings = 3 + Math.round(5 * sc.knobs.detail);
  const hueShift = (sc.features.promptHash % 360) * 0.1;
  for (let k = rings - 1; k >= 0; k--) {
    const outer = R * ((k + 1) / rings) + sc.jitter(R * 0.05);
    const inner = outer - (R / rings) * 1.6;
    const count = 8 + 4 * Math.round(k * 1.2);
    const leaf = k % 3 === 1;
    const colour = leaf
      ? hsl(110 + hueShift, 0.45, 0.36)
      : hsl((FLOWER_HUES[k % FLOWER_HUES.length] ?? 0) + hueShift, 0.7, 0.55);
    const tone = sc.tone(colour);
    const offset = (k % 2) * (Math.PI / count);
    let d = '';
    let shine = '';
    let veins = '';
    for (let i = 0; i < count; i++) {
      if (sc.knobs.quality < 0.4 && sc.rand.chance(sc.knobs.sloppiness * 0.4)) continue;
      const a = offset + (i / count) * Math.PI * 2 + sc.jitter(0.25);
      const width = ((Math.PI * 2 * outer) / count) * (leaf ? 0.32 : 0.45) * (1 + sc.jitter(0.5));
      const px = cx + sc.jitter(R * 0.03);
      const py = cy + sc.jitter(R * 0.03);
      d += petal(px, py, a, Math.max(0, inner), outer, width);
      if (sc.knobs.smooth)
        shine += petal(
          px,
          py,
          a,
          Math.max(0, inner) + (outer - inner) * 0.35,
          outer - (outer - inner) * 0.08,
          width * 0.5,
        );
      if (sc.knobs.texture) {
        veins += `M${num(cx + Math.cos(a) * (inner + (outer - inner) * 0.15))},${num(cy + Math.sin(a) * (inner + (outer - inner) * 0.15))}L${num(cx + Math.cos(a) * (outer - (outer - inner) * 0.15))},${num(cy + Math.sin(a) * (outer - (outer - inner) * 0.15))}`;
      }
    }
    if (sc.knobs.softShadows)
      sc.add(
        el('path', {
          d,
          fill: '#000000',
          'fill-opacity': 0.13,
          transform: `translate(${num(s * 0.004)} ${num(s * 0.006)})`,
        }),
      );
    sc.add(
      el('path', {
        d,
        fill: sc.knobs.smooth ? lighten(tone, -0.12) : tone,
        stroke: sc.knobs.texture ? lighten(tone, -0.35) : undefined,
        'stroke-width': s * 0.0015,
      }),
    );
    if (shine) sc.add(el('path', { d: shine, fill: lighten(tone, 0.18) }));
    if (veins)
      sc.add(
        el('path', {
          d: veins,
          stroke: lighten(tone, 0.35),
          'stroke-width': s * 0.002,
          'stroke-opacity': 0.7,
        }),
      );
    if (sc.knobs.texture && k % 2 === 0) {
      let seeds = '';
      const n = count * 2;
      for (let i = 0; i < n; i++) {
        const a = (i / n) * Math.PI * 2;
        const r = s * 0.005;
        const x = cx + Math.cos(a) * inner;
        const y = cy + Math.sin(a) * inner;
        seeds += `M${num(x - r)},${num(y)}a${num(r)},${num(r)} 0 1,0 ${num(2 * r)},0a${num(r)},${num(r)} 0 1,0 ${num(-2 * r)},0`;
      }
      sc.add(el('path', { d: seeds, fill: sc.tone(hsl(40, 0.8, 0.35)) }));
    }
  }
  const core = sc.knobs.smooth
    ? sc.doc.radialBox([
        [0, '#ffe27a'],
        [1, '#c7781a'],
      ])
    : sc.tone(hsl(45, 0.9, 0.55));
  sc.add(el('circle', { cx, cy, r: R * 0.08, fill: core }));
  sc.vignette(0.2);
}
