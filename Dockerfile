# copydesk serve in a container: the HTTP JSON service with the pinned Vale
# beside it. The build steps are the ones the test script and the README use.
#
#   docker build -t copydesk .
#   docker run --rm -p 8080:8080 copydesk
#
# The service runs as an unprivileged user; it writes only to /tmp (the
# built-in styles are unpacked into $XDG_CACHE_HOME, texts for Vale go to
# private temporary folders), so the root file system may be read-only.

FROM golang:1.26.8-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# the pinned Vale (go.mod's tool directive and replace), as the test script builds it
RUN go build -o /usr/local/bin/vale github.com/vale-cli/vale/v3/cmd/vale
RUN go build -ldflags "-X main.version=container" -o /usr/local/bin/copydesk ./cmd/copydesk

FROM debian:bookworm-slim
# Vale links against the C++ runtime (its tree-sitter parsers use cgo)
RUN apt-get update \
 && apt-get install -y --no-install-recommends libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home --home-dir /nonexistent copydesk
# vale next to copydesk: copydesk finds it there
COPY --from=build /usr/local/bin/copydesk /usr/local/bin/vale /usr/local/bin/
ENV XDG_CACHE_HOME=/tmp/cache
USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
ENTRYPOINT ["copydesk"]
CMD ["serve", "--addr", "0.0.0.0:8080"]
