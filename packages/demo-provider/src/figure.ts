import { lighten, mix } from './colour';
import { faceFeatures, type FaceBox } from './face-layout';
import { facePath, hairBack, hairFront, mouth, P, shade, type HairStyle } from './figure-parts';
import { el, num, type SvgDoc } from './svg';

export type { HairStyle } from './figure-parts';

export type Outfit = 'shirt' | 'suit' | 'armour' | 'hero';

export interface PersonOptions {
  face: FaceBox;
  /** Canvas bottom: the torso reaches it. */
  bottom: number;
  skin: string;
  hair: string;
  hairStyle: HairStyle;
  outfit: Outfit;
  clothes: string;
  accent: string;
  eyes: string;
  expression: 'neutral' | 'smile';
  /** Gradients and soft shading. */
  smooth: boolean;
  /** Highlights, strands, lashes. */
  detail: boolean;
  /** Sloppy feature placement (zero for a careful drawing). */
  jitter: (px: number) => number;
  beard?: boolean;
  old?: boolean;
}

function eyes(o: PersonOptions): string {
  const { face, jitter } = o;
  const f = faceFeatures(face);
  const smile = o.expression === 'smile';
  let out = '';
  for (const side of [-1, 1] as const) {
    const x = face.cx + side * f.eyeDx + jitter(face.rx * 0.25);
    const y = f.eyeY + jitter(face.ry * 0.12);
    const erx = f.eyeRx * (1 + jitter(0.5));
    const ery = f.eyeRy * (smile ? 0.7 : 1) * (1 + jitter(0.6));
    out += el('ellipse', { cx: x, cy: y, rx: erx, ry: ery, fill: '#f7f4ef' });
    out += el('circle', { cx: x, cy: y, r: ery * 0.95, fill: o.eyes });
    out += el('circle', { cx: x, cy: y, r: ery * 0.45, fill: '#111111' });
    if (o.detail)
      out += el('circle', {
        cx: x - ery * 0.3,
        cy: y - ery * 0.35,
        r: ery * 0.22,
        fill: '#ffffff',
      });
    out += el('path', {
      d: `M${P(x - erx * 1.05, y)}Q${P(x, y - ery * 2)} ${P(x + erx * 1.05, y)}`,
      fill: 'none',
      stroke: '#2a1d18',
      'stroke-width': face.rx * (o.detail ? 0.035 : 0.02),
    });
    const by = f.browY + jitter(face.ry * 0.1) - (smile ? face.ry * 0.02 : 0);
    out += el('path', {
      d: `M${P(x - erx * 1.2, by + face.ry * 0.03)}Q${P(x, by - face.ry * 0.05)} ${P(x + erx * 1.2, by + face.ry * 0.02)}`,
      fill: 'none',
      stroke: lighten(o.hairStyle === 'bald' ? '#4a3a30' : o.hair, -0.15),
      'stroke-width': face.rx * 0.06,
      'stroke-linecap': 'round',
    });
    if (smile && o.detail) {
      const cxe = x + side * erx * 1.1;
      out += el('path', {
        d: `M${P(cxe, y - ery * 0.6)}l${num(side * face.rx * 0.08)},${num(-face.ry * 0.02)}M${P(cxe, y + ery * 0.2)}l${num(side * face.rx * 0.08)},${num(face.ry * 0.02)}`,
        stroke: lighten(o.skin, -0.35),
        'stroke-width': face.rx * 0.015,
      });
    }
  }
  return out;
}
function torso(doc: SvgDoc, o: PersonOptions): string {
  const { cx, cy, rx, ry } = o.face;
  const b = o.bottom + 2;
  const shoulderY = cy + ry * 1.55;
  const d =
    `M${P(cx - rx * 2.8, b)}L${P(cx - rx * 2.7, shoulderY + ry * 0.45)}C${P(cx - rx * 2.6, shoulderY - ry * 0.1)} ${P(cx - rx * 1.4, shoulderY - ry * 0.3)} ${P(cx - rx * 0.5, shoulderY - ry * 0.35)}` +
    `L${P(cx + rx * 0.5, shoulderY - ry * 0.35)}C${P(cx + rx * 1.4, shoulderY - ry * 0.3)} ${P(cx + rx * 2.6, shoulderY - ry * 0.1)} ${P(cx + rx * 2.7, shoulderY + ry * 0.45)}L${P(cx + rx * 2.8, b)}Z`;
  let out = '';
  if (o.outfit === 'hero') {
    const cape = `M${P(cx - rx * 2.3, shoulderY)}C${P(cx - rx * 3.6, shoulderY + ry)} ${P(cx - rx * 4.2, b - ry)} ${P(cx - rx * 4.6, b)}L${P(cx + rx * 2.9, b)}L${P(cx + rx * 2.3, shoulderY)}Z`;
    out += el('path', { d: cape, fill: shade(doc, o.accent, o.smooth) });
  }
  const neck = `M${P(cx - rx * 0.42, cy + ry * 0.55)}L${P(cx - rx * 0.48, shoulderY - ry * 0.2)}Q${P(cx, shoulderY + ry * 0.15)} ${P(cx + rx * 0.48, shoulderY - ry * 0.2)}L${P(cx + rx * 0.42, cy + ry * 0.55)}Z`;
  out += el('path', {
    d: neck,
    fill: o.smooth
      ? doc.linear([
          [0, lighten(o.skin, -0.3)],
          [0.5, lighten(o.skin, -0.08)],
        ])
      : o.skin,
  });
  const metal = o.outfit === 'armour';
  out += el('path', {
    d,
    fill: metal ? shade(doc, '#9aa3ad', o.smooth) : shade(doc, o.clothes, o.smooth),
  });
  if (o.outfit === 'suit') {
    const v = `M${P(cx - rx * 0.55, shoulderY - ry * 0.33)}L${P(cx, shoulderY + ry * 0.9)}L${P(cx + rx * 0.55, shoulderY - ry * 0.33)}Z`;
    out += el('path', { d: v, fill: '#f3f1ec' });
    out += el('path', {
      d: `M${P(cx - rx * 0.12, shoulderY)}L${P(cx + rx * 0.12, shoulderY)}L${P(cx + rx * 0.18, shoulderY + ry * 0.85)}L${P(cx, shoulderY + ry * 1.05)}L${P(cx - rx * 0.18, shoulderY + ry * 0.85)}Z`,
      fill: o.accent,
    });
    out += el('path', {
      d: `M${P(cx - rx * 0.55, shoulderY - ry * 0.33)}L${P(cx - rx * 0.2, shoulderY + ry * 1.1)}L${P(cx - rx * 0.9, shoulderY + ry * 0.2)}ZM${P(cx + rx * 0.55, shoulderY - ry * 0.33)}L${P(cx + rx * 0.2, shoulderY + ry * 1.1)}L${P(cx + rx * 0.9, shoulderY + ry * 0.2)}Z`,
      fill: lighten(o.clothes, -0.25),
    });
  } else if (metal) {
    const pauldron = (side: 1 | -1) =>
      el('ellipse', {
        cx: cx + side * rx * 2.05,
        cy: shoulderY + ry * 0.1,
        rx: rx * 0.95,
        ry: ry * 0.5,
        fill: shade(doc, '#c0c6cc', o.smooth),
        stroke: '#5c636b',
        'stroke-width': rx * 0.04,
      });
    out += pauldron(-1) + pauldron(1);
    out += el('path', {
      d: `M${P(cx - rx * 1.1, shoulderY + ry * 0.2)}Q${P(cx, shoulderY + ry * 0.6)} ${P(cx + rx * 1.1, shoulderY + ry * 0.2)}M${P(cx, shoulderY + ry * 0.45)}L${P(cx, b)}`,
      fill: 'none',
      stroke: '#d9b45a',
      'stroke-width': rx * 0.05,
    });
    if (o.detail)
      out += el('path', {
        // Engraved scrollwork, mirrored about the centre line.
        d: [-1, 1]
          .map((side) => {
            const x0 = cx + side * rx * 0.15;
            const y0 = shoulderY + ry * 0.8;
            return (
              `M${P(x0, y0)}C${P(x0 + side * rx * 0.5, y0 - ry * 0.35)} ${P(x0 + side * rx * 1.0, y0 + ry * 0.2)} ${P(x0 + side * rx * 0.6, y0 + ry * 0.35)}` +
              `C${P(x0 + side * rx * 0.35, y0 + ry * 0.45)} ${P(x0 + side * rx * 0.3, y0 + ry * 0.2)} ${P(x0 + side * rx * 0.5, y0 + ry * 0.18)}` +
              `M${P(x0, y0 + ry * 0.6)}C${P(x0 + side * rx * 0.6, y0 + ry * 0.4)} ${P(x0 + side * rx * 1.2, y0 + ry * 0.9)} ${P(x0 + side * rx * 1.6, y0 + ry * 0.5)}`
            );
          })
          .join(''),
        fill: 'none',
        stroke: '#6d747c',
        'stroke-width': rx * 0.025,
      });
  } else if (o.outfit === 'hero') {
    const ey = shoulderY + ry * 0.55;
    out += el('path', {
      d: `M${P(cx, ey - ry * 0.3)}L${P(cx + rx * 0.5, ey)}L${P(cx, ey + ry * 0.35)}L${P(cx - rx * 0.5, ey)}Z`,
      fill: '#f2c230',
      stroke: lighten(o.accent, -0.3),
      'stroke-width': rx * 0.04,
    });
  } else {
    out += el('path', {
      d: `M${P(cx - rx * 0.5, shoulderY - ry * 0.34)}L${P(cx, shoulderY + ry * 0.25)}L${P(cx + rx * 0.5, shoulderY - ry * 0.34)}`,
      fill: 'none',
      stroke: lighten(o.clothes, -0.3),
      'stroke-width': rx * 0.08,
    });
  }
  return out;
}

