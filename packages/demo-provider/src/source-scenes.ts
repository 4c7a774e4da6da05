import { portraitFace } from './face-layout';
import { drawPerson, type PersonOptions } from './figure';
import type { Scene } from './scene';
import { critter, speciesIn } from './scenes/critters';
import { drawLandscape } from './scenes/landscape';
import type { SourceImageKind } from './source-kinds';
import { el, num } from './svg';

/** What each photo shows; the words also steer the shared scene painters. */
export const SOURCE_DESCRIPTIONS: Record<SourceImageKind, string> = {
  'neutral-portrait': 'studio portrait of a woman with a neutral expression',
  'bald-man': 'studio portrait of a bald man',
  'man-and-car': 'a man standing next to his car on a road under a blue sky',
  'mountain-day': 'mountain landscape in daylight with a lake and pine trees',
  'tv-anchor-with-dog': 'a tv news anchor in a suit at the studio desk with his dog',
  'portrait-hair': 'outdoor portrait of a woman with long hair in a park',
  'countryside-photo': 'green countryside meadow with flowers, a cottage and trees',
};

function person(sc: Scene, overrides: Partial<PersonOptions>): void {
  drawPerson(sc.doc, {
    face: portraitFace(sc.w, sc.h),
    bottom: sc.h,
    skin: '#e0b896',
    hair: '#3b2a1e',
    hairStyle: 'short',
    outfit: 'shirt',
    clothes: '#4a6a8a',
    accent: '#a83232',
    eyes: '#5b3a21',
    expression: 'neutral',
    smooth: true,
    detail: true,
    jitter: () => 0,
    ...overrides,
  });
}

function studio(sc: Scene, top: string, bottom: string): void {
  sc.background(top, bottom);
  sc.glow(sc.w * 0.5, sc.h * 0.42, sc.s * 0.45, '#ffffff', 0.25);
}

function car(sc: Scene, x: number, groundY: number, length: number): void {
  const h = length * 0.32;
  const body = `M${num(x)},${num(groundY - h * 0.35)}q0,${num(-h * 0.45)} ${num(length * 0.12)},${num(-h * 0.5)}l${num(length * 0.16)},${num(-h * 0.05)}l${num(length * 0.14)},${num(-h * 0.4)}h${num(length * 0.32)}l${num(length * 0.14)},${num(h * 0.4)}l${num(length * 0.08)},${num(h * 0.02)}q${num(length * 0.04)},${num(h * 0.1)} ${num(length * 0.04)},${num(h * 0.45)}v${num(h * 0.28)}h${num(-length)}Z`;
  sc.shadow(x + length * 0.5, groundY, length * 0.58, h * 0.12, 0.5);
  sc.add(
    el('path', {
      d: body,
      fill: sc.doc.linear([
        [0, '#e0463c'],
        [0.6, '#b3241d'],
        [1, '#7a1712'],
      ]),
    }),
  );
  sc.add(
    el('path', {
      d: `M${num(x + length * 0.31)},${num(groundY - h * 0.92)}l${num(length * 0.11)},${num(-h * 0.32)}h${num(length * 0.12)}v${num(h * 0.32)}ZM${num(x + length * 0.57)},${num(groundY - h * 0.92)}v${num(-h * 0.32)}h${num(length * 0.13)}l${num(length * 0.1)},${num(h * 0.32)}Z`,
      fill: sc.doc.linear([
        [0, '#cfe6f5'],
        [1, '#7fa6c2'],
      ]),
    }),
  );
  sc.add(
    el('rect', {
      x: x + length * 0.9,
      y: groundY - h * 0.72,
      width: length * 0.08,
      height: h * 0.12,
      rx: h * 0.04,
      fill: '#fff3c4',
    }),
  );
  for (const wx of [0.22, 0.78]) {
    sc.add(
      el('circle', { cx: x + length * wx, cy: groundY - h * 0.12, r: h * 0.3, fill: '#1d1d1f' }),
    );
    sc.add(
      el('circle', { cx: x + length * wx, cy: groundY - h * 0.12, r: h * 0.15, fill: '#b9bec4' }),
    );
  }
}

