import { lighten } from './colour';
import { faceFeatures, type FaceBox } from './face-layout';
import { el, num, type SvgDoc } from './svg';

/** Pieces of a drawn face, shared by portraits and by photo edits (a new smile, new hair). */

export type HairStyle = 'bald' | 'short' | 'long' | 'braided';

export const P = (x: number, y: number) => `${num(x)},${num(y)}`;

export function shade(doc: SvgDoc, base: string, smooth: boolean, angled = true): string {
  if (!smooth) return base;
  return doc.linear(
    [
      [0, lighten(base, 0.16)],
      [0.55, base],
      [1, lighten(base, -0.22)],
    ],
    0,
    0,
    1,
    angled ? 0.35 : 0,
  );
}

export function facePath({ cx, cy, rx, ry }: FaceBox): string {
  return (
    `M${P(cx, cy - ry)}C${P(cx + rx * 0.95, cy - ry)} ${P(cx + rx * 1.02, cy - ry * 0.35)} ${P(cx + rx, cy + ry * 0.05)}` +
    `C${P(cx + rx * 0.98, cy + ry * 0.55)} ${P(cx + rx * 0.55, cy + ry)} ${P(cx, cy + ry)}` +
    `C${P(cx - rx * 0.55, cy + ry)} ${P(cx - rx * 0.98, cy + ry * 0.55)} ${P(cx - rx, cy + ry * 0.05)}` +
    `C${P(cx - rx * 1.02, cy - ry * 0.35)} ${P(cx - rx * 0.95, cy - ry)} ${P(cx, cy - ry)}Z`
  );
}

/** Hair that sits on top of the head (drawn after the face). */
export function hairFront(
  doc: SvgDoc,
  face: FaceBox,
  style: HairStyle,
  colour: string,
  smooth: boolean,
  detail: boolean,
): string {
  const { cx, cy, rx, ry } = face;
  const fill = shade(doc, colour, smooth, false);
  if (style === 'bald') {
    const side = (d: 1 | -1) =>
      `M${P(cx + d * rx * 1.01, cy + ry * 0.12)}C${P(cx + d * rx * 1.07, cy - ry * 0.3)} ${P(cx + d * rx * 0.99, cy - ry * 0.42)} ${P(cx + d * rx * 0.86, cy - ry * 0.5)}L${P(cx + d * rx * 0.9, cy - ry * 0.15)}Z`;
    const shine = smooth
      ? el('ellipse', {
          cx: cx - rx * 0.3,
          cy: cy - ry * 0.78,
          rx: rx * 0.32,
          ry: ry * 0.1,
          fill: doc.radialBox([
            [0, '#ffffff', 0.45],
            [1, '#ffffff', 0],
          ]),
        })
      : '';
    return el('path', { d: side(1) + side(-1), fill }) + shine;
  }
  const cap =
    `M${P(cx - rx * 1.04, cy - ry * 0.05)}C${P(cx - rx * 1.14, cy - ry * 1.08)} ${P(cx - rx * 0.5, cy - ry * 1.24)} ${P(cx, cy - ry * 1.2)}` +
    `C${P(cx + rx * 0.5, cy - ry * 1.24)} ${P(cx + rx * 1.14, cy - ry * 1.08)} ${P(cx + rx * 1.04, cy - ry * 0.05)}` +
    `L${P(cx + rx * 0.93, cy - ry * 0.08)}C${P(cx + rx * 0.9, cy - ry * 0.42)} ${P(cx + rx * 0.55, cy - ry * 0.64)} ${P(cx + rx * 0.1, cy - ry * 0.6)}` +
    `C${P(cx - rx * 0.4, cy - ry * 0.5)} ${P(cx - rx * 0.85, cy - ry * 0.45)} ${P(cx - rx * 0.93, cy - ry * 0.08)}Z`;
  let out = el('path', { d: cap, fill });
  if (detail) {
    let strands = '';
    for (let i = 0; i < 7; i++) {
      const t = (i + 0.5) / 7;
      const x0 = cx - rx * 0.9 + t * rx * 1.8;
      strands += `M${P(x0, cy - ry * 0.58 - Math.sin(t * Math.PI) * ry * 0.04)}Q${P(x0 - rx * 0.1, cy - ry * 0.95)} ${P(cx + (t - 0.5) * rx * 0.6, cy - ry * 1.17)}`;
    }
    out += el('path', {
      d: strands,
      fill: 'none',
      stroke: lighten(colour, 0.25),
      'stroke-width': rx * 0.025,
      'stroke-opacity': 0.6,
    });
  }
  return out;
}

