import { z } from 'zod';
import { createdChallengeSchema } from './admin';
import { arenaSchema, categoryRefSchema } from './common';

/** Challenges voters suggest from the site, and an operator's decision on them. */

export const SUGGESTION_PROMPT_MIN = 10;
export const SUGGESTION_PROMPT_MAX = 2000;

export const suggestionRequestSchema = z
  .object({
    prompt: z.string().trim().min(SUGGESTION_PROMPT_MIN).max(SUGGESTION_PROMPT_MAX),
    arena: arenaSchema,
    category: z.string().min(1).max(80).optional().meta({ description: 'category slug' }),
  })
  .strict();
export type SuggestionRequest = z.infer<typeof suggestionRequestSchema>;

export const SUGGESTION_STATUS_VALUES = ['pending', 'accepted', 'rejected'] as const;
export const suggestionStatusSchema = z.enum(SUGGESTION_STATUS_VALUES);

/** What the voter gets back: nothing of anyone else's. */
export const createdSuggestionSchema = z.object({
  id: z.string(),
  status: z.literal('pending'),
  createdAt: z.string(),
});
export type CreatedSuggestion = z.infer<typeof createdSuggestionSchema>;

/** A suggestion as operators see it. */
export const suggestionSchema = z.object({
  id: z.string(),
  arena: arenaSchema,
  category: categoryRefSchema.nullable(),
  prompt: z.string(),
  status: suggestionStatusSchema,
  voterId: z.string().nullable(),
  /** The draft an accepted suggestion became. */
  challenge: z.object({ id: z.string(), slug: z.string(), status: z.string() }).nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const suggestionsSchema = z.object({ suggestions: z.array(suggestionSchema) });
export type Suggestions = z.infer<typeof suggestionsSchema>;

export const suggestionListQuery = z.object({
  status: suggestionStatusSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The draft's fields an operator may set when accepting; the rest come from the suggestion. */
export const acceptSuggestionInput = z
  .object({
    slug: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(80)
      .optional()
      .meta({ description: 'default: from the prompt, with a random suffix' }),
    title: z.string().trim().min(1).max(200).optional(),
    category: z
      .string()
      .min(1)
      .max(80)
      .optional()
      .meta({ description: 'category slug; required when the suggestion has none' }),
    prompt: z
      .string()
      .trim()
      .min(1)
      .max(8000)
      .optional()
      .meta({ description: 'an edited prompt; default: as suggested' }),
  })
  .strict();
export type AcceptSuggestionInput = z.infer<typeof acceptSuggestionInput>;

export const acceptedSuggestionSchema = z.object({
  suggestion: suggestionSchema,
  challenge: createdChallengeSchema,
});
export type AcceptedSuggestion = z.infer<typeof acceptedSuggestionSchema>;

export const rejectSuggestionInput = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict();
export type RejectSuggestionInput = z.infer<typeof rejectSuggestionInput>;
