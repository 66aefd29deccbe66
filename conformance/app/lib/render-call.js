// An invalidation call made while a page renders (the engine's `in =
// "render"`): Next.js throws, and the page shows the text it threw, hex
// encoded so no escaping in HTML or the RSC payload can change it.
import { revalidatePath, revalidateTag, updateTag } from 'next/cache';

export function callDuringRender(op) {
  try {
    switch (op.op) {
      case 'update-tag':
        updateTag(op.tag);
        break;
      case 'revalidate-tag':
        if (op.profile === undefined) revalidateTag(op.tag);
        else revalidateTag(op.tag, op.profile);
        break;
      case 'revalidate-path':
        if (op.type === undefined) revalidatePath(op.path);
        else revalidatePath(op.path, op.type);
        break;
      default:
        throw new Error(`cannot call ${op.op} during render`);
    }
    return '{{ERR|}}';
  } catch (error) {
    return `{{ERR|${Buffer.from(String(error?.message ?? error)).toString('hex')}}}`;
  }
}
