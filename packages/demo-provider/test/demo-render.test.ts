import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildDemoSvg, renderDemoImage } from '../src';
import { escapeXml } from '../src/svg';

const LOGO =
  'Vintage minimalist restaurant logo for "Caffè Florian", retro cloche dome with steam and "Est. 1720" banner, warm brown and cream tones.';

const PROMPTS: Record<string, string> = {
  logo: LOGO,
  night: 'A starry night over the mountains and a quiet lake',
  isometric:
    "Isometric diorama of Japan's signature dish: sushi. At top-center: 'JAPAN' in large bold text, 'SUSHI' below it, small flag icon.",
  mandala: 'Perfectly symmetrical mandala made entirely of real flowers',
  portrait: 'Close portrait of a battle-worn paladin in plate armor, warm torchlight',
  'still-life':
    'A glass cube on a wooden table. Inside the cube is a small blue sphere. On top of the cube sits a red book.',
  infographic:
    'Infographic poster about Apollo 11. Steps: 1. Launch 2. Earth Orbit 3. Translunar 4. Landing',
  landscape: 'Fluffy baby animals, a puppy and a bunny, in a wildflower meadow at sunrise',
};

const base = { modelSlug: 'model-a', quality: 0.7, attempt: 1, seed: 42, width: 256, height: 256 };

describe('renderDemoImage', () => {
  it.each(Object.entries(PROMPTS))(
    'draws the %s scene as a PNG of the requested size',
    async (scene, prompt) => {
      expect(buildDemoSvg({ ...base, prompt }).scene).toBe(scene);
      const png = await renderDemoImage({ ...base, prompt, width: 320, height: 200 });
      const meta = await sharp(png).metadata();
      expect(meta.format).toBe('png');
      expect([meta.width, meta.height]).toEqual([320, 200]);
    },
  );

  it.each([0, 0.2, 0.5, 0.8, 1])('renders every quality level (%s)', async (quality) => {
    const png = await renderDemoImage({ ...base, prompt: LOGO, quality, width: 300, height: 420 });
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 300, 420]);
  });

  it('is deterministic for the same inputs', async () => {
    const a = await renderDemoImage({ ...base, prompt: LOGO });
    const b = await renderDemoImage({ ...base, prompt: LOGO });
    expect(a.equals(b)).toBe(true);
  });

  it('differs by model, by prompt and by attempt', async () => {
    const reference = await renderDemoImage({ ...base, prompt: LOGO });
    const variants = await Promise.all([
      renderDemoImage({ ...base, prompt: LOGO, modelSlug: 'model-b' }),
      renderDemoImage({ ...base, prompt: `${LOGO} ` }),
      renderDemoImage({ ...base, prompt: LOGO, attempt: 2 }),
      renderDemoImage({ ...base, prompt: LOGO, seed: 43 }),
    ]);
    for (const variant of variants) expect(variant.equals(reference)).toBe(false);
  });

  it('renders prompts full of quotes, ampersands, markup, emoji and control characters', async () => {
    const prompt =
      'Logo for "Tom & Jerry’s <Caffè>" — “naïve” \'café\' 🍣🏳️‍🌈 \u0000\u0007 </svg><script>alert(1)</script> ]]>';
    const { svg } = buildDemoSvg({ ...base, prompt });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Tom &amp; Jerry’s &lt;Caffè&gt;');
    const png = await renderDemoImage({ ...base, prompt, quality: 1 });
    expect((await sharp(png).metadata()).format).toBe('png');
  });

  it('never names the model in the picture', () => {
    for (const [name, prompt] of Object.entries(PROMPTS)) {
      for (const quality of [0.1, 0.9]) {
        const { svg } = buildDemoSvg({ ...base, prompt, quality, modelSlug: 'secret-model-slug' });
        expect(svg, name).not.toMatch(/secret|model-slug/i);
      }
    }
  });

  it('spells quoted text correctly at high quality and makes typos at low quality', () => {
    const good = buildDemoSvg({ ...base, prompt: LOGO, quality: 0.95 }).svg;
    expect(good).toContain('Caffè Florian');
    expect(good).toContain('Est. 1720');
    const careless = Array.from(
      { length: 8 },
      (_, attempt) => buildDemoSvg({ ...base, prompt: LOGO, quality: 0.1, attempt }).svg,
    );
    expect(careless.filter((svg) => !svg.includes('Caffè Florian')).length).toBeGreaterThan(0);
  });

  it('gives careless models grainy, artefact-ridden pictures', async () => {
    // Share of neighbouring pixels that differ a little: grain and compression artefacts,
    // where clean flat fills and smooth gradients differ by 0-2 levels and edges by more.
    const grain = async (quality: number) => {
      const png = await renderDemoImage({ ...base, prompt: LOGO, quality });
      const data = await sharp(png).greyscale().raw().toBuffer();
      let small = 0;
      for (let i = 1; i < data.length; i++) {
        const d = Math.abs((data[i] ?? 0) - (data[i - 1] ?? 0));
        if (d >= 3 && d <= 30) small++;
      }
      return small / data.length;
    };
    const careless = await grain(0.05);
    const careful = await grain(0.95);
    expect(careless).toBeGreaterThan(careful * 3);
  });

  it('bounds the drawing size of very large pictures', async () => {
    const png = await renderDemoImage({
      ...base,
      prompt: PROMPTS.night ?? '',
      width: 2048,
      height: 2048,
    });
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 2048]);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0001\uFFFE`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  it('keeps accents, dashes and paired emoji surrogates, drops lone surrogates', () => {
    expect(escapeXml('Caffè — 🍣')).toBe('Caffè — 🍣');
    expect(escapeXml('a\uD800b\uDC00c')).toBe('abc');
  });
});