/** Hair that falls behind the head and shoulders (drawn before the face). */
export function hairBack(
  doc: SvgDoc,
  face: FaceBox,
  style: HairStyle,
  colour: string,
  smooth: boolean,
): string {
  if (style !== 'long' && style !== 'braided') return '';
  const { cx, cy, rx, ry } = face;
  const d =
    `M${P(cx - rx * 1.18, cy + ry * 1.4)}C${P(cx - rx * 1.5, cy + ry * 0.3)} ${P(cx - rx * 1.4, cy - ry * 1.32)} ${P(cx, cy - ry * 1.27)}` +
    `C${P(cx + rx * 1.4, cy - ry * 1.32)} ${P(cx + rx * 1.5, cy + ry * 0.3)} ${P(cx + rx * 1.18, cy + ry * 1.4)}` +
    `Q${P(cx, cy + ry * 1.6)} ${P(cx - rx * 1.18, cy + ry * 1.4)}Z`;
  let out = el('path', { d, fill: shade(doc, lighten(colour, -0.1), smooth, false) });
  if (style === 'braided') {
    let beads = '';
    let braid = '';
    for (let i = 0; i < 6; i++) {
      const y = cy + ry * (0.35 + i * 0.22);
      const x = cx + rx * (1.12 + Math.sin(i) * 0.03);
      braid += el('ellipse', {
        cx: x,
        cy: y,
        rx: rx * 0.12,
        ry: ry * 0.12,
        fill: colour,
        stroke: lighten(colour, -0.3),
        'stroke-width': rx * 0.02,
      });
      if (i % 2 === 1)
        beads += `M${P(x + rx * 0.06, y)}a${num(rx * 0.04)},${num(rx * 0.04)} 0 1,0 0.1,0Z`;
    }
    out +=
      braid +
      el('path', { d: beads, fill: '#d9b45a', stroke: '#8a6a20', 'stroke-width': rx * 0.03 });
  }
  return out;
}

/** A mouth: a closed neutral line, or a smile with teeth. */
export function mouth(
  doc: SvgDoc,
  face: FaceBox,
  kind: 'neutral' | 'smile',
  lips: string,
  smooth: boolean,
  dx = 0,
  dy = 0,
): string {
  const f = faceFeatures(face);
  const x = face.cx + dx;
  const y = f.mouthY + dy;
  const hw = f.mouthHalfWidth * (kind === 'smile' ? 1.12 : 0.92);
  if (kind === 'neutral') {
    const upper = `M${P(x - hw, y)}Q${P(x - hw * 0.4, y - face.ry * 0.06)} ${P(x, y - face.ry * 0.03)}Q${P(x + hw * 0.4, y - face.ry * 0.06)} ${P(x + hw, y)}Q${P(x, y + face.ry * 0.01)} ${P(x - hw, y)}Z`;
    const lower = `M${P(x - hw * 0.9, y + face.ry * 0.005)}Q${P(x, y + face.ry * 0.1)} ${P(x + hw * 0.9, y + face.ry * 0.005)}Q${P(x, y + face.ry * 0.02)} ${P(x - hw * 0.9, y + face.ry * 0.005)}Z`;
    return (
      el('path', { d: upper, fill: lighten(lips, -0.1) }) +
      el('path', { d: lower, fill: smooth ? shade(doc, lips, true, false) : lips }) +
      el('path', {
        d: `M${P(x - hw, y)}Q${P(x, y + face.ry * 0.015)} ${P(x + hw, y)}`,
        fill: 'none',
        stroke: lighten(lips, -0.45),
        'stroke-width': face.rx * 0.02,
      })
    );
  }
  const lift = face.ry * 0.1;
  const open = `M${P(x - hw, y - lift)}Q${P(x, y + face.ry * 0.03)} ${P(x + hw, y - lift)}Q${P(x, y + face.ry * 0.2)} ${P(x - hw, y - lift)}Z`;
  const teeth = `M${P(x - hw * 0.8, y - lift * 0.55)}Q${P(x, y + face.ry * 0.04)} ${P(x + hw * 0.8, y - lift * 0.55)}Q${P(x, y + face.ry * 0.1)} ${P(x - hw * 0.8, y - lift * 0.55)}Z`;
  return (
    el('path', {
      d: open,
      fill: '#6b1f24',
      stroke: lips,
      'stroke-width': face.rx * 0.05,
      'stroke-linejoin': 'round',
    }) + el('path', { d: teeth, fill: '#f6f1e7' })
  );
}
