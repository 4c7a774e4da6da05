/** Small, safe SVG building blocks: every attribute and text node goes through escaping. */

// Characters XML 1.0 forbids (librsvg refuses the whole document if one slips in).
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Text as the picture shows it: no emoji (the machine has no colour emoji font and would
 * draw empty boxes), no zero-width joiners, single spaces.
 */
export function displayText(text: string): string {
  return text
    .replace(
      /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200D|\uFE0E|\uFE0F|\u20E3/gu,
      '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Rounds coordinates to one decimal to keep documents small. */
export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export type Attrs = Record<string, string | number | undefined>;

function attrs(values: Attrs): string {
  let out = '';
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out += ` ${key}="${escapeXml(typeof value === 'number' ? num(value) : value)}"`;
  }
  return out;
}

export function el(tag: string, values: Attrs, children?: string): string {
  return children === undefined
    ? `<${tag}${attrs(values)}/>`
    : `<${tag}${attrs(values)}>${children}</${tag}>`;
}

export function textEl(values: Attrs, content: string): string {
  return el('text', values, escapeXml(content));
}

export type Stop = [offset: number, colour: string, opacity?: number];

function stops(list: Stop[]): string {
  return list
    .map(([offset, colour, opacity]) =>
      el('stop', { offset, 'stop-color': colour, 'stop-opacity': opacity }),
    )
    .join('');
}

/** Collects defs and body; gradients get generated ids and come back as `url(#id)`. */
export class SvgDoc {
  private readonly defs: string[] = [];
  private readonly body: string[] = [];
  private nextId = 0;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {}

  add(...markup: string[]): void {
    this.body.push(...markup);
  }

  linear(list: Stop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
    const id = `g${this.nextId++}`;
    this.defs.push(el('linearGradient', { id, x1, y1, x2, y2 }, stops(list)));
    return `url(#${id})`;
  }

  /** A radial gradient in user space, so one gradient can shade many shapes as a whole. */
  radial(list: Stop[], cx: number, cy: number, r: number, fx = cx, fy = cy): string {
    const id = `g${this.nextId++}`;
    this.defs.push(
      el('radialGradient', { id, gradientUnits: 'userSpaceOnUse', cx, cy, r, fx, fy }, stops(list)),
    );
    return `url(#${id})`;
  }

  /** A radial gradient relative to each shape's bounding box. */
  radialBox(list: Stop[], cx = 0.5, cy = 0.5, r = 0.5): string {
    const id = `g${this.nextId++}`;
    this.defs.push(el('radialGradient', { id, cx, cy, r }, stops(list)));
    return `url(#${id})`;
  }

  define(markupWithId: (id: string) => string): string {
    const id = `d${this.nextId++}`;
    this.defs.push(markupWithId(id));
    return id;
  }

  /** The document, drawn in a width x height space and rasterised at `scale`. */
  toString(scale = 1): string {
    const outW = Math.max(1, Math.round(this.width * scale));
    const outH = Math.max(1, Math.round(this.height * scale));
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"` +
      ` width="${outW}" height="${outH}" viewBox="0 0 ${this.width} ${this.height}">` +
      `<defs>${this.defs.join('')}</defs>${this.body.join('')}</svg>`
    );
  }
}
