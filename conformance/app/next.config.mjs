// The conformance app: Cache Components on, as the course teaches, and a
// build folder per scenario app so several builds sit side by side.
export default {
  cacheComponents: true,
  distDir: process.env.FRESH_DIST || '.next',
};
