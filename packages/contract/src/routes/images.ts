import { createRoute } from '@hono/zod-openapi';
import { errorResponses, webpImage } from '../responses';
import { imageIdParams, imageTokenParams } from '../schemas/params';

/**
 * Image bytes. Every image answers with the same headers (no ETag, no Last-Modified, one
 * content type), so nothing in a response tells the two sides of a battle apart.
 */

export const battleImage = createRoute({
  method: 'get',
  path: '/api/battle-images/{token}',
  summary: 'One side of a battle, by the random token the battle names',
  request: { params: imageTokenParams },
  responses: { 200: webpImage('The image'), ...errorResponses(404) },
});

export const sourceImage = createRoute({
  method: 'get',
  path: '/api/source-images/{id}',
  summary: 'The source image of an image-editing challenge',
  request: { params: imageIdParams },
  responses: { 200: webpImage('The source image'), ...errorResponses(404) },
});

export const resultImage = createRoute({
  method: 'get',
  path: '/api/result-images/{id}',
  summary: 'An attempt of a closed challenge, as its published results show it',
  description: 'Answers 404 while the challenge is open: results are public once it closes.',
  request: { params: imageIdParams },
  responses: { 200: webpImage('The image'), ...errorResponses(404) },
});
