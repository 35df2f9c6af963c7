// Counters and gauges exposed at GET /metrics in the Prometheus text format.

export interface MetricsSources {
  queueDepth: () => number;
  slotsBusy: () => number;
  slotsTotal: number;
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private promptTokens = 0;
  private completionTokens = 0;
  private decodeMs = 0;
  private decodeTokens = 0;
  /** Completion tokens/s of the most recent finished generations (sliding window). */
  private readonly window: Array<{ tokens: number; ms: number }> = [];

  constructor(private readonly sources: MetricsSources) {}

  request(route: string, status: number): void {
    const key = `${route}\u0000${status}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  generation(promptTokens: number, completionTokens: number, decodeMs: number): void {
    this.promptTokens += promptTokens;
    this.completionTokens += completionTokens;
    if (completionTokens > 1 && decodeMs > 0) {
      this.decodeTokens += completionTokens - 1;
      this.decodeMs += decodeMs;
      this.window.push({ tokens: completionTokens - 1, ms: decodeMs });
      if (this.window.length > 16) this.window.shift();
    }
  }

  render(): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('svgcopilot_requests_total', 'counter', 'HTTP requests by route and status code.');
    for (const [key, count] of [...this.requests].sort()) {
      const [route, status] = key.split('\u0000');
      lines.push(`svgcopilot_requests_total{route="${route}",status="${status}"} ${count}`);
    }
    family('svgcopilot_prompt_tokens_total', 'counter', 'Prompt tokens processed (images included).');
    lines.push(`svgcopilot_prompt_tokens_total ${this.promptTokens}`);
    family('svgcopilot_completion_tokens_total', 'counter', 'Completion tokens generated.');
    lines.push(`svgcopilot_completion_tokens_total ${this.completionTokens}`);
    const recentTokens = this.window.reduce((a, w) => a + w.tokens, 0);
    const recentMs = this.window.reduce((a, w) => a + w.ms, 0);
    family('svgcopilot_decode_tokens_per_second', 'gauge', 'Per-sequence decode speed over the last 16 generations.');
    lines.push(`svgcopilot_decode_tokens_per_second ${recentMs > 0 ? ((recentTokens * 1000) / recentMs).toFixed(2) : 0}`);
    family('svgcopilot_decode_seconds_total', 'counter', 'Time spent decoding, summed over sequences.');
    lines.push(`svgcopilot_decode_seconds_total ${(this.decodeMs / 1000).toFixed(3)}`);
    family('svgcopilot_queue_depth', 'gauge', 'Generations waiting for a slot.');
    lines.push(`svgcopilot_queue_depth ${this.sources.queueDepth()}`);
    family('svgcopilot_slots_busy', 'gauge', 'Slots currently generating.');
    lines.push(`svgcopilot_slots_busy ${this.sources.slotsBusy()}`);
    family('svgcopilot_slots_total', 'gauge', 'Slots (parallel sequences) of the engine.');
    lines.push(`svgcopilot_slots_total ${this.sources.slotsTotal}`);
    return lines.join('\n') + '\n';
  }
}
