import { hsl, lighten } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';
import { starField } from './effects';
import { icon } from './icons';

/** A poster: a title band, panels with icons and labels, joined like steps when numbered. */
export function drawInfographic(sc: Scene): void {
  const f = sc.features;
  const { w, h, s } = sc;
  const space = f.has('apollo', 'nasa', 'space', 'lunar', 'moon', 'orbit', 'rocket');
  const named = sc.colour(0, space ? hsl(222, 0.55, 0.22) : hsl(210, 0.5, 0.35));
  // The title band needs a colour white text reads on.
  const main =
    named.l > 0.6 || named.s < 0.15
      ? hsl(space ? 222 : 12 + (f.promptHash % 200), 0.55, 0.35)
      : named;
  const accent = sc.tone(sc.colour(2, hsl(2, 0.55, 0.5)));
  const dark = space || f.has('dark', 'night');
  const bg = dark ? sc.tone(hsl(main.h, main.s, 0.14)) : sc.tone(hsl(main.h, 0.15, 0.97));
  const ink = dark ? '#f2f4f7' : sc.tone(hsl(main.h, 0.4, 0.18));
  sc.background(lighten(bg, 0.04), lighten(bg, -0.04));
  if (f.has('stars', 'star')) starField(sc, Math.round(40 + 80 * sc.knobs.detail), h, '#ffffff');
  const margin = s * 0.07;
  const titleText = f.title ?? f.quoted[0] ?? (f.has('menu') ? 'MENU' : 'GUIDE');
  sc.add(
    el('rect', {
      x: margin + sc.jitter(s * 0.03),
      y: margin,
      width: w - 2 * margin,
      height: s * 0.13,
      rx: s * 0.015,
      fill: sc.tone(main),
    }),
  );
  sc.text(titleText.toUpperCase(), {
    x: w / 2,
    y: margin + s * 0.09,
    size: s * 0.07,
    maxWidth: w - 4 * margin,
    weight: 'bold',
    fill: '#ffffff',
    letterSpacing: 0.08,
  });

  const labels =
    f.labels.length > 0
      ? f.labels
      : ['Starters', 'Mains', 'Desserts'].slice(0, 2 + Math.round(sc.knobs.detail));
  const steps = f.labels.length >= 4;
  const top = margin + s * 0.2;
  const bottom = h - margin - s * 0.12;
  const n = labels.length;
  const cols = Math.min(n, 3);
  const rows = Math.ceil(n / cols);
  const cellW = (w - 2 * margin) / cols;
  const cellH = (bottom - top) / rows;
  const r = Math.min(cellW, cellH) * 0.26;
  const centres: Array<[number, number]> = [];
  labels.forEach((label, i) => {
    const row = Math.floor(i / cols);
    const colInRow = i % cols;
    // Steps snake left-right then right-left, so the path reads in order.
    const col = steps && row % 2 === 1 ? cols - 1 - colInRow : colInRow;
    const x = margin + cellW * (col + 0.5) + sc.jitter(cellW * 0.2);
    const y = top + cellH * (row + 0.42) + sc.jitter(cellH * 0.15);
    centres.push([x, y]);
    const rr = r * (steps ? 1 : 1.5) * (1 + sc.jitter(0.5));
    if (!steps) {
      sc.shadow(x + s * 0.006, y + cellH * 0.38, cellW * 0.44, s * 0.02, 0.25);
      sc.add(
        el('rect', {
          x: x - cellW * 0.44,
          y: y - cellH * 0.42,
          width: cellW * 0.88,
          height: cellH * 0.8,
          rx: s * 0.02,
          fill: dark ? lighten(bg, 0.08) : '#ffffff',
          stroke: lighten(ink, 0.7),
          'stroke-width': s * 0.002,
        }),
      );
    } else {
      sc.add(
        el('circle', {
          cx: x,
          cy: y,
          r: rr * 1.25,
          fill: dark ? lighten(bg, 0.1) : lighten(sc.tone(main), 0.85),
          stroke: accent,
          'stroke-width': s * 0.004,
        }),
      );
    }
    icon(sc, label, x, y - (steps ? 0 : cellH * 0.08), rr, dark ? '#dfe3ea' : ink, accent);
    const prefix = steps ? `${i + 1}. ` : '';
    sc.text(prefix + label, {
      x,
      y: y + (steps ? rr * 1.25 + s * 0.045 : cellH * 0.28),
      size: s * 0.038,
      maxWidth: cellW * 0.85,
      weight: 'bold',
      fill: ink,
    });
  });
  if (steps && sc.knobs.detail > 0.4) {
    let d = '';
    centres.forEach(([x, y], i) => (d += `${i === 0 ? 'M' : 'L'}${num(x)},${num(y)}`));
    sc.add(
      el('path', {
        d,
        fill: 'none',
        stroke: accent,
        'stroke-width': s * 0.003,
        'stroke-dasharray': num(s * 0.012),
        'stroke-opacity': 0.6,
      }),
    );
  }
  const pins = f.quoted.filter((q) => q !== titleText).slice(0, 2);
  pins.forEach((pin, i) => {
    const px = w * (0.3 + i * 0.4) + sc.jitter(s * 0.1);
    const py = h - margin - s * 0.05;
    sc.add(
      el('path', {
        d: `M${num(px)},${num(py)}l${num(-s * 0.015)},${num(-s * 0.03)}a${num(s * 0.017)},${num(s * 0.017)} 0 1,1 ${num(s * 0.03)},0Z`,
        fill: accent,
      }),
    );
    sc.text(pin, {
      x: px + s * 0.03,
      y: py - s * 0.012,
      size: s * 0.03,
      maxWidth: w * 0.35,
      fill: ink,
      anchor: 'start',
    });
  });
}
