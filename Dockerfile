# One image for the API (which also serves the web UI) and the worker, running compiled
# JavaScript with production dependencies only.

# 1. Build: every workspace package to dist/, the web UI to apps/web/build.
FROM node:20-bookworm-slim AS build
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH TURBO_TELEMETRY_DISABLED=1
RUN npm install -g pnpm@10
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile \
  && pnpm exec turbo run build --filter=@arena/api... --filter=@arena/worker... --filter=@arena/web

# 2. The same tree with production dependencies only (from the store the build filled), and
#    without sources, tests or build tools.
FROM build AS prune
RUN rm -rf node_modules apps/*/node_modules packages/*/node_modules \
  && pnpm install --prod --frozen-lockfile --offline \
  && rm -rf apps/*/src apps/*/test packages/*/src packages/*/test apps/web/node_modules \
     apps/web/.svelte-kit scripts docs .turbo

# 3. Run: node on compiled output.
FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8787 DATA_DIR=/data
WORKDIR /app
COPY --from=prune /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
CMD ["node", "--enable-source-maps", "apps/api/dist/main.js"]
