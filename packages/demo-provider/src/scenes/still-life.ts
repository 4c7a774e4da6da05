import { COLOUR_WORDS, hsl, lighten, type Hsl } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

function named(sc: Scene, word: string, fallback: Hsl): string {
  return sc.tone(sc.features.words.has(word) ? (COLOUR_WORDS[word] ?? fallback) : fallback);
}

function plant(sc: Scene, x: number, groundY: number, size: number): void {
  const leaf = named(sc, 'green', hsl(120, 0.45, 0.38));
  sc.add(
    el('path', {
      d: `M${num(x - size * 0.22)},${num(groundY - size * 0.35)}h${num(size * 0.44)}l${num(-size * 0.06)},${num(size * 0.35)}h${num(-size * 0.32)}Z`,
      fill: sc.tone(hsl(18, 0.5, 0.45)),
    }),
  );
  let d = '';
  for (let i = 0; i < 7; i++) {
    const a = -Math.PI / 2 + (i - 3) * 0.33;
    const len = size * (0.7 + (i % 2) * 0.25);
    const bx = x;
    const by = groundY - size * 0.35;
    const tx = bx + Math.cos(a) * len;
    const ty = by + Math.sin(a) * len;
    d += `M${num(bx)},${num(by)}Q${num(bx + Math.cos(a - 0.4) * len * 0.6)},${num(by + Math.sin(a - 0.4) * len * 0.6)} ${num(tx)},${num(ty)}Q${num(bx + Math.cos(a + 0.4) * len * 0.6)},${num(by + Math.sin(a + 0.4) * len * 0.6)} ${num(bx)},${num(by)}Z`;
  }
  sc.add(el('path', { d, fill: sc.fill(lighten(leaf, 0.15), lighten(leaf, -0.2)) }));
}

function sphere(sc: Scene, x: number, y: number, r: number): void {
  const base = named(sc, 'blue', hsl(212, 0.7, 0.5));
  const fill = sc.knobs.smooth
    ? sc.doc.radialBox(
        [
          [0, lighten(base, 0.45)],
          [0.5, base],
          [1, lighten(base, -0.4)],
        ],
        0.35,
        0.35,
        0.75,
      )
    : base;
  sc.add(el('circle', { cx: x, cy: y, r, fill }));
}

