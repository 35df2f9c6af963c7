// What the real-VS-Code tests reach through the extension's exports. Returned
// by activate() only when the extension host runs with SVG_COPILOT_TEST=1 (the
// test harness sets it); users get no exports.
import type { Endpoints } from './endpoint';
import { interactionTestApi, type InteractionTestApi } from './interaction';
import { activeOperations } from './operations';

export interface SvgCopilotTestApi {
  interaction: InteractionTestApi;
  operations: typeof activeOperations;
  /** The endpoint resolver, holding the local server. */
  endpoints: Endpoints;
}

export function testApi(endpoints: Endpoints): SvgCopilotTestApi | undefined {
  const interaction = interactionTestApi();
  if (!interaction) return undefined;
  return { interaction, operations: activeOperations, endpoints };
}
