// In-process use of the server (tests, benchmarks, embedding): load an engine,
// then serve it.
export { startServer, type ServerOptions, type RunningServer } from './http/server';
export { LlamaCppEngine } from './llamacpp/engine';
export { SVG_GBNF } from './svgGrammar';
export type { Engine, EngineInfo, EngineOptions, GenerateRequest, GenerateResult, ChatMessage, ChatPart, Constraint } from './engine';
