import { hsl, mix, toHex, type Hsl } from './colour';
import type { PromptFeatures } from './prompt';
import { misspell, type QualityKnobs } from './quality';
import type { Rand } from './random';
import { displayText, el, num, SvgDoc, textEl } from './svg';

export interface TextOptions {
  x: number;
  y: number;
  size: number;
  fill: string;
  /** Shrinks the font so the text fits this width. */
  maxWidth?: number;
  family?: 'serif' | 'sans';
  weight?: 'normal' | 'bold';
  anchor?: 'start' | 'middle' | 'end';
  letterSpacing?: number;
  italic?: boolean;
}

/** Rough advance width of text in em, for DejaVu fonts. */
export function textWidthEm(text: string, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.32;
    else if (/[\p{Lu}\p{N}]/u.test(ch)) em += 0.7;
    else if (/[il.,'!:;|]/.test(ch)) em += 0.3;
    else em += 0.58;
  }
  return em * (bold ? 1.08 : 1);
}

/** A canvas for one picture with quality-aware drawing helpers. */
export class Scene {
  readonly doc: SvgDoc;
  readonly s: number;
  readonly cx: number;
  readonly cy: number;
  /** Set by `vignette()`; the rasteriser darkens the corners by this much. */
  vignetteStrength = 0;

  constructor(
    readonly w: number,
    readonly h: number,
    readonly features: PromptFeatures,
    readonly knobs: QualityKnobs,
    readonly rand: Rand,
  ) {
    this.doc = new SvgDoc(w, h);
    this.s = Math.min(w, h);
    this.cx = w / 2;
    this.cy = h / 2;
  }

  add(...markup: string[]): void {
    this.doc.add(...markup);
  }

  /** A careless offset: zero for a precise model, up to `px` for a sloppy one. */
  jitter(px: number): number {
    return this.rand.range(-1, 1) * px * this.knobs.sloppiness;
  }

  /** The i-th colour the prompt names, else the fallback nudged per prompt. */
  colour(index: number, fallback: Hsl): Hsl {
    return this.features.colours[index] ?? this.nudged(fallback);
  }

  /** A default colour shifted a little per prompt (never per model), so prompts differ. */
  nudged(fallback: Hsl): Hsl {
    const nudge = ((this.features.promptHash % 1000) / 1000 - 0.5) * 24;
    return hsl(fallback.h + nudge, fallback.s, fallback.l);
  }

  /** A colour as this model renders it: faithful when good, garish and off-hue when bad. */
  tone(c: Hsl): string {
    const bad = 1 - this.knobs.quality;
    return toHex(
      hsl(
        c.h + this.rand.range(-1, 1) * 170 * bad ** 3,
        c.s + (1 - c.s) * bad ** 1.5 * this.rand.range(0.3, 1),
        c.l + this.rand.range(-1, 1) * 0.3 * bad ** 1.5,
      ),
    );
  }

  /** The first colour the prompt names that suits this role (hue within 50 degrees), else the fallback. */
  colourNear(fallback: Hsl): Hsl {
    const near = this.features.colours.find((c) => {
      const d = Math.abs(c.h - fallback.h) % 360;
      return Math.min(d, 360 - d) <= 50 && c.s > 0.2;
    });
    return near ?? this.nudged(fallback);
  }

  /** A gradient between two colours, or the first colour flat when quality is low. */
  fill(from: string, to: string, x2 = 0, y2 = 1): string {
    return this.knobs.smooth
      ? this.doc.linear(
          [
            [0, from],
            [1, to],
          ],
          0,
          0,
          x2,
          y2,
        )
      : from;
  }

  /** A full-canvas vertical background: smooth, or in harsh bands. */
  background(top: string, bottom: string, middle?: string): void {
    const { w, h } = this;
    if (this.knobs.smooth) {
      const stops: Array<[number, string]> = middle
        ? [
            [0, top],
            [0.55, middle],
            [1, bottom],
          ]
        : [
            [0, top],
            [1, bottom],
          ];
      this.add(el('rect', { width: w, height: h, fill: this.doc.linear(stops) }));
      return;
    }
    const bands = 4;
    for (let i = 0; i < bands; i++) {
      const t = i / (bands - 1);
      const colour = middle
        ? t < 0.5
          ? mix(top, middle, t * 2)
          : mix(middle, bottom, (t - 0.5) * 2)
        : mix(top, bottom, t);
      this.add(el('rect', { y: (h * i) / bands, width: w, height: h / bands + 1, fill: colour }));
    }
  }

  /**
   * A soft-edged ellipse. Small ones use a radial gradient; big ones stack translucent
   * ellipses, which reads the same at a fraction of the cost (librsvg radial gradients
   * cost about six times a flat fill per pixel).
   */
  softEllipse(cx: number, cy: number, rx: number, ry: number, colour: string, alpha: number): void {
    if (Math.PI * rx * ry < 200_000) {
      const fill = this.doc.radialBox([
        [0, colour, alpha],
        [0.5, colour, alpha * 0.45],
        [1, colour, 0],
      ]);
      this.add(el('ellipse', { cx, cy, rx, ry, fill }));
      return;
    }
    const steps = 24;
    const layer = 1 - (1 - Math.min(0.95, alpha)) ** (1 / steps);
    for (let i = 0; i < steps; i++) {
      const k = (1 - i / steps) ** 1.3;
      this.add(
        el('ellipse', { cx, cy, rx: rx * k, ry: ry * k, fill: colour, 'fill-opacity': num(layer) }),
      );
    }
  }

  /** A contact shadow: soft and graded when good, hard and offset when bad. */
  shadow(cx: number, cy: number, rx: number, ry: number, strength = 0.35): void {
    if (this.knobs.softShadows) {
      this.softEllipse(cx, cy, rx, ry, '#000000', strength);
      return;
    }
    if (this.knobs.quality < 0.3 && this.rand.chance(0.5)) return;
    this.add(
      el('ellipse', {
        cx: cx + this.jitter(rx * 0.6),
        cy: cy + this.jitter(ry),
        rx: rx * 0.8,
        ry: ry * 0.7,
        fill: '#000000',
        'fill-opacity': strength + 0.2,
      }),
    );
  }

  /** A soft light, or nothing when quality is low. */
  glow(cx: number, cy: number, r: number, colour: string, strength = 0.6): void {
    if (!this.knobs.smooth) return;
    this.softEllipse(cx, cy, r, r, colour, strength);
  }

  /** Darkened corners: a finishing touch only good models add (applied to the pixels). */
  vignette(strength = 0.35): void {
    if (this.knobs.texture) this.vignetteStrength = strength;
  }

  /** Text as the model spells it; returns the font size used. */
  text(content: string, options: TextOptions): number {
    const shown = misspell(displayText(content), this.knobs.misspell, this.rand);
    if (!shown) return 0;
    const bold = options.weight === 'bold';
    let size = options.size;
    if (options.maxWidth) {
      const spacingEm = (options.letterSpacing ?? 0) * [...shown].length;
      size = Math.min(size, options.maxWidth / (textWidthEm(shown, bold) + spacingEm));
    }
    const sloppy = this.knobs.quality < 0.35;
    this.add(
      textEl(
        {
          x: options.x + this.jitter(size * 1.5),
          y: options.y + this.jitter(size * 0.6),
          'font-family':
            options.family === 'serif' && !sloppy
              ? 'DejaVu Serif, serif'
              : 'DejaVu Sans, sans-serif',
          'font-size': size,
          'font-weight': options.weight ?? 'normal',
          'font-style': options.italic ? 'italic' : undefined,
          'text-anchor': options.anchor ?? 'middle',
          'letter-spacing':
            options.letterSpacing !== undefined ? num(options.letterSpacing * size) : undefined,
          fill: options.fill,
          transform: sloppy
            ? `rotate(${num(this.rand.range(-4, 4))} ${num(options.x)} ${num(options.y)})`
            : undefined,
        },
        shown,
      ),
    );
    return size;
  }
}