export const SOURCE_PAINTERS: Record<SourceImageKind, (sc: Scene) => void> = {
  'neutral-portrait': (sc) => {
    studio(sc, '#b9c4cc', '#6e7b86');
    person(sc, {
      hairStyle: 'long',
      hair: '#5a3a22',
      clothes: '#2f4f6f',
      skin: '#e8c2a0',
      eyes: '#3f6a8a',
    });
  },
  'bald-man': (sc) => {
    studio(sc, '#c9c1b5', '#7d7267');
    person(sc, {
      hairStyle: 'bald',
      hair: '#4a3a30',
      skin: '#d6a47e',
      clothes: '#5b6b4a',
      beard: true,
    });
  },
  'portrait-hair': (sc) => {
    sc.background('#9fc7e8', '#5f8f4a', '#a9cf8a');
    // Out-of-focus park greenery behind the subject.
    for (let i = 0; i < 14; i++) {
      const green = ['#4f7f3a', '#6a9a4a', '#3f6a2f', '#86b35c'][i % 4] ?? '#4f7f3a';
      sc.add(
        el('circle', {
          cx: sc.w * sc.rand.range(-0.05, 1.05),
          cy: sc.h * sc.rand.range(0.35, 0.75),
          r: sc.s * sc.rand.range(0.08, 0.16),
          fill: green,
          'fill-opacity': 0.55,
        }),
      );
    }
    person(sc, {
      hairStyle: 'long',
      hair: '#7a4a26',
      clothes: '#c8553d',
      skin: '#efc9a8',
      eyes: '#4f6b3a',
    });
  },
  'tv-anchor-with-dog': (sc) => {
    const { w, h, s } = sc;
    sc.background('#0d2447', '#163a6b');
    sc.add(
      el('rect', {
        x: w * 0.06,
        y: h * 0.08,
        width: w * 0.3,
        height: h * 0.2,
        rx: s * 0.01,
        fill: '#2f6fb0',
        'fill-opacity': 0.6,
      }),
    );
    sc.add(
      el('rect', {
        x: w * 0.64,
        y: h * 0.08,
        width: w * 0.3,
        height: h * 0.2,
        rx: s * 0.01,
        fill: '#2f6fb0',
        'fill-opacity': 0.6,
      }),
    );
    sc.text('NEWS', { x: w * 0.21, y: h * 0.21, size: s * 0.07, weight: 'bold', fill: '#ffffff' });
    sc.glow(w * 0.5, h * 0.4, s * 0.4, '#5fa0ff', 0.25);
    person(sc, {
      outfit: 'suit',
      clothes: '#22252b',
      accent: '#b3202a',
      hair: '#2b1d14',
      skin: '#e2b48f',
    });
    sc.add(
      el('rect', {
        x: 0,
        y: h * 0.8,
        width: w,
        height: h * 0.2,
        fill: sc.doc.linear([
          [0, '#e9eef5'],
          [0.08, '#b8c4d2'],
          [1, '#6b7a8c'],
        ]),
      }),
    );
    const dog = speciesIn(sc).find((sp) => sp.ears === 'floppy');
    if (dog) critter(sc, dog, w * 0.82, h * 0.82, s * 0.26);
  },
  'man-and-car': (sc) => {
    const { w, h, s } = sc;
    sc.background('#4f8fd6', '#d5e8f5');
    sc.add(
      el('rect', {
        x: 0,
        y: h * 0.62,
        width: w,
        height: h * 0.38,
        fill: sc.doc.linear([
          [0, '#8a8f96'],
          [1, '#4e535a'],
        ]),
      }),
    );
    sc.add(
      el('path', {
        d: `M0,${num(h * 0.62)}Q${num(w * 0.5)},${num(h * 0.56)} ${num(w)},${num(h * 0.62)}Z`,
        fill: '#7aa05a',
      }),
    );
    sc.add(
      el('path', {
        d: `M0,${num(h * 0.85)}H${num(w)}`,
        stroke: '#f2f2f2',
        'stroke-width': s * 0.01,
        'stroke-dasharray': `${num(s * 0.08)} ${num(s * 0.06)}`,
      }),
    );
    car(sc, w * 0.42, h * 0.9, s * 0.56);
    const face = { cx: w * 0.24, cy: h * 0.36, rx: s * 0.055, ry: s * 0.072 };
    const hip = h * 0.68;
    sc.shadow(face.cx + s * 0.05, h * 0.92, s * 0.1, s * 0.015, 0.45);
    sc.add(
      el('path', {
        d: `M${num(face.cx - s * 0.07)},${num(hip)}h${num(s * 0.14)}l${num(-s * 0.01)},${num(h * 0.92 - hip)}h${num(-s * 0.05)}l${num(-s * 0.01)},${num(-(h * 0.92 - hip) * 0.7)}l${num(-s * 0.01)},${num((h * 0.92 - hip) * 0.7)}h${num(-s * 0.05)}Z`,
        fill: '#2d3a4f',
      }),
    );
    drawPerson(sc.doc, {
      face,
      bottom: hip,
      skin: '#d9a57f',
      hair: '#2b1d14',
      hairStyle: 'short',
      outfit: 'shirt',
      clothes: '#e8e2d4',
      accent: '#333333',
      eyes: '#3b2a1e',
      expression: 'neutral',
      smooth: true,
      detail: true,
      jitter: () => 0,
    });
  },
  'mountain-day': (sc) => drawLandscape(sc),
  'countryside-photo': (sc) => {
    drawLandscape(sc);
    const { w, h, s } = sc;
    const x = w * 0.62;
    const y = h * 0.74;
    const hw = s * 0.14;
    sc.shadow(x + hw * 0.6, y, hw * 1.1, s * 0.02, 0.4);
    sc.add(
      el('rect', { x: x - hw / 2, y: y - hw * 0.7, width: hw, height: hw * 0.7, fill: '#f1e6cf' }),
    );
    sc.add(
      el('path', {
        d: `M${num(x - hw * 0.62)},${num(y - hw * 0.68)}L${num(x)},${num(y - hw * 1.2)}L${num(x + hw * 0.62)},${num(y - hw * 0.68)}Z`,
        fill: '#a5452f',
      }),
    );
    sc.add(
      el('rect', {
        x: x - hw * 0.1,
        y: y - hw * 0.38,
        width: hw * 0.2,
        height: hw * 0.38,
        fill: '#6b4226',
      }),
    );
    sc.add(
      el('rect', {
        x: x - hw * 0.38,
        y: y - hw * 0.55,
        width: hw * 0.18,
        height: hw * 0.15,
        fill: '#9fd0f0',
      }),
    );
    sc.add(
      el('path', {
        d: `M${num(x)},${num(y)}Q${num(x - s * 0.05)},${num(h * 0.88)} ${num(x - s * 0.25)},${num(h + 5)}`,
        stroke: '#d8c49a',
        'stroke-width': s * 0.03,
        fill: 'none',
      }),
    );
  },
};
