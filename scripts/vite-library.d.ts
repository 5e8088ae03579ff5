import type { UserConfig } from 'vite';
/** The condition under which workspace packages expose their TypeScript sources. */
export declare const sourceCondition = "@trickle/source";
interface LibraryOptions {
    /** The package folder (pass `import.meta.dirname`). */
    dir: string;
    /** Entry points, relative to the package folder, keyed by output name. */
    entries?: Record<string, string>;
    /** Vitest environment for this package's tests. */
    environment?: 'node' | 'jsdom';
}
/**
 * One Vite config per package: library mode to ESM (dependencies stay external) and the
 * package's Vitest project, running on `src` through the source condition.
 */
export declare function libraryConfig({ dir, entries, environment, }: LibraryOptions): UserConfig;
export {};
