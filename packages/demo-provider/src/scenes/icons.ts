import type { Scene } from '../scene';
import { el, num } from '../svg';

/** Flat pictograms for infographic panels, chosen by a label's words. */
export function icon(
  sc: Scene,
  label: string,
  x: number,
  y: number,
  r: number,
  ink: string,
  accent: string,
): void {
  const l = label.toLowerCase();
  const circle = (cx: number, cy: number, rr: number, fill: string) =>
    el('circle', { cx, cy, r: rr, fill });
  const stroke = { fill: 'none', stroke: ink, 'stroke-width': r * 0.08 };
  if (/launch|rocket|saturn/.test(l)) {
    sc.add(
      el('path', {
        d: `M${num(x)},${num(y - r)}q${num(r * 0.35)},${num(r * 0.4)} ${num(r * 0.3)},${num(r * 1.3)}h${num(-r * 0.6)}q${num(-r * 0.05)},${num(-r * 0.9)} ${num(r * 0.3)},${num(-r * 1.3)}Z`,
        fill: '#f4f4f4',
        stroke: ink,
        'stroke-width': r * 0.05,
      }),
      el('path', {
        d: `M${num(x - r * 0.3)},${num(y + r * 0.3)}l${num(-r * 0.25)},${num(r * 0.35)}h${num(r * 0.25)}ZM${num(x + r * 0.3)},${num(y + r * 0.3)}l${num(r * 0.25)},${num(r * 0.35)}h${num(-r * 0.25)}Z`,
        fill: accent,
      }),
      el('path', {
        d: `M${num(x - r * 0.18)},${num(y + r * 0.4)}q${num(r * 0.18)},${num(r * 0.6)} ${num(r * 0.36)},0Z`,
        fill: '#f5a623',
      }),
    );
  } else if (/earth|globe|world/.test(l)) {
    sc.add(
      circle(x, y, r * 0.7, '#3b7dd8'),
      el('path', {
        d: `M${num(x - r * 0.4)},${num(y - r * 0.3)}q${num(r * 0.3)},${num(-r * 0.2)} ${num(r * 0.4)},${num(r * 0.1)}t${num(r * 0.1)},${num(r * 0.5)}q${num(-r * 0.4)},${num(r * 0.1)} ${num(-r * 0.5)},${num(-r * 0.6)}Z`,
        fill: '#4caf50',
      }),
    );
    if (/orbit/.test(l))
      sc.add(
        el('ellipse', {
          cx: x,
          cy: y,
          rx: r * 1.05,
          ry: r * 0.35,
          ...stroke,
          transform: `rotate(-20 ${num(x)} ${num(y)})`,
        }),
      );
  } else if (/trans|trajectory|transfer|arc/.test(l)) {
    sc.add(
      circle(x - r * 0.7, y + r * 0.5, r * 0.22, '#3b7dd8'),
      circle(x + r * 0.75, y - r * 0.45, r * 0.16, '#c9c9c9'),
    );
    sc.add(
      el('path', {
        d: `M${num(x - r * 0.5)},${num(y + r * 0.35)}Q${num(x)},${num(y - r * 0.9)} ${num(x + r * 0.55)},${num(y - r * 0.45)}`,
        ...stroke,
        'stroke-dasharray': num(r * 0.15),
      }),
    );
  } else if (/lunar|moon/.test(l) && !/module|descent|landing/.test(l)) {
    sc.add(
      circle(x, y, r * 0.65, '#c9c9c9'),
      circle(x - r * 0.2, y - r * 0.15, r * 0.12, '#a5a5a5'),
      circle(x + r * 0.25, y + r * 0.2, r * 0.09, '#a5a5a5'),
    );
    if (/orbit/.test(l))
      sc.add(
        el('ellipse', {
          cx: x,
          cy: y,
          rx: r * 1.05,
          ry: r * 0.35,
          ...stroke,
          transform: `rotate(-20 ${num(x)} ${num(y)})`,
        }),
      );
  } else if (/descent|landing|lander|module/.test(l)) {
    const gy = /landing/.test(l) ? y + r * 0.55 : y + r * 0.2;
    if (/landing/.test(l))
      sc.add(el('rect', { x: x - r, y: gy, width: r * 2, height: r * 0.3, fill: '#bdbdbd' }));
    sc.add(
      el('path', {
        d: `M${num(x - r * 0.35)},${num(gy - r * 0.9)}h${num(r * 0.7)}l${num(r * 0.15)},${num(r * 0.45)}h${num(-r)}Z`,
        fill: '#d4af37',
        stroke: ink,
        'stroke-width': r * 0.04,
      }),
      el('path', {
        d: `M${num(x - r * 0.4)},${num(gy - r * 0.45)}l${num(-r * 0.25)},${num(r * 0.45)}M${num(x + r * 0.4)},${num(gy - r * 0.45)}l${num(r * 0.25)},${num(r * 0.45)}`,
        ...stroke,
      }),
      el('path', {
        d: `M${num(x - r * 0.2)},${num(gy - r * 0.9)}l${num(r * 0.1)},${num(-r * 0.3)}h${num(r * 0.2)}l${num(r * 0.1)},${num(r * 0.3)}Z`,
        fill: '#e0e0e0',
      }),
    );
  } else if (/pizza/.test(l)) {
    sc.add(
      el('path', {
        d: `M${num(x)},${num(y + r * 0.7)}L${num(x - r * 0.6)},${num(y - r * 0.5)}Q${num(x)},${num(y - r * 0.8)} ${num(x + r * 0.6)},${num(y - r * 0.5)}Z`,
        fill: '#f5c04a',
        stroke: '#c0812b',
        'stroke-width': r * 0.08,
      }),
    );
    sc.add(
      circle(x - r * 0.15, y - r * 0.25, r * 0.1, '#d2382c'),
      circle(x + r * 0.15, y - r * 0.1, r * 0.1, '#d2382c'),
      circle(x, y + r * 0.2, r * 0.08, '#d2382c'),
    );
  } else {
    // A plate of food: a rim with a few colourful bites.
    sc.add(
      circle(x, y, r * 0.75, '#ffffff'),
      el('circle', { cx: x, cy: y, r: r * 0.75, ...stroke, 'stroke-width': r * 0.04 }),
    );
    sc.add(
      circle(x - r * 0.2, y - r * 0.1, r * 0.25, accent),
      circle(x + r * 0.22, y + r * 0.05, r * 0.2, '#6ab04c'),
      circle(x, y + r * 0.3, r * 0.15, '#f0932b'),
    );
  }
}