/** A stylised head-and-shoulders person. */
export function drawPerson(doc: SvgDoc, o: PersonOptions): void {
  const { face, jitter } = o;
  const { cx, cy, rx, ry } = face;
  const f = faceFeatures(face);
  const parts: string[] = [];
  parts.push(hairBack(doc, face, o.hairStyle, o.hair, o.smooth));
  parts.push(torso(doc, o));
  for (const side of [-1, 1]) {
    parts.push(
      el('ellipse', {
        cx: cx + side * rx * 0.98 + jitter(rx * 0.3),
        cy: cy + ry * 0.08 + jitter(ry * 0.3),
        rx: rx * 0.16,
        ry: ry * 0.22,
        fill: lighten(o.skin, -0.08),
      }),
    );
  }
  const skinFill = o.smooth
    ? doc.linear(
        [
          [0, lighten(o.skin, 0.14)],
          [0.45, o.skin],
          [1, lighten(o.skin, -0.2)],
        ],
        0,
        0,
        1,
        0.2,
      )
    : o.skin;
  parts.push(el('path', { d: facePath(face), fill: skinFill }));
  if (o.smooth) {
    const blush = doc.radialBox([
      [0, mix(o.skin, '#e06a6a', 0.5), o.expression === 'smile' ? 0.5 : 0.25],
      [1, o.skin, 0],
    ]);
    for (const side of [-1, 1])
      parts.push(
        el('ellipse', {
          cx: cx + side * rx * 0.55,
          cy: cy + ry * 0.3,
          rx: rx * 0.28,
          ry: ry * 0.16,
          fill: blush,
        }),
      );
  }
  if (o.beard) {
    parts.push(
      el('path', {
        d: `M${P(cx - rx * 0.95, cy + ry * 0.3)}C${P(cx - rx * 0.8, cy + ry * 1.15)} ${P(cx + rx * 0.8, cy + ry * 1.15)} ${P(cx + rx * 0.95, cy + ry * 0.3)}C${P(cx + rx * 0.5, cy + ry * 0.75)} ${P(cx - rx * 0.5, cy + ry * 0.75)} ${P(cx - rx * 0.95, cy + ry * 0.3)}Z`,
        fill: lighten(o.hair, 0.05),
        'fill-opacity': 0.9,
      }),
    );
  }
  parts.push(hairFront(doc, face, o.hairStyle, o.hair, o.smooth, o.detail));
  parts.push(eyes(o));
  const nx = cx + jitter(rx * 0.3);
  parts.push(
    el('path', {
      d: `M${P(nx - rx * 0.02, f.eyeY + ry * 0.1)}Q${P(nx + rx * 0.06, f.noseY - ry * 0.05)} ${P(nx + rx * 0.12, f.noseY)}Q${P(nx, f.noseY + ry * 0.06)} ${P(nx - rx * 0.12, f.noseY)}`,
      fill: 'none',
      stroke: lighten(o.skin, -0.32),
      'stroke-width': rx * 0.03,
      'stroke-linecap': 'round',
    }),
  );
  if (o.old && o.detail) {
    parts.push(
      el('path', {
        d: `M${P(cx - rx * 0.35, cy - ry * 0.42)}q${num(rx * 0.35)},${num(-ry * 0.05)} ${num(rx * 0.7)},0M${P(cx - rx * 0.3, cy - ry * 0.36)}q${num(rx * 0.3)},${num(-ry * 0.04)} ${num(rx * 0.6)},0M${P(cx - rx * 0.45, f.noseY)}q${num(-rx * 0.05)},${num(ry * 0.2)} ${num(rx * 0.02)},${num(ry * 0.32)}M${P(cx + rx * 0.45, f.noseY)}q${num(rx * 0.05)},${num(ry * 0.2)} ${num(-rx * 0.02)},${num(ry * 0.32)}`,
        fill: 'none',
        stroke: lighten(o.skin, -0.25),
        'stroke-width': rx * 0.018,
      }),
    );
  }
  parts.push(
    mouth(
      doc,
      face,
      o.expression,
      mix(o.skin, '#b04a4a', 0.55),
      o.smooth,
      jitter(rx * 0.4),
      jitter(ry * 0.15),
    ),
  );
  doc.add(...parts);
}
