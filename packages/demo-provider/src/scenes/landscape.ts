import { hsl, lighten, mix, toHex } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';
import { critter, speciesIn } from './critters';
import { butterflies, rain } from './effects';
import { cloud, flowers, ridge, tree, water } from './terrain';

/** Sky, sun, layered hills, trees and whatever the prompt adds (water, flowers, animals). */
export function drawLandscape(sc: Scene): void {
  const f = sc.features;
  const { w, h, s } = sc;
  const sunset = f.has('sunset', 'golden', 'sunrise', 'dusk', 'dawn', 'warm');
  const greenhouse = f.has('greenhouse', 'conservatory', 'orangery');
  const horizon = h * (0.55 + sc.jitter(0.12));
  const skyTop = sunset ? hsl(225, 0.45, 0.45) : sc.colourNear(hsl(210, 0.65, 0.5));
  const skyLow = sunset ? hsl(30, 0.9, 0.7) : hsl(195, 0.55, 0.86);
  sc.background(sc.tone(skyTop), sc.tone(skyLow), sunset ? sc.tone(hsl(345, 0.5, 0.7)) : undefined);

  const sunX = w * sc.rand.range(0.25, 0.75);
  const sunY = sunset
    ? horizon - s * 0.08
    : horizon - s * sc.rand.range(0.28, 0.4) + sc.jitter(s * 0.3);
  const sunColour = sunset ? toHex(hsl(38, 1, 0.72)) : '#fff7d6';
  sc.glow(sunX, sunY, s * 0.22, sunColour, 0.7);
  sc.add(
    el('circle', {
      cx: sunX,
      cy: sunY,
      r: s * 0.05,
      fill: sc.knobs.smooth ? sunColour : sc.tone(hsl(50, 1, 0.55)),
    }),
  );
  if (sc.knobs.texture && f.has('rays', 'sunlight', 'light', 'god')) {
    let d = '';
    for (let i = 0; i < 5; i++) {
      const a = Math.PI * (0.3 + i * 0.1) + sc.rand.range(-0.04, 0.04);
      const len = s * 1.2;
      d += `M${num(sunX)},${num(sunY)}L${num(sunX + Math.cos(a) * len - s * 0.04)},${num(sunY + Math.sin(a) * len)}L${num(sunX + Math.cos(a) * len + s * 0.04)},${num(sunY + Math.sin(a) * len)}Z`;
    }
    sc.add(el('path', { d, fill: sunColour, 'fill-opacity': 0.12 }));
  }
  const clouds = Math.round(1 + 4 * sc.knobs.detail);
  for (let i = 0; i < clouds; i++) {
    cloud(
      sc,
      w * ((i + sc.rand.range(0.1, 0.9)) / clouds),
      h * sc.rand.range(0.1, 0.35) + sc.jitter(s * 0.2),
      s * sc.rand.range(0.1, 0.18),
      sunset ? '#ffe9e0' : '#ffffff',
    );
  }

  const haze = (c: string, t: number) => mix(c, toHex(skyLow), t);
  if (f.has('mountain', 'alps', 'peak', 'mountains') || (f.promptHash & 2) === 0) {
    sc.add(
      el('path', {
        d: ridge(sc, horizon, s * 0.35, 5, true),
        fill: haze(sc.tone(hsl(220, 0.2, 0.45)), 0.45),
      }),
    );
  }
  const wet = f.has('lake', 'river', 'sea', 'ocean', 'water', 'coast', 'beach', 'coastline');
  const layers = 1 + Math.round(2 * sc.knobs.detail);
  const grass = sc.colourNear(hsl(100, 0.45, 0.42));
  for (let i = 0; i < layers; i++) {
    const t = (i + 1) / layers;
    const baseY = horizon + (h - horizon) * (wet ? 0.35 + t * 0.3 : t * 0.55) + sc.jitter(s * 0.1);
    const colour = haze(
      sc.tone(hsl(grass.h + i * 6, grass.s, grass.l - i * 0.06)),
      (layers - 1 - i) * 0.22,
    );
    if (wet && i === 0) water(sc, horizon, h, sc.tone(hsl(205, 0.55, 0.45)), sunX, sunColour);
    sc.add(
      el('path', {
        d: ridge(sc, baseY, s * 0.08, 3),
        fill: sc.fill(lighten(colour, 0.1), lighten(colour, -0.15)),
      }),
    );
    const trees = Math.round((2 + 4 * sc.knobs.detail) * (i === layers - 1 ? 1 : 0.6));
    for (let k = 0; k < trees && !greenhouse; k++) {
      const x = w * sc.rand.range(0.02, 0.98);
      tree(
        sc,
        x,
        baseY + s * 0.03 + sc.jitter(s * 0.15),
        s * (0.12 + 0.08 * t),
        sc.tone(hsl(grass.h + 20, 0.45, 0.28)),
        sc.rand.chance(0.5),
      );
    }
  }
  if (f.has('meadow', 'flower', 'wildflower', 'garden', 'spring', 'orchid', 'blooming')) {
    const colours = [hsl(0, 0.8, 0.6), hsl(50, 0.95, 0.6), hsl(290, 0.5, 0.7), hsl(0, 0, 0.98)].map(
      (c) => sc.tone(c),
    );
    flowers(sc, h * 0.72, h, Math.round(60 + 160 * sc.knobs.detail), colours);
  }
  if (greenhouse) drawGreenhouseFrame(sc);
  const species = speciesIn(sc);
  species.forEach((sp, i) => {
    const x = w * ((i + 0.5) / species.length) + sc.jitter(s * 0.1);
    critter(sc, sp, x, h * (0.9 + (i % 2) * 0.04), s * 0.2);
  });
  if (f.has('butterfly', 'butterflies'))
    butterflies(sc, Math.round(2 + 5 * sc.knobs.detail), h * 0.15, h * 0.7);
  if (f.has('rain')) rain(sc);
  sc.vignette(0.3);
}

