/** Public URLs of images. Battle images go by a random per-battle token that names nothing. */
export const battleImageUrl = (token: string) => `/api/battle-images/${token}`;
export const sourceImageUrl = (imageId: string) => `/api/source-images/${imageId}`;
