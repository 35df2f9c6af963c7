// The model loop: generate → render → critique → refine (run.ts), and its parts.
export * from './run';
