/**
 * pnpm's package hooks. valibot (under bull-board) declares TypeScript as an optional peer for
 * its types only; resolved against the workspace's compiler, it put TypeScript into the
 * production install (`pnpm install --prod`), which carries no build tool.
 */
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'valibot') {
        if (pkg.peerDependencies) delete pkg.peerDependencies.typescript;
        if (pkg.peerDependenciesMeta) delete pkg.peerDependenciesMeta.typescript;
      }
      return pkg;
    },
  },
};
