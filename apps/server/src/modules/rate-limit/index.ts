export {
  memoryRateLimitStore,
  RateLimiter,
  retryAfterSeconds,
  type RateLimitResult,
  type RateLimitStore,
} from './rate-limiter';
