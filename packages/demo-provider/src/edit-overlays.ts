import { lighten, rgbToHex } from './colour';
import { faceFeatures } from './face-layout';
import { hairFront, mouth } from './figure-parts';
import { caricatureProps, palm, streaks } from './edit-props';
import type { OverlayContext } from './overlay-context';
import { el, num, SvgDoc } from './svg';

export type { OverlayContext } from './overlay-context';

/** Drawn additions an instruction asks for, as a transparent SVG over the photo. */
export function buildEditOverlay(ctx: OverlayContext): string {
  const { width: w, height: h, face, knobs, rand, intent } = ctx;
  const doc = new SvgDoc(w, h);
  const s = Math.min(w, h);
  const jitter = (px: number) => rand.range(-1, 1) * px * knobs.sloppiness;
  const skin = rgbToHex(...ctx.skin);
  const soft = (colour: string, alpha: number) =>
    knobs.smooth
      ? doc.radialBox([
          [0, colour, alpha],
          [0.6, colour, alpha * 0.8],
          [1, colour, 0],
        ])
      : colour;

  if (intent.night) {
    const x = w * rand.range(0.15, 0.85);
    const y = Math.min(ctx.horizon * 0.45, h * 0.22) + jitter(s * 0.3);
    const r = s * 0.045;
    if (knobs.smooth)
      doc.add(el('circle', { cx: x, cy: y, r: r * 3, fill: soft('#dfe6ff', 0.35) }));
    doc.add(el('circle', { cx: x, cy: y, r, fill: knobs.smooth ? '#fbf6e4' : '#ffff66' }));
  }
  if (intent.drive) {
    const top = ctx.horizon - s * 0.07;
    doc.add(
      el('path', {
        d: `M${num(w)},${num(top - s * 0.08)}Q${num(w * 0.9)},${num(top - s * 0.07)} ${num(w * 0.84)},${num(top + s * 0.07)}H${num(w)}Z`,
        fill: '#7a5a3e',
      }),
    );
    const sunX = w * 0.8 + jitter(s * 0.3);
    if (knobs.smooth)
      doc.add(
        el('circle', { cx: sunX, cy: top - s * 0.05, r: s * 0.15, fill: soft('#ffd27a', 0.6) }),
      );
    doc.add(el('circle', { cx: sunX, cy: top - s * 0.05, r: s * 0.04, fill: '#fff1c2' }));
    for (let i = 0; i < 2 + Math.round(2 * knobs.detail); i++)
      palm(doc, w * rand.range(0.4, 0.98), top + s * 0.07, s * rand.range(0.18, 0.28), jitter);
    streaks(doc, rand, w, h * 0.7, h, Math.round(20 + 30 * knobs.detail), '#ffffff', s * 0.003);
  }
  if (intent.smile) {
    const f = faceFeatures(face);
    doc.add(
      el('ellipse', {
        cx: face.cx,
        cy: f.mouthY,
        rx: f.mouthHalfWidth * 1.45,
        ry: face.ry * 0.13,
        fill: knobs.smooth ? soft(skin, 1) : lighten(skin, rand.range(-0.15, 0.15)),
      }),
    );
    const lips = rgbToHex(ctx.skin[0] * 0.85 + 30, ctx.skin[1] * 0.55, ctx.skin[2] * 0.55);
    doc.add(
      mouth(doc, face, 'smile', lips, knobs.smooth, jitter(face.rx * 0.5), jitter(face.ry * 0.2)),
    );
    if (knobs.smooth) {
      for (const side of [-1, 1])
        doc.add(
          el('ellipse', {
            cx: face.cx + side * face.rx * 0.55,
            cy: face.cy + face.ry * 0.28,
            rx: face.rx * 0.25,
            ry: face.ry * 0.13,
            fill: soft('#e0707a', 0.3),
          }),
        );
    }
    if (knobs.texture) {
      let d = '';
      for (const side of [-1, 1]) {
        const x = face.cx + side * (f.eyeDx + f.eyeRx * 1.25);
        d += `M${num(x)},${num(f.eyeY - f.eyeRy * 0.4)}l${num(side * face.rx * 0.07)},${num(-face.ry * 0.02)}M${num(x)},${num(f.eyeY + f.eyeRy * 0.5)}l${num(side * face.rx * 0.07)},${num(face.ry * 0.03)}`;
      }
      doc.add(el('path', { d, stroke: lighten(skin, -0.35), 'stroke-width': face.rx * 0.015 }));
    }
  }
  if (intent.hair) {
    const colour =
      knobs.quality < 0.35
        ? rgbToHex(rand.range(0, 255), rand.range(0, 120), rand.range(0, 80))
        : rgbToHex(...ctx.hair);
    const shifted = {
      ...face,
      cx: face.cx + jitter(face.rx * 0.4),
      cy: face.cy + jitter(face.ry * 0.25),
    };
    doc.add(hairFront(doc, shifted, 'short', colour, knobs.smooth, knobs.texture));
  }
  if (intent.motion) {
    const hair = rgbToHex(...ctx.hair);
    let d = '';
    const strands = Math.round(10 + 30 * knobs.detail);
    for (let i = 0; i < strands; i++) {
      const a = rand.range(-0.9, 0.6);
      const x0 = face.cx + Math.cos(a - Math.PI / 2) * face.rx * 1.05;
      const y0 = face.cy - face.ry * 0.4 + Math.sin(a) * face.ry * 0.7;
      const len = face.rx * rand.range(0.8, 2.2);
      d += `M${num(x0)},${num(y0)}q${num(len * 0.5)},${num(-face.ry * rand.range(0.05, 0.3))} ${num(len)},${num(face.ry * rand.range(-0.1, 0.25))}`;
    }
    doc.add(
      el('path', {
        d,
        fill: 'none',
        stroke: hair,
        'stroke-width': face.rx * (knobs.texture ? 0.05 : 0.1),
        'stroke-linecap': 'round',
        'stroke-opacity': knobs.smooth ? 0.85 : 1,
      }),
    );
    const leaves = Math.round(6 + 14 * knobs.detail);
    for (let i = 0; i < leaves; i++) {
      const x = w * rand.range(0, 1);
      const y = h * rand.range(0.05, 0.9);
      const r = s * rand.range(0.012, 0.028) * (knobs.smooth ? 1 : 1.8);
      const colour = rand.pick(['#d9822b', '#c8471f', '#e3b23c', '#7aa63a']);
      doc.add(
        el('path', {
          d: `M${num(-r)},0Q0,${num(-r * 0.7)} ${num(r)},0Q0,${num(r * 0.7)} ${num(-r)},0Z`,
          fill: colour,
          transform: `translate(${num(x)} ${num(y)}) rotate(${num(rand.range(0, 180))})`,
        }),
      );
    }
    streaks(doc, rand, w, 0, h, Math.round(15 + 25 * knobs.detail), '#ffffff', s * 0.002);
  }
  if (intent.caricature) caricatureProps(doc, ctx, jitter);
  if (intent.painted) {
    const clouds = 2 + Math.round(3 * knobs.detail);
    for (let i = 0; i < clouds; i++) {
      const cx = w * ((i + rand.range(0.2, 0.8)) / clouds);
      const cy = Math.max(s * 0.08, ctx.horizon * rand.range(0.2, 0.6)) + jitter(s * 0.3);
      const size = s * rand.range(0.08, 0.14);
      let d = '';
      for (let k = 0; k < 5; k++) {
        const t = k / 4 - 0.5;
        const r = size * (0.6 - Math.abs(t) * 0.5);
        d += `M${num(cx + t * size * 1.8 - r)},${num(cy - r * 0.3)}a${num(r)},${num(r)} 0 1,0 ${num(2 * r)},0a${num(r)},${num(r)} 0 1,0 ${num(-2 * r)},0`;
      }
      doc.add(el('path', { d, fill: '#fffaf0', 'fill-opacity': knobs.smooth ? 0.85 : 1 }));
    }
    let grass = '';
    for (let i = 0; i < Math.round(40 + 120 * knobs.detail); i++) {
      const x = w * rand.range(0, 1);
      const y = h * rand.range(0.88, 1.02);
      grass += `M${num(x)},${num(y)}q${num(s * 0.005)},${num(-s * 0.03)} ${num(s * rand.range(-0.01, 0.02))},${num(-s * rand.range(0.03, 0.06))}`;
    }
    doc.add(
      el('path', {
        d: grass,
        fill: 'none',
        stroke: '#4f8a3a',
        'stroke-width': s * 0.004,
        'stroke-linecap': 'round',
      }),
    );
  }
  return doc.toString();
}
