import { describe, expect, it } from 'vitest';
import { catalogSchema, DEFAULT_CATALOG_FILE, loadCatalog } from '../src';

describe('catalog file', () => {
  it('ships a valid demo catalog with the seed models and challenges', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG_FILE);
    expect(catalog.models.map((m) => m.name)).toEqual([
      'Nano Banana',
      'Nano Banana 2',
      'Nano Banana Pro',
      'GPT Image 1.5',
      'Stable Diffusion 3.5 Large',
      'ImagineArt 1.5 (Preview)',
    ]);
    expect(catalog.challenges.filter((c) => c.arena === 'text-to-image')).toHaveLength(11);
    expect(catalog.challenges.filter((c) => c.arena === 'image-editing')).toHaveLength(7);
    // Every model runs offline, and only known prices are set.
    for (const model of catalog.models) {
      expect(model.offerings.some((o) => o.provider === 'demo')).toBe(true);
    }
    const nb2 = catalog.models.find((m) => m.slug === 'nano-banana-2')!;
    expect(nb2.offerings.find((o) => o.provider === 'replicate')!.prices).toEqual({
      '1K': 0.067,
      '2K': 0.101,
      '4K': 0.151,
    });
    // Every model has a 1K price somewhere: the price charts show them all.
    for (const model of catalog.models) {
      expect(
        model.offerings.some((o) => typeof o.prices['1K'] === 'number'),
        model.slug,
      ).toBe(true);
    }
  });

  it('explains what is wrong with a broken catalog', () => {
    const result = catalogSchema.safeParse({
      categories: [{ slug: 'a', name: 'A', arena: 'text-to-image' }],
      providers: [],
      models: [
        {
          slug: 'm',
          name: 'M',
          creator: 'C',
          arenas: ['text-to-image'],
          offerings: [{ provider: 'nope', providerModelId: 'x' }],
        },
      ],
      challenges: [{ slug: 'c', title: 'C', arena: 'image-editing', category: 'a', prompt: 'p' }],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toContain('models.0.offerings.0.provider: unknown provider "nope"');
    expect(messages).toContain('challenges.0.category: category "a" belongs to text-to-image');
    expect(messages).toContain(
      'challenges.0.sourceImage: an image-editing challenge needs a source image',
    );
  });
});
