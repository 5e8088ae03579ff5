import { fileURLToPath } from 'node:url'

/** The repository root (the folder with the root package.json), with no trailing slash. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')
