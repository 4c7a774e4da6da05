import { COLOUR_WORDS, hsl, lighten } from '../colour';
import type { Scene } from '../scene';
import { el, num } from '../svg';

function logoName(sc: Scene): string {
  const f = sc.features;
  return f.quoted[0] ?? f.title ?? 'Studio';
}

/** The emblem's picture: a cloche with steam, a cup, or a star. */
function motif(sc: Scene, x: number, y: number, size: number, ink: string): void {
  const f = sc.features;
  const stroke = {
    fill: 'none',
    stroke: ink,
    'stroke-width': size * 0.05,
    'stroke-linecap': 'round' as const,
  };
  const steam = (top: number) => {
    let d = '';
    for (let i = -1; i <= 1; i++) {
      const sx = x + i * size * 0.22 + sc.jitter(size * 0.2);
      d += sc.knobs.smooth
        ? `M${num(sx)},${num(top)}c${num(size * 0.12)},${num(-size * 0.1)} ${num(-size * 0.12)},${num(-size * 0.2)} 0,${num(-size * 0.3)}s${num(-size * 0.12)},${num(-size * 0.2)} 0,${num(-size * 0.3)}`
        : `M${num(sx)},${num(top)}l${num(size * 0.1)},${num(-size * 0.15)}l${num(-size * 0.1)},${num(-size * 0.15)}l${num(size * 0.1)},${num(-size * 0.15)}`;
    }
    sc.add(el('path', { d, ...stroke, 'stroke-width': size * 0.035 }));
  };
  if (f.has('cloche', 'dome', 'restaurant', 'food', 'chef', 'bistro')) {
    const base = y + size * 0.35;
    sc.add(
      el('path', {
        d: `M${num(x - size * 0.62)},${num(base)}A${num(size * 0.62)},${num(size * 0.58)} 0 0,1 ${num(x + size * 0.62)},${num(base)}Z`,
        fill: sc.fill(lighten(ink, 0.25), ink, 1, 0.4),
      }),
      el('rect', {
        x: x - size * 0.78,
        y: base,
        width: size * 1.56,
        height: size * 0.08,
        rx: size * 0.04,
        fill: ink,
      }),
      el('circle', { cx: x, cy: base - size * 0.62, r: size * 0.07, fill: ink }),
    );
    if (sc.knobs.texture)
      sc.add(
        el('path', {
          d: `M${num(x - size * 0.4)},${num(base - size * 0.15)}A${num(size * 0.45)},${num(size * 0.42)} 0 0,1 ${num(x - size * 0.05)},${num(base - size * 0.5)}`,
          fill: 'none',
          stroke: '#ffffff',
          'stroke-opacity': 0.55,
          'stroke-width': size * 0.04,
          'stroke-linecap': 'round',
        }),
      );
    steam(base - size * 0.75);
  } else if (f.has('coffee', 'cafe', 'caffè', 'café', 'tea', 'espresso')) {
    const top = y - size * 0.05;
    sc.add(
      el('path', {
        d: `M${num(x - size * 0.45)},${num(top)}h${num(size * 0.9)}l${num(-size * 0.1)},${num(size * 0.45)}q${num(-size * 0.35)},${num(size * 0.15)} ${num(-size * 0.7)},0Z`,
        fill: ink,
      }),
      el('path', {
        d: `M${num(x + size * 0.42)},${num(top + size * 0.08)}q${num(size * 0.3)},0 ${num(size * 0.2)},${num(size * 0.22)}`,
        ...stroke,
      }),
      el('ellipse', { cx: x, cy: top + size * 0.5, rx: size * 0.65, ry: size * 0.08, fill: ink }),
    );
    steam(top - size * 0.1);
  } else {
    let d = '';
    for (let i = 0; i < 16; i++) {
      const a = (i / 16) * Math.PI * 2 - Math.PI / 2;
      const r = i % 2 === 0 ? size * 0.6 : size * 0.25;
      d += `${i === 0 ? 'M' : 'L'}${num(x + Math.cos(a) * r + sc.jitter(size * 0.08))},${num(y + Math.sin(a) * r)}`;
    }
    sc.add(el('path', { d: `${d}Z`, fill: ink }));
  }
}