/** Objects on a table lit from a window on the left, arranged as the prompt describes. */
export function drawStillLife(sc: Scene): void {
  const f = sc.features;
  const { w, h, s } = sc;
  const wall = sc.tone(hsl(35, 0.18, 0.8));
  sc.background(lighten(wall, 0.08), lighten(wall, -0.12));
  if (sc.knobs.texture) {
    // Window light falling on the wall: two panes, skewed away from the window on the left.
    const pane = (x: number) =>
      `M${num(x)},${num(h * 0.12)}l${num(w * 0.16)},${num(h * 0.05)}v${num(h * 0.36)}l${num(-w * 0.16)},${num(-h * 0.05)}Z`;
    sc.add(
      el('path', { d: pane(w * 0.06) + pane(w * 0.24), fill: '#fff8e0', 'fill-opacity': 0.35 }),
    );
  }
  const tableY = h * 0.62;
  const wood = sc.tone(hsl(28, 0.45, 0.38));
  sc.add(
    el('rect', {
      x: 0,
      y: tableY,
      width: w,
      height: h - tableY,
      fill: sc.fill(lighten(wood, 0.12), lighten(wood, -0.2)),
    }),
  );
  if (sc.knobs.texture) {
    let grain = '';
    for (let i = 0; i < 14; i++) {
      const y = tableY + (h - tableY) * sc.rand.range(0.05, 1);
      grain += `M0,${num(y)}Q${num(w * 0.4)},${num(y + sc.rand.range(-8, 8))} ${num(w)},${num(y + sc.rand.range(-6, 6))}`;
    }
    sc.add(
      el('path', {
        d: grain,
        fill: 'none',
        stroke: lighten(wood, -0.25),
        'stroke-opacity': 0.45,
        'stroke-width': s * 0.002,
      }),
    );
  }
  // Light from the left: shadows fall right. A careless model casts them the wrong way.
  const dir = sc.knobs.quality < 0.35 && sc.rand.chance(0.6) ? -1 : 1;
  const a = s * 0.26;
  const depth = a * 0.35;
  const x0 = sc.cx - a / 2 + sc.jitter(s * 0.1);
  const base = h * 0.8;
  const careless = () => sc.rand.chance(sc.knobs.sloppiness * 0.8);
  const hasCube = f.has('cube', 'box');
  if (f.has('plant', 'fern'))
    plant(
      sc,
      careless() ? x0 - a * 0.6 : x0 + a * 1.05,
      careless() ? base + s * 0.1 : base - a * 0.45,
      a * 1.25,
    );
  if (!hasCube) {
    const vase = sc.tone(sc.colour(0, hsl(200, 0.5, 0.5)));
    sc.shadow(sc.cx + dir * a * 0.45, base, a * 0.55, a * 0.1, 0.4);
    sc.add(
      el('path', {
        d: `M${num(sc.cx - a * 0.15)},${num(base - a * 1.3)}h${num(a * 0.3)}q${num(-a * 0.05)},${num(a * 0.3)} ${num(a * 0.25)},${num(a * 0.7)}q${num(a * 0.1)},${num(a * 0.5)} ${num(-a * 0.25)},${num(a * 0.6)}h${num(-a * 0.3)}q${num(-a * 0.35)},${num(-a * 0.1)} ${num(-a * 0.25)},${num(-a * 0.6)}q${num(a * 0.3)},${num(-a * 0.4)} ${num(a * 0.25)},${num(-a * 0.7)}Z`,
        fill: sc.fill(lighten(vase, 0.2), lighten(vase, -0.25), 1, 0),
      }),
    );
    sphere(sc, sc.cx + a * 0.7 + sc.jitter(a), base - a * 0.18, a * 0.18);
    sc.vignette(0.3);
    return;
  }
  sc.shadow(x0 + a * 0.5 + dir * a * 0.55, base - depth * 0.3, a * 0.75, a * 0.16, 0.45);
  const front = { x: x0, y: base - a, w: a, h: a };
  const back = { x: x0 + depth, y: base - a - depth };
  const glass = f.has('glass', 'crystal');
  const edge = glass ? '#ffffff' : lighten(wood, -0.3);
  const faceFill = glass ? '#cfe8f5' : sc.tone(sc.colour(0, hsl(40, 0.4, 0.7)));
  const opacity = glass ? 0.28 : 1;
  // Back faces first, so what is inside shows through the glass.
  sc.add(
    el('path', {
      d: `M${num(back.x)},${num(back.y)}h${num(a)}v${num(a)}h${num(-a)}Z`,
      fill: faceFill,
      'fill-opacity': opacity * 0.7,
      stroke: edge,
      'stroke-opacity': 0.6,
      'stroke-width': s * 0.002,
    }),
  );
  const inside = f.has('inside', 'inner', 'within') && !careless();
  if (f.has('sphere', 'ball', 'orb')) {
    if (inside) sphere(sc, x0 + a * 0.55 + depth * 0.4, base - a * 0.22 - depth * 0.4, a * 0.2);
    else sphere(sc, x0 + a * 1.6, base - a * 0.2, a * 0.2);
  }
  sc.add(
    el('path', {
      d: `M${num(x0 + a)},${num(base)}l${num(depth)},${num(-depth)}v${num(-a)}l${num(-depth)},${num(depth)}Z`,
      fill: faceFill,
      'fill-opacity': opacity,
      stroke: edge,
      'stroke-width': s * 0.003,
    }),
  );
  sc.add(
    el('path', {
      d: `M${num(x0)},${num(base - a)}l${num(depth)},${num(-depth)}h${num(a)}l${num(-depth)},${num(depth)}Z`,
      fill: lighten(faceFill, 0.2),
      'fill-opacity': opacity,
      stroke: edge,
      'stroke-width': s * 0.003,
    }),
  );
  sc.add(
    el('rect', {
      x: front.x,
      y: front.y,
      width: a,
      height: a,
      fill:
        glass && sc.knobs.smooth
          ? sc.doc.linear(
              [
                [0, '#ffffff', 0.35],
                [0.5, '#d8eef8', 0.12],
                [1, '#ffffff', 0.25],
              ],
              0,
              0,
              1,
              1,
            )
          : faceFill,
      'fill-opacity': glass && sc.knobs.smooth ? 1 : opacity,
      stroke: edge,
      'stroke-width': s * 0.003,
    }),
  );
  if (glass && sc.knobs.texture)
    sc.add(
      el('path', {
        d: `M${num(x0 + a * 0.12)},${num(base - a * 0.9)}l${num(a * 0.18)},${num(-a * 0.0)}l${num(-a * 0.1)},${num(a * 0.5)}Z`,
        fill: '#ffffff',
        'fill-opacity': 0.5,
      }),
    );
  if (f.has('book')) {
    const red = named(sc, 'red', hsl(2, 0.65, 0.45));
    const onTop = f.has('top', 'atop') && !careless();
    const bx = onTop ? x0 + a * 0.1 : x0 - a * 0.9;
    const by = onTop ? base - a - depth * 0.35 : base + sc.jitter(s * 0.1);
    const bw = a * 0.75;
    const bh = a * 0.14;
    sc.add(
      el('path', {
        d: `M${num(bx)},${num(by)}l${num(depth * 0.6)},${num(-depth * 0.6)}h${num(bw)}l${num(-depth * 0.6)},${num(depth * 0.6)}Z`,
        fill: lighten(red, 0.15),
      }),
      el('rect', { x: bx, y: by, width: bw, height: bh, fill: red }),
      el('path', {
        d: `M${num(bx + bw)},${num(by)}l${num(depth * 0.6)},${num(-depth * 0.6)}v${num(bh)}l${num(-depth * 0.6)},${num(depth * 0.6)}Z`,
        fill: '#f2ead8',
      }),
    );
  }
  sc.vignette(0.3);
}
