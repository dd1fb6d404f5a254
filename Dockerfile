# casebot on Fly.io (or any container host). Three stages: the builder installs everything,
# typechecks and compiles src/ to dist/ (npm run build); a second stage installs production
# dependencies only; the runtime image gets those and the compiled JavaScript, and runs it with
# plain Node (no TypeScript transform at start) as the unprivileged `node` user.

ARG NODE_VERSION=20

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx tsc --noEmit && npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/locales ./locales
COPY --from=build /app/content ./content
COPY --from=build /app/drizzle ./drizzle
# Only for PGlite (no DATABASE_URL); on Fly the store is Postgres.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 8080
# Node itself (not npm) receives SIGTERM, so the graceful shutdown runs. The same command as
# `npm run start:prod`; a 2 MB young generation keeps idle memory low (docs/operations.md).
CMD ["node", "--max-semi-space-size=2", "dist/main.js"]
