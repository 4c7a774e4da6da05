/**
 * Node arguments that run a TypeScript entry of the repository from source, with workspace
 * packages resolved to their sources too (the `@arena/source` export condition) rather than
 * to their builds: what tests start as child processes.
 */
export const SOURCE_NODE_ARGS = ['--conditions=@arena/source', '--import', 'tsx'] as const;