/** Iron glasshouse framing: arches and mullions over the scene. */
function drawGreenhouseFrame(sc: Scene): void {
  const { w, h, s } = sc;
  const iron = sc.tone(hsl(160, 0.15, 0.18));
  let d = '';
  const bays = 4;
  for (let i = 0; i <= bays; i++) d += `M${num((w * i) / bays)},${num(h)}V${num(h * 0.3)}`;
  d += `M0,${num(h * 0.3)}Q${num(w / 2)},${num(-h * 0.15)} ${num(w)},${num(h * 0.3)}`;
  d += `M0,${num(h * 0.55)}H${num(w)}`;
  for (let i = 1; i < 6; i++)
    d += `M${num((w * i) / 6)},${num(h * 0.3 - Math.sin((i / 6) * Math.PI) * h * 0.22)}L${num(w / 2)},${num(h * 0.3)}`;
  sc.add(el('path', { d, fill: 'none', stroke: iron, 'stroke-width': s * 0.012 }));
  let ferns = '';
  for (let i = 0; i < Math.round(4 + 8 * sc.knobs.detail); i++) {
    const x = sc.rand.range(0, w);
    const base = h * sc.rand.range(0.85, 1.02);
    for (let k = 0; k < 5; k++) {
      const a = -Math.PI / 2 + (k - 2) * 0.35;
      const len = s * sc.rand.range(0.12, 0.22);
      ferns += `M${num(x)},${num(base)}Q${num(x + Math.cos(a) * len * 0.3 - len * 0.1)},${num(base + Math.sin(a) * len * 0.6)} ${num(x + Math.cos(a) * len)},${num(base + Math.sin(a) * len)}Q${num(x + Math.cos(a) * len * 0.5 + len * 0.1)},${num(base + Math.sin(a) * len * 0.5)} ${num(x)},${num(base)}Z`;
    }
  }
  sc.add(el('path', { d: ferns, fill: sc.tone(hsl(120, 0.5, 0.3)) }));
}
