#!/usr/bin/env bash
# Regenerates src/formats/savedmodel/generated/ (static protobufjs decoders + their TypeScript declarations) from the
# TensorFlow .proto files in src/formats/savedmodel/protos/. Never edit the output by hand: change this script or the
# protos and run `bash scripts/gen-tf-protos.sh`. Needs only the devDependency protobufjs-cli (pbjs/pbts); the output
# is committed, so users, the browser and CI never parse .proto files.
#
# Static code (not a JSON descriptor + Root.fromJSON) because pbts derives a typed .d.ts for every message, so the
# readers are checked by strict TypeScript against the real field names, and the browser only ships the small
# protobufjs/minimal runtime (no reflection, no .proto parser). Decode-only: litelab never writes TF protos.
# int64 fields stay `number | Long` (exact, via the `long` package that protobufjs depends on); readers convert.
# The protobufjs/minimal runtime (CommonJS) is bundled by esbuild into one ESM file next to the decoders, so the
# generated code is plain ESM that Node, Vite and @web/test-runner all load without a CommonJS plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
protos=src/formats/savedmodel/protos
out=src/formats/savedmodel/generated
bin=node_modules/.bin
mkdir -p "$out"
files=$(cd "$protos" && find tensorflow -name '*.proto' | LC_ALL=C sort)
opts=(-t static-module -w esm --no-create --no-encode --no-verify --no-convert --no-delimited --no-typeurl --no-service
      -p "$protos")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# pbts reads the JSDoc of the commented output; the committed .js is the same code without comments.
(cd "$protos" && "$OLDPWD/$bin/pbjs" "${opts[@]/#$protos/.}" -o "$tmp/tf-protos.js" $files)
"$bin/pbts" --no-comments -o "$out/tf-protos.d.ts" "$tmp/tf-protos.js"
(cd "$protos" && "$OLDPWD/$bin/pbjs" "${opts[@]/#$protos/.}" --no-comments -o "$OLDPWD/$out/tf-protos.js" $files)
sed -i 's#from "protobufjs/minimal.js"#from "./protobuf-minimal.js"#' "$out/tf-protos.js"
grep -q 'from "./protobuf-minimal.js"' "$out/tf-protos.js"
"$bin/esbuild" node_modules/protobufjs/minimal.js --bundle --format=esm --platform=neutral --main-fields=main,module \
  --legal-comments=inline --log-level=warning --outfile="$out/protobuf-minimal.js" \
  --banner:js="// protobufjs $(node -p "require('protobufjs/package.json').version") minimal runtime with its \`long\` dependency (BSD-3-Clause, Apache-2.0), bundled by scripts/gen-tf-protos.sh"
echo "generated $out/{tf-protos.js,tf-protos.d.ts,protobuf-minimal.js} from $(echo "$files" | wc -l) protos"
