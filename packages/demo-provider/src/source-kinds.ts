/** Source photos for the image-editing challenges, one per kind. */
export const SOURCE_IMAGE_KINDS = [
  'neutral-portrait',
  'bald-man',
  'man-and-car',
  'mountain-day',
  'tv-anchor-with-dog',
  'portrait-hair',
  'countryside-photo',
] as const;
export type SourceImageKind = (typeof SOURCE_IMAGE_KINDS)[number];

export function isSourceImageKind(value: string): value is SourceImageKind {
  return (SOURCE_IMAGE_KINDS as readonly string[]).includes(value);
}
