# bidwatch: one image for the API (`serve`) and the workers (`worker`).
# Node 22 LTS (Node 20 reached end of life in April 2026; the code also runs on 20, which CI tests too).
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY bin ./bin
COPY src ./src
COPY detectors ./detectors
COPY migrations ./migrations
COPY seeds ./seeds
COPY bench ./bench
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build --chown=node:node /app /app
# the image's own unprivileged user; uploads and embedded data live in volumes it owns
RUN mkdir -p /uploads /data && chown node:node /uploads /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "bin/bidwatch.js"]
CMD ["serve"]
