import { defineConfig, type Options } from 'tsup'

type BuildConfig = ReturnType<typeof defineConfig>

/**
 * The one build every published package shares: ESM and CommonJS side by
 * side, each with its own declaration file, for Node 20 and later.
 */
export function packageBuild(
  entry: Record<string, string>,
  extra: Options = {},
): BuildConfig {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    // Every export spells out its type, so declarations never depend on inference.
    dts: { compilerOptions: { isolatedDeclarations: true } },
    clean: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    // Peer and regular dependencies stay imports; tsup externalises them.
    splitting: false,
    treeshake: true,
    ...extra,
  })
}
