# syntax=docker/dockerfile:1
# Any of the four services or the dashboard, multi-stage and non-root; one file so the images cannot drift apart.
# docker build --build-arg APP=reports -t dtp/reports .   (APP: reports, indicators, notifications, exports, dashboard)
FROM node:20-bookworm-slim AS build
ARG APP
RUN test -n "$APP" || (echo 'build with --build-arg APP=<service>' >&2; exit 1)
WORKDIR /workspace
COPY package.json package-lock.json ./
COPY apps/reports/package.json apps/reports/
COPY apps/indicators/package.json apps/indicators/
COPY apps/notifications/package.json apps/notifications/
COPY apps/exports/package.json apps/exports/
COPY apps/dashboard/package.json apps/dashboard/
COPY apps/platform-e2e/package.json apps/platform-e2e/
COPY libs/contracts/package.json libs/contracts/
COPY libs/domain/package.json libs/domain/
COPY libs/messaging/package.json libs/messaging/
COPY libs/platform/package.json libs/platform/
COPY libs/testing/package.json libs/testing/
# Exactly the lockfile's versions (reproducible); no install scripts run in the image.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY tools/build.mjs tools/swc-options.cjs tools/
COPY libs libs
COPY apps/${APP} apps/${APP}
RUN node tools/build.mjs apps/${APP} && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim AS runtime
ARG APP
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 APP=${APP}
# Exports embed Liberation Serif in PDFs (Times New Roman's metrics, every Vietnamese letter).
RUN if [ "$APP" = exports ]; then apt-get update && apt-get install -y --no-install-recommends fonts-liberation2 && rm -rf /var/lib/apt/lists/* && mkdir -p /var/lib/dtp/exports && chown node:node /var/lib/dtp/exports; fi
WORKDIR /app
COPY --from=build --chown=node:node /workspace/node_modules ./node_modules
COPY --from=build --chown=node:node /workspace/dist ./dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.js"]
