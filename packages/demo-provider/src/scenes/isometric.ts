import { COLOUR_WORDS, hsl, lighten } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

type Point = [number, number];

/** Isometric projection: x and y on the ground, z up; one unit is `u` pixels. */
function projector(ox: number, oy: number, u: number) {
  const c = Math.cos(Math.PI / 6);
  return (x: number, y: number, z: number): Point => [
    ox + (x - y) * c * u,
    oy + (x + y) * 0.5 * u - z * u,
  ];
}

const poly = (points: Point[]) => `M${points.map(([x, y]) => `${num(x)},${num(y)}`).join('L')}Z`;

/** A lit box: top brightest, left mid, right darkest; a careless model lights faces at random. */
function box(
  sc: Scene,
  iso: ReturnType<typeof projector>,
  x: number,
  y: number,
  z: number,
  dx: number,
  dy: number,
  dz: number,
  colour: string,
): void {
  const shades = [0.18, 0, -0.22];
  if (sc.knobs.quality < 0.4 && sc.rand.chance(sc.knobs.sloppiness))
    shades.sort(() => sc.rand.next() - 0.5);
  const [top, left, right] = shades as [number, number, number];
  sc.add(
    el('path', {
      d: poly([
        iso(x, y + dy, z),
        iso(x + dx, y + dy, z),
        iso(x + dx, y + dy, z + dz),
        iso(x, y + dy, z + dz),
      ]),
      fill: lighten(colour, left),
    }),
    el('path', {
      d: poly([
        iso(x + dx, y, z),
        iso(x + dx, y + dy, z),
        iso(x + dx, y + dy, z + dz),
        iso(x + dx, y, z + dz),
      ]),
      fill: lighten(colour, right),
    }),
    el('path', {
      d: poly([
        iso(x, y, z + dz),
        iso(x + dx, y, z + dz),
        iso(x + dx, y + dy, z + dz),
        iso(x, y + dy, z + dz),
      ]),
      fill: lighten(colour, top),
    }),
  );
}

/** An upright cylinder (a maki roll): side, top, filling. */
function cylinder(
  sc: Scene,
  iso: ReturnType<typeof projector>,
  u: number,
  x: number,
  y: number,
  z: number,
  r: number,
  hgt: number,
  side: string,
  top: string,
  filling: string,
): void {
  const [bx, by] = iso(x, y, z);
  const [tx, ty] = iso(x, y, z + hgt);
  const rx = r * u * 1.22;
  const ry = r * u * 0.7;
  sc.add(
    el('path', {
      d: `M${num(bx - rx)},${num(by)}A${num(rx)},${num(ry)} 0 0,0 ${num(bx + rx)},${num(by)}L${num(tx + rx)},${num(ty)}L${num(tx - rx)},${num(ty)}Z`,
      fill: sc.fill(lighten(side, 0.1), lighten(side, -0.25), 1, 0),
    }),
    el('ellipse', { cx: tx, cy: ty, rx, ry, fill: side }),
    el('ellipse', { cx: tx, cy: ty, rx: rx * 0.82, ry: ry * 0.82, fill: top }),
    el('ellipse', { cx: tx, cy: ty, rx: rx * 0.35, ry: ry * 0.35, fill: filling }),
  );
}

function title(sc: Scene): void {
  const [first, second] = sc.features.quoted;
  const ink = sc.tone(hsl(220, 0.35, 0.18));
  if (first)
    sc.text(first, {
      x: sc.cx,
      y: sc.h * 0.14,
      size: sc.s * 0.1,
      maxWidth: sc.w * 0.7,
      weight: 'bold',
      fill: ink,
      letterSpacing: 0.06,
    });
  if (second)
    sc.text(second, {
      x: sc.cx,
      y: sc.h * 0.21,
      size: sc.s * 0.05,
      maxWidth: sc.w * 0.5,
      weight: 'bold',
      fill: sc.tone(hsl(2, 0.7, 0.5)),
      letterSpacing: 0.2,
    });
  if (sc.features.has('flag')) {
    const fx = sc.cx + sc.s * 0.3 + sc.jitter(sc.s * 0.1);
    const fy = sc.h * 0.07;
    const fw = sc.s * 0.08;
    sc.add(
      el('rect', {
        x: fx,
        y: fy,
        width: fw,
        height: fw * 0.66,
        fill: '#ffffff',
        stroke: '#c9ced6',
        'stroke-width': sc.s * 0.002,
      }),
    );
    if (sc.features.has('japan', 'japanese'))
      sc.add(el('circle', { cx: fx + fw / 2, cy: fy + fw * 0.33, r: fw * 0.2, fill: '#bc002d' }));
    else
      sc.add(
        el('rect', {
          x: fx,
          y: fy,
          width: fw / 3,
          height: fw * 0.66,
          fill: sc.tone(hsl(220, 0.6, 0.45)),
        }),
      );
  }
}

