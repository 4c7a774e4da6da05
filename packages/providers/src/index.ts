export * from './types';
export * from './adapter-options';
export * from './create-adapter';
export * from './default-size-support';
export { classifyHttpFailure, type HttpFailure } from './http-errors';
export { isForbiddenAddress } from './ip-address';
export * from './retry-after';
export { safeFetch, type SafeFetchRequest, type SafeResponse } from './safe-fetch';
export { scrubSecret } from './secrets';
export * from './size-mapping';
export { UnsafeUrlError, type UrlPolicy } from './url-policy';
export { createFalAdapter, FAL_DEFAULT_BASE_URL, FAL_IMAGE_HOSTS } from './fal/adapter';
export { createGeminiAdapter, GEMINI_DEFAULT_BASE_URL } from './gemini/adapter';
export {
  createOpenAiCompatibleAdapter,
  OPENAI_DEFAULT_BASE_URL,
  type OpenAiCompatibleOptions,
} from './openai-compatible/adapter';
export {
  createReplicateAdapter,
  REPLICATE_DEFAULT_BASE_URL,
  REPLICATE_IMAGE_HOSTS,
  type ReplicateOptions,
} from './replicate/adapter';
