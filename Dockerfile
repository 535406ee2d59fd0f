# Production image: compiled JavaScript (the back office's bundle included, so no instance writes
# it at start-up), production dependencies only, non-root, on the current Node.js LTS.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./package.json
COPY templates ./templates
USER node
EXPOSE 3000
# Liveness without curl in the slim image; readiness (/health) also pings the database.
HEALTHCHECK --interval=10s --timeout=5s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