/** A small diorama block with the dish (sushi) or a tiny village on it. */
export function drawIsometric(sc: Scene): void {
  const f = sc.features;
  const { s } = sc;
  const bg = f.words.has('blue') ? hsl(200, 0.6, 0.86) : sc.colour(0, hsl(205, 0.45, 0.88));
  const bgHex = sc.tone(hsl(bg.h, bg.s, Math.max(bg.l, 0.8)));
  sc.background(lighten(bgHex, 0.1), lighten(bgHex, -0.05));
  title(sc);
  const u = s * 0.0042;
  const iso = projector(sc.cx + sc.jitter(s * 0.08), sc.h * 0.62 + sc.jitter(s * 0.06), u);
  const [sx, sy] = iso(0, 0, -14);
  sc.shadow(sx, sy + 40 * u, 110 * u, 45 * u, 0.35);
  box(sc, iso, -60, -60, -16, 120, 120, 16, sc.tone(hsl(30, 0.35, 0.55)));
  if (sc.knobs.texture) box(sc, iso, -60, -60, 0, 120, 120, 2, sc.tone(hsl(40, 0.3, 0.86)));
  const z0 = sc.knobs.texture ? 2 : 0;
  if (f.has('sushi', 'nigiri', 'maki', 'japan')) {
    const [px, py] = iso(0, 0, z0);
    sc.add(
      el('ellipse', {
        cx: px,
        cy: py + 2 * u,
        rx: 58 * u * 1.22,
        ry: 58 * u * 0.7,
        fill: '#2c2c34',
      }),
    );
    sc.add(
      el('ellipse', {
        cx: px,
        cy: py,
        rx: 55 * u * 1.22,
        ry: 55 * u * 0.7,
        fill: sc.fill('#ffffff', '#dfe3ea'),
      }),
    );
    const salmon = sc.tone(COLOUR_WORDS.orange ?? hsl(18, 0.85, 0.62));
    for (let i = 0; i < 3; i++) {
      const x = -30 + i * 18 + sc.jitter(14);
      const y = -22 + sc.jitter(14);
      const z = z0 + 1 + Math.abs(sc.jitter(12));
      sc.shadow(...iso(x + 6, y + 12, z0), 14 * u, 6 * u, 0.3);
      box(sc, iso, x, y, z, 12, 24, 7, '#f4f1ea');
      box(sc, iso, x - 1, y - 2, z + 7, 14, 28, 3, salmon);
      if (sc.knobs.texture) {
        let stripes = '';
        for (let k = 1; k < 4; k++) {
          const [ax, ay] = iso(x - 1, y - 2 + k * 7, z + 10);
          const [bx, by] = iso(x + 13, y - 2 + k * 7, z + 10);
          stripes += `M${num(ax)},${num(ay)}L${num(bx)},${num(by)}`;
        }
        sc.add(el('path', { d: stripes, stroke: '#ffe9dc', 'stroke-width': u * 1.2 }));
      }
    }
    for (let i = 0; i < 2 + Math.round(2 * sc.knobs.detail); i++) {
      cylinder(
        sc,
        iso,
        u,
        14 + (i % 2) * 14 + sc.jitter(12),
        14 + Math.floor(i / 2) * 16 + sc.jitter(12),
        z0 + 1,
        6.5,
        8,
        '#1f2d22',
        '#f4f1ea',
        salmon,
      );
    }
    const [wx, wy] = iso(-28, 24, z0 + 2);
    sc.add(
      el('ellipse', { cx: wx, cy: wy, rx: 6 * u, ry: 4 * u, fill: sc.tone(hsl(85, 0.55, 0.45)) }),
    );
    if (sc.knobs.detail > 0.5) {
      box(sc, iso, -50, 34, z0 + 1, 70, 2.5, 2.5, sc.tone(hsl(30, 0.5, 0.4)));
      box(sc, iso, -50, 40, z0 + 1, 70, 2.5, 2.5, sc.tone(hsl(30, 0.5, 0.4)));
    }
  } else {
    const houses = 2 + Math.round(3 * sc.knobs.detail);
    for (let i = 0; i < houses; i++) {
      const x = -50 + (i % 3) * 35 + sc.jitter(15);
      const y = -50 + Math.floor(i / 3) * 45 + sc.jitter(15);
      const colour = sc.tone(hsl((f.promptHash + i * 70) % 360, 0.5, 0.65));
      box(sc, iso, x, y, z0 + Math.abs(sc.jitter(10)), 22, 22, 18 + (i % 2) * 10, colour);
    }
  }
}
