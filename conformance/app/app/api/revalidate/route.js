// The course's revalidation endpoint: a shared secret, then revalidateTag.
import { revalidateTag } from 'next/cache';

export async function POST(request) {
  const { tag, secret } = await request.json();
  if (!process.env.REVALIDATION_SECRET || secret !== process.env.REVALIDATION_SECRET) {
    return new Response('401 Unauthorized: invalid revalidation secret', { status: 401 });
  }
  revalidateTag(tag, 'max');
  return Response.json({ revalidated: tag });
}