/** A round vintage emblem: rings, a motif, the quoted name and a ribbon with the second quote. */
export function drawLogo(sc: Scene): void {
  const f = sc.features;
  const { w, h, s } = sc;
  const main = sc.colour(0, hsl(24, 0.42, 0.3));
  const light = f.words.has('cream')
    ? (COLOUR_WORDS.cream ?? hsl(40, 0.62, 0.88))
    : hsl(main.h + 15, 0.4, 0.9);
  const paper = sc.tone(hsl(light.h, light.s * 0.7, Math.min(0.95, light.l + 0.05)));
  sc.background(paper, lighten(paper, -0.06));
  if (sc.knobs.texture) {
    let d = '';
    for (let i = 0; i < 500; i++) {
      const x = sc.rand.range(0, w);
      const y = sc.rand.range(0, h);
      d += `M${num(x)},${num(y)}h${num(s * 0.002)}v${num(s * 0.002)}h${num(-s * 0.002)}z`;
    }
    sc.add(el('path', { d, fill: '#000000', 'fill-opacity': 0.08 }));
  }
  const ink = sc.tone(main);
  const cream = sc.tone(light);
  const cx = sc.cx + sc.jitter(s * 0.12);
  const cy = sc.cy + sc.jitter(s * 0.1);
  const R = s * 0.38;
  sc.shadow(cx + s * 0.01, cy + R * 0.98, R * 0.9, R * 0.1, 0.3);
  sc.add(
    el('circle', {
      cx,
      cy,
      r: R,
      fill: cream,
      stroke: ink,
      'stroke-width': R * 0.05,
      'stroke-dasharray': sc.knobs.quality < 0.3 ? `${num(R * 0.6)} ${num(R * 0.15)}` : undefined,
    }),
  );
  sc.add(
    el('circle', {
      cx: cx + sc.jitter(R * 0.1),
      cy,
      r: R * 0.88,
      fill: 'none',
      stroke: ink,
      'stroke-width': R * 0.012,
    }),
  );
  if (sc.knobs.texture) {
    let dots = '';
    for (let i = 0; i < 48; i++) {
      const a = (i / 48) * Math.PI * 2;
      const r = R * 0.94;
      dots += `M${num(cx + Math.cos(a) * r)},${num(cy + Math.sin(a) * r - R * 0.008)}l${num(R * 0.008)},${num(R * 0.008)}l${num(-R * 0.008)},${num(R * 0.008)}l${num(-R * 0.008)},${num(-R * 0.008)}z`;
    }
    sc.add(el('path', { d: dots, fill: ink }));
  }
  motif(sc, cx + sc.jitter(R * 0.3), cy - R * 0.32 + sc.jitter(R * 0.3), R * 0.42, ink);

  const name = logoName(sc);
  const size = sc.text(name, {
    x: cx,
    y: cy + R * 0.3,
    size: R * 0.26,
    maxWidth: R * 1.55,
    family: 'serif',
    weight: 'bold',
    fill: ink,
  });
  if (sc.knobs.texture) {
    const lineY = cy + R * 0.3 - size * 1.05;
    sc.add(
      el('path', {
        d: `M${num(cx - R * 0.55)},${num(lineY)}h${num(R * 0.35)}M${num(cx + R * 0.2)},${num(lineY)}h${num(R * 0.35)}`,
        stroke: ink,
        'stroke-width': R * 0.01,
      }),
    );
  }
  const banner = f.quoted[1];
  if (banner) {
    const by = cy + R * 0.55 + sc.jitter(R * 0.2);
    const bw = R * 1.25;
    const bh = R * 0.2;
    const bx = cx + sc.jitter(R * 0.25);
    const tail =
      `M${num(bx - bw / 2 - bh * 0.9)},${num(by - bh * 0.2)}h${num(bh * 1.2)}v${num(bh)}h${num(-bh * 1.2)}l${num(bh * 0.4)},${num(-bh * 0.5)}Z` +
      `M${num(bx + bw / 2 + bh * 0.9)},${num(by - bh * 0.2)}h${num(-bh * 1.2)}v${num(bh)}h${num(bh * 1.2)}l${num(-bh * 0.4)},${num(-bh * 0.5)}Z`;
    sc.add(el('path', { d: tail, fill: lighten(ink, -0.2) }));
    sc.add(
      el('path', {
        d: `M${num(bx - bw / 2)},${num(by - bh / 2)}Q${num(bx)},${num(by - bh * 0.8)} ${num(bx + bw / 2)},${num(by - bh / 2)}v${num(bh)}Q${num(bx)},${num(by + bh * 0.2)} ${num(bx - bw / 2)},${num(by + bh / 2)}Z`,
        fill: sc.fill(lighten(ink, 0.1), ink),
      }),
    );
    sc.text(banner, {
      x: bx,
      y: by + bh * 0.22,
      size: bh * 0.55,
      maxWidth: bw * 0.8,
      family: 'serif',
      fill: cream,
      letterSpacing: 0.12,
    });
  }
  sc.vignette(0.15);
}
