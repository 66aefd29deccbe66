import { runSteps } from '../../../lib/steps';

export async function POST(request) {
  const url = new URL(request.url);
  await runSteps(url.searchParams.get('actor'), Number(url.searchParams.get('from')), Number(url.searchParams.get('to')));
  return new Response('ok');
}
