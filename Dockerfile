# bidwatch: one image for the API (`serve`) and the workers (`worker`).
FROM node:20-bookworm-slim
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
ENV NODE_ENV=production
EXPOSE 3000
ENTRYPOINT ["node", "bin/bidwatch.js"]
CMD ["serve"]
