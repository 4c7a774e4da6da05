import { z } from 'zod';
import { joinUrl } from '../adapter-options';
import type { CallContext } from '../call-context';
import { checkedSource, extensionFor } from '../image-bytes';
import { encodeMultipart } from '../multipart';
import type { SizeMapping, SizeSupport } from '../size-mapping';
import { ProviderError, type GenerateRequest, type SourceImage } from '../types';

export interface ReplicateInputOptions {
  /** The model's input field for source images; `image_input` (a list) by default. */
  imageInputField?: string;
  /** Source images up to this size go inline as data URIs, larger ones are uploaded first. */
  inlineSourceMaxBytes?: number;
}

const DEFAULT_INLINE_MAX = 256 * 1024;

const UploadedFile = z.object({ urls: z.object({ get: z.string() }) });

async function sourceUrl(
  ctx: CallContext,
  source: SourceImage,
  base: string,
  auth: Record<string, string>,
  inlineMax: number,
): Promise<string> {
  const { bytes, contentType } = checkedSource(source);
  if (bytes.length <= inlineMax) return `data:${contentType};base64,${bytes.toString('base64')}`;
  const filename = `source.${extensionFor(contentType)}`;
  const form = await encodeMultipart({}, [{ field: 'content', bytes, contentType, filename }]);
  const uploaded = await ctx.api({
    url: joinUrl(base, '/v1/files'),
    headers: { ...auth, 'content-type': form.contentType },
    body: form.body,
  });
  const parsed = UploadedFile.safeParse(uploaded.json);
  if (!parsed.success) {
    throw new ProviderError('malformed_response', 'unexpected file upload answer', {
      retryable: true,
      httpStatus: uploaded.status,
    });
  }
  return parsed.data.urls.get;
}

/** The prediction's `input`: prompt, seed, size as the model takes it, source images. */
export async function replicateInput(
  ctx: CallContext,
  request: GenerateRequest,
  mapping: SizeMapping,
  support: SizeSupport,
  context: { base: string; auth: Record<string, string>; options: ReplicateInputOptions },
): Promise<Record<string, unknown>> {
  const size =
    support.kind === 'ratios'
      ? {
          aspect_ratio: mapping.used.aspectRatio,
          ...(support.tiers.length > 1 ? { resolution: mapping.used.resolution } : {}),
        }
      : { width: mapping.used.size.width, height: mapping.used.size.height };
  const inlineMax = context.options.inlineSourceMaxBytes ?? DEFAULT_INLINE_MAX;
  const sources: string[] = [];
  for (const source of request.sourceImages ?? []) {
    sources.push(await sourceUrl(ctx, source, context.base, context.auth, inlineMax));
  }
  return {
    prompt: request.prompt,
    seed: request.seed,
    ...size,
    ...(sources.length ? { [context.options.imageInputField ?? 'image_input']: sources } : {}),
    ...(request.outputFormat ? { output_format: request.outputFormat } : {}),
  };
}
