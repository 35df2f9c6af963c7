// The part of svglint's API the like-for-like lint bench uses (svglint ships no types).
declare module 'svglint' {
  export interface Linting {
    state: 'ignored' | 'linting' | 'success' | 'warn' | 'error';
    on(event: 'done', listener: () => void): void;
    lint(): void;
  }
  export interface NormalizedConfig { readonly rules: unknown }
  export function normalizeConfig(config: { rules: Record<string, unknown> }): Promise<NormalizedConfig>;
  const svglint: {
    lintSourceWithNormalizedConfig(source: string, config: NormalizedConfig): Promise<Linting>;
  };
  export default svglint;
}
