# The ledger's HTTP service. Build: docker build -t hfi-decision-ledger .
# Runs against EventStoreDB by default (see docker-compose.yml); LEDGER_STORE may
# also name a SQLite file.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 falls back to compiling its native module when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Scripts off: `prepare` would build before the sources are copied. Only
# better-sqlite3 needs its install script (the native module).
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    LEDGER_STORE=esdb://eventstore:2113?tls=false \
    PORT=3000 \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# Accounts and the projections' checkpoint live here (a volume in docker-compose.yml).
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 3000
# The V8 heap is capped so garbage is collected before the process grows past ~350 MiB
# (docs/benchmarks.md: without the cap V8 let a loaded server reach ~600 MiB).
CMD ["node", "--max-old-space-size=384", "dist/src/main.js"]
