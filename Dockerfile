# casebot on Fly.io (or any container host). Three stages: the builder installs everything and
# typechecks; a second stage installs production dependencies only; the runtime image gets those and
# the sources, and runs as the unprivileged `node` user. TypeScript runs through tsx (a production
# dependency), so the image ships the checked sources rather than a separate build output.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc --noEmit

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/src ./src
COPY --from=build /app/locales ./locales
COPY --from=build /app/content ./content
COPY --from=build /app/drizzle ./drizzle
# Only for PGlite (no DATABASE_URL); on Fly the store is Postgres.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 8080
# Node itself (not npm) receives SIGTERM, so the graceful shutdown runs.
CMD ["node", "--import", "tsx", "src/main.ts"]
