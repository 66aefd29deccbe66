// Each of the scenario's reads, cached the way its `cache` says: a
// 'use cache' function with cacheTag and cacheLife, a fetch with
// next.tags / next.revalidate, or no cache at all.
import { cacheLife, cacheTag } from 'next/cache';
import { readDef } from './scenario';
import { stub } from './stub';

async function fromDatabase(key) {
  return JSON.parse(await stub('GET', '/read', { key }));
}

function lifeOf(profile) {
  if (typeof profile === 'string') return profile;
  const life = {};
  for (const name of ['stale', 'revalidate', 'expire']) {
    if (profile[name] != null) life[name] = profile[name];
  }
  return life;
}

async function useCacheRead(key) {
  'use cache';
  const def = readDef(key);
  if (def.tags.length > 0) cacheTag(...def.tags);
  cacheLife(lifeOf(def.cache.profile));
  return fromDatabase(key);
}

async function fetchRead(key) {
  const def = readDef(key);
  const next = { tags: def.tags };
  if (def.cache.revalidate != null) next.revalidate = def.cache.revalidate;
  const res = await fetch(`${process.env.FRESH_STUB}/read?key=${encodeURIComponent(key)}`, { next });
  return res.json();
}

export async function readValue(key) {
  const def = readDef(key);
  switch (def.cache.kind) {
    case 'use-cache':
      return useCacheRead(key);
    case 'fetch':
      return fetchRead(key);
    default:
      return fromDatabase(key);
  }
}

// One text node per read, so the harness finds it in HTML and in the RSC
// payload alike: the read's key, the value shown and the generation the
// database handed out when the value was computed.
export function marker(key, { value, gen }) {
  return `{{FR|${key}|${value}|${gen}}}`;
}
