// A background job in its own Node.js process (a cron script): it imports
// next/cache and calls it with no Next.js server around it. Prints what
// happened as JSON for the harness. With NEXT_RUNTIME set empty, next/cache
// is the module a browser bundle gets instead.
import cache from 'next/cache.js';

const op = JSON.parse(process.argv[2]);
try {
  switch (op.op) {
    case 'update-tag':
      cache.updateTag(op.tag);
      break;
    case 'revalidate-tag':
      if (op.profile === undefined) cache.revalidateTag(op.tag);
      else cache.revalidateTag(op.tag, op.profile);
      break;
    case 'revalidate-path':
      if (op.type === undefined) cache.revalidatePath(op.path);
      else cache.revalidatePath(op.path, op.type);
      break;
    default:
      throw new Error(`job.mjs cannot run ${op.op}`);
  }
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.message ?? error) }));
}
