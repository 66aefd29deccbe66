// An actor's server steps, run one at a time: before each, the step waits
// at the harness's gate, so the real server runs the interleaving the
// engine runs. The harness releases steps in the scenario's schedule.
import { revalidatePath, revalidateTag, updateTag } from 'next/cache';
import { redirect } from 'next/navigation';
import { actorDef } from './scenario';
import { stub } from './stub';

function profileArg(profile) {
  if (typeof profile === 'string') return profile;
  if (profile && typeof profile === 'object') return profile;
  return undefined;
}

async function runOne(actor, op) {
  switch (op.op) {
    case 'begin':
    case 'commit':
    case 'rollback':
      return stub('POST', `/${op.op}`, { actor });
    case 'write':
      return stub('POST', '/write', { actor, row: op.row, value: op.value });
    case 'delete':
      return stub('POST', '/delete', { actor, row: op.row });
    case 'update-tag':
      return updateTag(op.tag);
    case 'revalidate-tag':
      return op.profile === undefined ? revalidateTag(op.tag) : revalidateTag(op.tag, profileArg(op.profile));
    case 'revalidate-path':
      return op.type === undefined ? revalidatePath(op.path) : revalidatePath(op.path, op.type);
    case 'redirect':
      return redirect(op.path);
    case 'wait':
    case 'respond':
      return undefined;
    default:
      throw new Error(`step ${op.op} cannot run on the server`);
  }
}

export async function runSteps(actor, from, to) {
  const steps = actorDef(actor).steps;
  try {
    for (let i = from; i < to; i++) {
      await stub('POST', '/gate', { actor, step: String(i) });
      if (steps[i].op === 'respond') return;
      await runOne(actor, steps[i]);
    }
  } catch (error) {
    // A throw ends the request and rolls its transaction back, as a
    // transaction wrapper would. The harness keeps the real error text.
    await stub('POST', '/rollback', { actor, ifOpen: '1' });
    if (error?.digest?.startsWith?.('NEXT_REDIRECT')) throw error;
    await stub('POST', '/error', { actor, message: String(error?.message ?? error) });
    throw error;
  }
}
