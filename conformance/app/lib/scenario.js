// The scenario the harness runs, as JSON (the engine's own Scenario type,
// serialised). Read once per server process.
import { readFileSync } from 'node:fs';

export const scenario = JSON.parse(readFileSync(process.env.FRESH_SCENARIO, 'utf8'));

export function readDef(key) {
  const def = scenario.app.reads.find((read) => read.key === key);
  if (!def) throw new Error(`no read named ${JSON.stringify(key)}`);
  return def;
}

export function routeDef(pattern) {
  const def = scenario.app.routes.find((route) => route.pattern === pattern);
  if (!def) throw new Error(`no route ${JSON.stringify(pattern)} in the scenario`);
  return def;
}

export function actorDef(name) {
  const def = scenario.actors.find((actor) => actor.name === name);
  if (!def) throw new Error(`no actor named ${JSON.stringify(name)}`);
  return def;
}
