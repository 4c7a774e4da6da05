import { hsl, lighten, toHex } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';
import { skyline, starField } from './effects';
import { ridge, tree, water } from './terrain';

/** A dark sky full of stars over a silhouetted land (or city), with a moon. */
export function drawNight(sc: Scene): void {
  const f = sc.features;
  const { w, h, s } = sc;
  const horizon = h * (0.62 + sc.jitter(0.15));
  const hue = sc.colour(0, hsl(228, 0.55, 0.2)).h;
  sc.background(
    sc.tone(hsl(hue, 0.6, 0.06)),
    sc.tone(hsl(hue + 30, 0.45, 0.32)),
    sc.tone(hsl(hue + 8, 0.55, 0.13)),
  );
  if (sc.knobs.texture) {
    const angle = sc.rand.range(-35, -20);
    sc.add(
      `<g transform="translate(${num(w * 0.5)} ${num(horizon * 0.45)}) rotate(${num(angle)})">`,
    );
    sc.softEllipse(0, 0, s * 0.8, s * 0.13, '#b8b0f0', 0.2);
    sc.add('</g>');
  }
  starField(sc, Math.round(50 + 320 * sc.knobs.detail), horizon);

  const moonX = w * sc.rand.range(0.15, 0.85);
  const moonY = h * sc.rand.range(0.12, 0.3) + sc.jitter(s * 0.4);
  const moonR = s * 0.055;
  sc.glow(moonX, moonY, moonR * 3.2, '#dfe6ff', 0.3);
  const moon = sc.knobs.smooth
    ? sc.doc.radialBox(
        [
          [0, '#fffdf2'],
          [1, '#e4dcc0'],
        ],
        0.4,
        0.4,
        0.7,
      )
    : sc.tone(hsl(55, 0.9, 0.7));
  const crescent = f.has('crescent') || (f.promptHash & 4) === 0;
  if (crescent) {
    // A crescent: the lit limb, then the terminator curving back inside the disc.
    sc.add(
      el('path', {
        d: `M${num(moonX)},${num(moonY - moonR)}A${num(moonR)},${num(moonR)} 0 1,0 ${num(moonX)},${num(moonY + moonR)}A${num(moonR * 0.62)},${num(moonR)} 0 1,1 ${num(moonX)},${num(moonY - moonR)}Z`,
        fill: moon,
      }),
    );
  } else {
    sc.add(el('circle', { cx: moonX, cy: moonY, r: moonR, fill: moon }));
  }
  if (sc.knobs.texture && !crescent) {
    let d = '';
    for (const [dx, dy, r] of [
      [-0.3, -0.2, 0.18],
      [0.25, 0.2, 0.12],
      [0.05, -0.45, 0.09],
      [-0.2, 0.4, 0.1],
    ] as const) {
      d += `M${num(moonX + dx * moonR - r * moonR)},${num(moonY + dy * moonR)}a${num(r * moonR)},${num(r * moonR)} 0 1,0 ${num(2 * r * moonR)},0a${num(r * moonR)},${num(r * moonR)} 0 1,0 ${num(-2 * r * moonR)},0`;
    }
    sc.add(el('path', { d, fill: '#cfc6a8', 'fill-opacity': 0.6 }));
  }

  const land = sc.tone(hsl(hue, 0.35, 0.1));
  if (f.has('city', 'skyline', 'skyscraper', 'town', 'urban')) {
    skyline(sc, horizon + s * 0.05, lighten(land, 0.05), toHex(hsl(45, 0.9, 0.65)), 0.35);
  } else {
    const rock = sc.tone(hsl(hue, 0.3, 0.16));
    sc.add(
      el('path', {
        d: ridge(sc, horizon, s * 0.3, 5, true),
        fill: sc.fill(lighten(rock, 0.08), lighten(rock, -0.3)),
      }),
    );
  }
  const wet = f.has('lake', 'sea', 'ocean', 'water', 'river', 'reflection');
  if (wet) water(sc, horizon + s * 0.05, h, sc.tone(hsl(hue, 0.45, 0.14)), moonX, '#dfe6ff');
  const front = horizon + (h - horizon) * (wet ? 0.55 : 0.35);
  sc.add(el('path', { d: ridge(sc, front, s * 0.08, 3), fill: land }));
  const trees = Math.round(2 + 6 * sc.knobs.detail);
  for (let i = 0; i < trees; i++)
    tree(
      sc,
      w * sc.rand.range(0, 1),
      front + s * 0.04,
      s * sc.rand.range(0.12, 0.22),
      lighten(land, -0.3),
      true,
      lighten(land, -0.3),
    );
  // A careless model scatters stars over the land too.
  if (sc.knobs.quality < 0.35) starField(sc, Math.round(30 * sc.knobs.sloppiness), h);
  if (f.has('tent', 'campfire', 'fire', 'camp'))
    sc.glow(w * 0.3, h * 0.88, s * 0.12, '#ffa040', 0.8);
  sc.vignette(0.35);
}
