/** A valid draft challenge for the operator endpoints, with any field replaced. */
export const draft = (slug: string, fields: Record<string, unknown> = {}) => ({
  slug,
  title: `Draft ${slug}`,
  arena: 'text-to-image',
  category: 'photorealism',
  prompt: 'A lighthouse at dawn.',
  ...fields,
});
