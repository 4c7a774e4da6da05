import type { AdapterOptions } from './adapter-options';
import { createFalAdapter } from './fal/adapter';
import { createGeminiAdapter } from './gemini/adapter';
import {
  createOpenAiCompatibleAdapter,
  type OpenAiCompatibleOptions,
} from './openai-compatible/adapter';
import { createReplicateAdapter, type ReplicateOptions } from './replicate/adapter';
import type { ProviderAdapter, ProviderConnection } from './types';

export interface CreateAdapterOptions extends AdapterOptions {
  /** The offline demo provider (`@arena/demo-provider`): passed in, as providers never import it. */
  demo?: ProviderAdapter;
  openaiCompatible?: Pick<OpenAiCompatibleOptions, 'responseFormat'>;
  replicate?: Omit<ReplicateOptions, keyof AdapterOptions>;
}

/** The adapter for a provider connection, chosen by its kind. */
export function createAdapter(
  connection: ProviderConnection,
  options: CreateAdapterOptions = {},
): ProviderAdapter {
  const { demo, openaiCompatible, replicate, ...shared } = options;
  switch (connection.kind) {
    case 'openai-compatible':
      return createOpenAiCompatibleAdapter(connection, { ...shared, ...openaiCompatible });
    case 'gemini':
      return createGeminiAdapter(connection, shared);
    case 'fal':
      return createFalAdapter(connection, shared);
    case 'replicate':
      return createReplicateAdapter(connection, { ...shared, ...replicate });
    case 'demo':
      if (!demo) throw new Error('createAdapter: pass the demo adapter as options.demo');
      return demo;
  }
}
