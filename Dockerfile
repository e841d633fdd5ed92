# Byline in a container: one Node process, its data on a volume at /data.
#   docker build -t byline .
#   docker run -d -p 127.0.0.1:3000:3000 -v byline-data:/data \
#     -e SESSION_SECRET="$(openssl rand -base64 48)" -e BASE_URL=https://blog.example.com byline
# No secret is baked into the image: SESSION_SECRET and the first administrator come from the
# environment at run time (see docker-compose.yml).

# ---- build: compilers for the native modules, every dependency, the TypeScript compiler
FROM node:20-bookworm-slim AS build

# better-sqlite3 and bcrypt compile from source when no prebuilt binary can be fetched.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Dependencies first, so that a change to the sources does not reinstall them.
# (`npm ci` runs `prisma generate`, which reads the schema and prisma.config.ts.)
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# Compile, then drop the development dependencies. `prisma` stays: start-up applies migrations.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: no compilers, no sources, no development dependencies
FROM node:20-bookworm-slim AS runtime

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    DATABASE_URL=file:/data/blog.db

WORKDIR /app
# The application belongs to root: the user it runs as can read it but not change it, so a
# compromised process cannot rewrite its own code. Only /data is writable.
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY views ./views
COPY public ./public

# The image's node user (uid 1000) owns the data folder; a new named volume starts with that owner.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node

EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# Node itself, not npm, with the flags of `npm start` (src/runtime.ts): SIGTERM reaches the server, which finishes requests in flight and closes
# the database (npm start would also try to compile, and the compiler is not in this image).
ENV MALLOC_ARENA_MAX=2
ENV MALLOC_MMAP_THRESHOLD_=131072
CMD ["node", "--liftoff-only", "--max-semi-space-size=4", "--max-old-space-size=160", "dist/src/server.js"]
