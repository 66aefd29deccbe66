//! A deterministic model of Next.js 16 caching.
