'use server';

import { runSteps } from '../lib/steps';

export async function runActor(actor, from, to) {
  await runSteps(actor, from, to);
}
