import { Suspense } from 'react';
import { cookies } from 'next/headers';
import { marker, readValue } from './reads';
import { callDuringRender } from './render-call';
import { routeDef } from './scenario';

function fill(key, params) {
  return key.replace(/\[(\w+)\]/g, (_, name) => params?.[name] ?? `[${name}]`);
}

async function Reads({ pattern, params, searchParams }) {
  const route = routeDef(pattern);
  // A page the scenario marks dynamic reads request data, as the course's
  // per-user pages read cookies(): under Cache Components it sits in Suspense.
  const shown = [];
  if (route.dynamic) {
    await cookies();
    const call = (await searchParams)?.__call;
    if (call) shown.push(<p key="__call">{callDuringRender(JSON.parse(call))}</p>);
  }
  const filled = params ? await params : undefined;
  for (const template of route.reads) {
    const key = fill(template, filled);
    shown.push(<p key={key}>{marker(key, await readValue(key))}</p>);
  }
  return shown;
}

export function RoutePage({ pattern, params, searchParams }) {
  return (
    <main>
      <Suspense fallback={<p>loading</p>}>
        <Reads pattern={pattern} params={params} searchParams={searchParams} />
      </Suspense>
    </main>
  );
}
