# The CryoGraph binary, with the web UI embedded, in a small image. docker-compose.yml runs it
# next to neo4j:5.26-community.
FROM node:20 AS web
WORKDIR /src/web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=web /src/web/dist ./web/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/cryograph ./cmd/cryograph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/cryograph /usr/local/bin/cryograph
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/cryograph"]
# With NEO4J_URI set, `up` starts no local Neo4j: it migrates, loads the demo data and serves.
CMD ["up"]
