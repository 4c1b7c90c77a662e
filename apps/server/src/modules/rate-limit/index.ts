export {
  memoryRateLimitStore,
  redisRateLimitStore,
  RateLimiter,
  retryAfterSeconds,
  type RateLimitResult,
  type RateLimitStore,
} from './rate-limiter';
