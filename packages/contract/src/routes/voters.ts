import { createRoute } from '@hono/zod-openapi';
import { errorResponses, json } from '../responses';
import { humanCheckRequestSchema, humanCheckResultSchema } from '../schemas/voters';

export const passHumanCheck = createRoute({
  method: 'post',
  path: '/api/voters/human-check',
  summary: 'Pass the human check',
  description:
    "Verifies the provider widget's token with the provider, for the voter of the session. After a pass, a vote refused with `human_check_required` can be sent again. 403 `human_check_failed` carries the provider's error codes in `details.errorCodes`; 404 when human checks are off; 503 when the provider cannot be reached.",
  request: {
    body: { required: true, content: { 'application/json': { schema: humanCheckRequestSchema } } },
  },
  responses: {
    200: json(humanCheckResultSchema, 'Passed'),
    ...errorResponses(400, 403, 404, 413, 415, 429, 503),
  },
});
