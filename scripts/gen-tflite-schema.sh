#!/usr/bin/env bash
# Regenerates src/formats/tflite/generated/ from the official TFLite schema. Never edit the output by hand:
# change this script or the schema and run `npm run gen:tflite`.
# Needs flatc 2.0.8 (Debian: apt-get install flatbuffers-compiler); users and CI never run this, the output is committed.
# schema/schema_flatc2.0.8.fbs is the official schema.fbs less three `(deprecated)` attributes flatc 2.0.8 rejects.
# flatc writes extensionless relative imports; we add `.ts` so the same files load in Node (tsx), Vite and
# @web/test-runner without a resolver plugin.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/formats/tflite/generated
rm -rf "$out"
flatc --ts --gen-object-api -o "$out" src/formats/tflite/schema/schema_flatc2.0.8.fbs
flatc --ts --gen-object-api -o "$out/conversion-metadata" src/formats/tflite/schema/conversion_metadata.fbs
find "$out" -name '*.ts' -print0 | xargs -0 sed -i -E "s#from '(\.{1,2}/[^']+)'#from '\1.ts'#"
# flatc 2.0.8 returns 0 for an absent vector element of an enum with no 0 value (ModelOptimizationMode starts at
# 1001), which strict TypeScript rejects; the accessor's declared "absent" value is null.
sed -i 's/index \* 4) : 0;/index * 4) : null;/' "$out/conversion-metadata/tflite/conversion-options.ts"
mv "$out/schema_flatc2.0.8_generated.ts" "$out/schema.ts"
mv "$out/conversion-metadata/conversion_metadata_generated.ts" "$out/conversion-metadata/index.ts"
echo "generated $(find "$out" -name '*.ts' | wc -l) files with $(flatc --version)"
# The layout descriptor the verifier (src/formats/tflite/verify.ts) walks; plain Node, no flatc needed.
node scripts/gen-tflite-layout.mjs
