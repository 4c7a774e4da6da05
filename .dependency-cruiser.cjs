/**
 * The architecture's dependency rules, checked by `pnpm lint` (dependency-cruiser). The
 * package graph is in docs/ARCHITECTURE.md; these rules keep the code to it.
 */

/** Production source of packages and apps: what runs in a deployment. */
const PRODUCTION_SOURCE = '^(packages|apps)/[^/]+/src/';
/** Test harnesses: the test-only packages, and entries of others exported for tests only. */
const TEST_HARNESS =
  '^packages/(testing|fake-providers)/|^packages/runtime/src/testing/|^packages/services/src/internal\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: each module can be understood from what it imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-nothing-of-ours',
      severity: 'error',
      comment: 'core is the pure domain and the rating statistics: it imports no other package.',
      from: { path: '^packages/core/' },
      to: { path: '^(packages|apps)/', pathNot: '^packages/core/' },
    },
    {
      name: 'nothing-imports-apps',
      severity: 'error',
      comment: 'Apps are entry points: nothing outside an app imports it.',
      from: { path: '^((?:packages|apps)/[^/]+|scripts)/' },
      to: { path: '^apps/', pathNot: '^$1/' },
    },
    {
      name: 'web-imports-only-contract-and-core-types',
      severity: 'error',
      comment:
        'The browser app talks to the API through @arena/contract only; from core it may take ' +
        'types, never code.',
      from: { path: '^apps/web/src/' },
      to: { path: '^packages/', pathNot: '^packages/(contract|core)/' },
    },
    {
      name: 'web-takes-types-from-core',
      severity: 'error',
      comment: 'Domain code runs on the server; the web app imports core for types only.',
      from: { path: '^apps/web/src/' },
      to: { path: '^packages/core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'contract-imports-only-core',
      severity: 'error',
      comment: 'The wire contract is shared with the browser: it depends on the domain only.',
      from: { path: '^packages/contract/' },
      to: { path: '^(packages|apps)/', pathNot: '^packages/(contract|core)/' },
    },
    {
      name: 'services-know-no-wiring',
      severity: 'error',
      comment:
        'Operations work over the ports in services/src/context.ts; the runtime wires them, ' +
        'never the other way round.',
      from: { path: '^packages/services/' },
      to: { path: '^packages/runtime/' },
    },
    {
      name: 'providers-know-no-demo',
      severity: 'error',
      comment: 'The demo provider plugs into createAdapter; the adapters never import it.',
      from: { path: '^packages/providers/' },
      to: { path: '^packages/demo-provider/' },
    },
    {
      name: 'production-uses-no-test-helpers',
      severity: 'error',
      comment: 'Test helpers and fake providers never ship in production code.',
      from: { path: PRODUCTION_SOURCE, pathNot: TEST_HARNESS },
      to: {
        path: ['^packages/(testing|fake-providers)/', TEST_HARNESS],
      },
    },
    {
      name: 'production-uses-no-dev-dependencies',
      severity: 'error',
      comment:
        'Production installs dependencies only (pnpm install --prod): code that runs there may ' +
        'not import a devDependency. The web app is bundled at build time and exempt.',
      from: { path: PRODUCTION_SOURCE, pathNot: [TEST_HARNESS, '^apps/web/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-undeclared-dependencies',
      severity: 'error',
      comment: 'Every package imported is declared in the importing package.json.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      comment: "SvelteKit's virtual modules ($app, $env, ./$types) exist only in its build.",
      to: { couldNotResolve: true, pathNot: ['^\\$(app|env)/', '/\\$types$'] },
    },
  ],
  options: {
    exclude: { path: '^(packages|apps)/[^/]+/(dist|build|\\.svelte-kit)/' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@arena/source', 'types', 'import', 'default'],
      extensions: ['.ts', '.js', '.svelte', '.json'],
      mainFields: ['module', 'main', 'types'],
    },
    tsConfig: { fileName: '.dependency-cruiser.tsconfig.json' },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
