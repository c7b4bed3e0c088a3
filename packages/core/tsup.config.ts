import { defineConfig } from 'tsup'
import { baseConfig } from '../../tsup.base.ts'

// The model weights stay a separate module (`@comment-shield/core/model`, loaded by dynamic import) so bundles
// that use only the rule layer never contain them.
export default defineConfig(
  baseConfig({ entry: ['src/index.ts'], platform: 'neutral', external: ['@comment-shield/core/model'] }),
)
